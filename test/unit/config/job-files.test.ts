import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lib/config/index.js';
import { catchConfigError, memoryFiles, parseText } from './config-test-kit.js';

const submitting = (...files: string[]): string =>
  `version: 1\nrules:\n${files
    .map(
      (file, i) =>
        `  - name: r${i}\n    on: JOB_SUCCEED\n    do:\n      - submitJob: { job: { file: ${file} }, placement: { Zone: z } }\n`,
    )
    .join('')}`;

const jobOf = (config: ReturnType<typeof parseText>, rule: number): unknown => {
  const action = config.rules[rule]?.do[0];
  return action !== undefined && 'submitJob' in action ? action.submitJob.job : undefined;
};

describe('parseConfig: submitJob job files', () => {
  it('reads JSON and YAML job files relative to the config directory', () => {
    // Arrange
    const files = {
      '/cfg/jobs/a.json': '{ "JobName": "a", "Tasks": [] }',
      '/cfg/b.yaml': 'JobName: b\nPriority: 5\n',
      '/shared/c.yml': 'JobName: c\n',
    };

    // Act
    const config = parseText(submitting('jobs/a.json', 'b.yaml', '../shared/c.yml'), { files });

    // Assert
    expect([0, 1, 2].map((i) => jobOf(config, i))).toEqual([
      { JobName: 'a', Tasks: [] },
      { JobName: 'b', Priority: 5 },
      { JobName: 'c' },
    ]);
  });

  it('reads a file used by two rules once and gives each rule its own copy', () => {
    // Arrange
    const { readFile, reads } = memoryFiles({
      '/cfg/job.json': '{ "Tasks": [ { "TaskName": "t" } ] }',
    });

    // Act
    const config = parseConfig(submitting('job.json', 'job.json'), {
      env: {},
      baseDir: '/cfg',
      readFile,
    });

    // Assert
    expect(reads).toEqual(['/cfg/job.json']);
    expect(jobOf(config, 0)).toEqual(jobOf(config, 1));
    expect(jobOf(config, 0)).not.toBe(jobOf(config, 1));
  });

  it('expands env references in job files', () => {
    // Arrange
    const files = { '/cfg/job.json': `{ "Image": "\${env:IMAGE}", "Note": "$\${x}" }` };

    // Act
    const config = parseText(submitting('job.json'), { files, env: { IMAGE: 'ccr/enc:2' } });

    // Assert
    expect(jobOf(config, 0)).toEqual({ Image: 'ccr/enc:2', Note: `\${x}` });
  });

  it('reports missing env variables of all job files at once, naming file and rule', () => {
    // Arrange
    const files = {
      '/cfg/a.json': `{ "Tasks": [ { "Image": "\${env:IMAGE_A}" } ] }`,
      '/cfg/b.json': `{ "Image": "\${env:IMAGE_B}" }`,
    };

    // Act
    const error = catchConfigError(() => parseText(submitting('a.json', 'b.json'), { files }));

    // Assert
    expect(error.code).toBe('CONFIG_ENV_MISSING');
    expect(error.path).toBe('rules[0].do[0].submitJob.job');
    expect(error.message).toContain(
      'IMAGE_A (a.json: Tasks[0].Image, loaded by rules[0].do[0].submitJob.job)',
    );
    expect(error.message).toContain(
      'IMAGE_B (b.json: Image, loaded by rules[1].do[0].submitJob.job)',
    );
  });

  it.each([
    ['a missing file', 'nope.json', {}, 'not found (looked for /cfg/nope.json)'],
    ['a list', 'list.json', { '/cfg/list.json': '[1, 2]' }, 'must hold a Job object, got a list'],
    ['a string', 's.yml', { '/cfg/s.yml': 'just text' }, 'must hold a Job object, got a string'],
    ['an empty file', 'e.yaml', { '/cfg/e.yaml': '' }, 'must hold a Job object, got null'],
    ['invalid JSON', 'bad.json', { '/cfg/bad.json': '{ "a": ' }, 'not valid JSON'],
    ['invalid YAML', 'bad.yml', { '/cfg/bad.yml': 'a: [1' }, 'bad.yml:1:'],
    ['duplicate YAML keys', 'dup.yml', { '/cfg/dup.yml': 'a: 1\na: 2' }, 'Map keys must be unique'],
    [
      'an unknown extension',
      'job.txt',
      { '/cfg/job.txt': '{}' },
      'use a .json, .yml or .yaml file',
    ],
  ])('rejects %s as CONFIG_FILE naming the rule and the file', (_what, file, files, reason) => {
    // Act
    const error = catchConfigError(() =>
      parseText(submitting('ok.json', file), { files: { '/cfg/ok.json': '{}', ...files } }),
    );

    // Assert
    expect(error.code).toBe('CONFIG_FILE');
    expect(error.path).toBe('rules[1].do[0].submitJob.job');
    expect(error.message).toContain(`rules[1].do[0].submitJob.job: job file ${file}: `);
    expect(error.message).toContain(reason);
  });

  it('rejects an unreadable job file with the reason', () => {
    // Arrange
    const readFile = (path: string): string => {
      if (path === '/cfg/job.json') throw Object.assign(new Error('denied'), { code: 'EACCES' });
      throw new Error(`unexpected read of ${path}`);
    };

    // Act
    const error = catchConfigError(() =>
      parseConfig(submitting('job.json'), { env: {}, baseDir: '/cfg', readFile }),
    );

    // Assert
    expect(error.code).toBe('CONFIG_FILE');
    expect(error.message).toBe(
      'rules[0].do[0].submitJob.job: job file job.json: cannot be read (EACCES)',
    );
  });

  it('rejects a malformed env reference in a job file', () => {
    // Arrange
    const files = { '/cfg/j.json': `{ "Image": "\${env:BAD-NAME}" }` };

    // Act
    const error = catchConfigError(() => parseText(submitting('j.json'), { files }));

    // Assert
    expect(error.code).toBe('CONFIG_FILE');
    expect(error.message).toContain('malformed');
    expect(error.message).toContain('at Image');
  });

  it('leaves inline jobs alone and reads no file', () => {
    // Arrange
    const text =
      'version: 1\nrules:\n  - { name: r, on: X, do: [ { submitJob: { job: { JobName: j }, placement: { Zone: z } } } ] }';
    const { readFile, reads } = memoryFiles({});

    // Act
    const config = parseConfig(text, { env: {}, baseDir: '/cfg', readFile });

    // Assert
    expect(jobOf(config, 0)).toEqual({ JobName: 'j' });
    expect(reads).toEqual([]);
  });
});
