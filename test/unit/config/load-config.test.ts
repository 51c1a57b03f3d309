import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, type RuleAction } from '../../../lib/config/index.js';
import { DESIGN_ENV, FIXTURES, oneRule, parseText } from './config-test-kit.js';

const firstAction = (text: string): RuleAction => {
  const action = parseText(text).rules[0]?.do[0];
  expect(action).toBeDefined();
  return action as RuleAction;
};

describe('loadConfigFile', () => {
  it('loads the full example of DESIGN 3.2 with its job file inlined', () => {
    // Arrange
    const path = join(FIXTURES, 'design-example.yml');

    // Act
    const config = loadConfigFile(path, { env: DESIGN_ENV });

    // Assert
    expect(config.region).toBe('ap-guangzhou');
    expect(config.topic).toBe('batch-events');
    expect(config.queue).toBe('batch-bridge-inbox');
    const { oncall } = config.channels;
    expect(oncall).toEqual({
      type: 'wecom',
      url: DESIGN_ENV.ONCALL_WEBHOOK,
      secret: DESIGN_ENV.ONCALL_SECRET,
    });
    expect(config.rules.map((r) => r.name)).toEqual([
      'encode-after-render',
      'failures',
      'render-pool',
      'replace-broken-nodes',
    ]);
    const [encode, failures, pool, nodes] = config.rules;
    expect(encode?.if).toEqual({ jobName: { prefix: 'render-' }, 'vars.pipeline': 'films' });
    expect(encode?.do[0]).toMatchObject({
      submitJob: {
        job: { JobName: 'encode-{{ jobName }}', Tasks: [{ TaskName: 'encode' }] },
        placement: { Zone: 'ap-guangzhou-3' },
        vars: { upstream: '{{ jobId }}' },
      },
    });
    expect(JSON.stringify(encode?.do[0])).toContain(
      '"Image":"ccr.ccs.tencentyun.com/films/encoder:1.4"',
    );
    expect(failures?.on).toEqual(['TASK_INSTANCE_FAILED', 'JOB_FAILED*']);
    expect(failures?.do[0]).toEqual({
      alert: {
        channel: 'oncall',
        logs: { stream: 'stderr', lines: 30 },
        groupBy: ['jobId', 'signature'],
        window: 600_000,
      },
    });
    expect(pool?.do[0]).toEqual({
      scaleEnv: { envId: 'env-abc123', min: 0, max: 20, scaleDownAfter: 600_000, tasksPerNode: 1 },
    });
    expect(nodes?.do[0]).toEqual({ terminateNode: { maxPerHour: 5 } });
  });

  it('applies an env default written in the job file unless the variable is set', () => {
    // Arrange
    const path = join(FIXTURES, 'design-example.yml');

    // Act
    const config = loadConfigFile(path, { env: { ...DESIGN_ENV, ENCODER_IMAGE: 'ccr/x:2' } });

    // Assert
    const job = JSON.stringify(config.rules[0]?.do[0]);
    expect(job).toContain('"Image":"ccr/x:2"');
  });
});

describe('parseConfig: top level', () => {
  it('fills the defaults of an otherwise empty config', () => {
    // Arrange / Act
    const config = parseText('version: 1');

    // Assert
    expect(config).toEqual({ version: 1, region: 'ap-guangzhou', channels: {}, rules: [] });
  });

  it('reads YAML 1.2: yes and on are strings, not booleans', () => {
    // Arrange
    const text = oneRule(
      '    if: { vars.flag: yes, vars.mode: on }\n    do: [ { terminateNode: {} } ]',
    );

    // Act
    const config = parseText(text);

    // Assert
    expect(config.rules[0]?.if).toEqual({ 'vars.flag': 'yes', 'vars.mode': 'on' });
  });
});

describe('parseConfig: on', () => {
  it.each([
    ['a name', 'JOB_FAILED', 'JOB_FAILED'],
    ['a glob', '"*_FAILED*"', '*_FAILED*'],
    [
      'a list of names and globs',
      '[JOB_*, TASK_INSTANCE_FAILED]',
      ['JOB_*', 'TASK_INSTANCE_FAILED'],
    ],
  ])('accepts %s', (_what, yaml, expected) => {
    // Arrange
    const text = `version: 1\nrules:\n  - { name: r, on: ${yaml}, do: [ { terminateNode: {} } ] }`;

    // Act
    const config = parseText(text);

    // Assert
    expect(config.rules[0]?.on).toEqual(expected);
  });
});

describe('parseConfig: if', () => {
  it.each([
    ['a bare string (equals)', 'jobName: render-1', 'render-1'],
    ['a bare number', 'exitCode: 137', 137],
    ['a bare boolean', 'vars.retry: true', true],
    ['a bare null', 'stateReason: null', null],
    ['in', 'exitCode: { in: [1, 2, "x", null] }', { in: [1, 2, 'x', null] }],
    ['prefix', 'jobName: { prefix: render- }', { prefix: 'render-' }],
    ['suffix', 'jobName: { suffix: -hd }', { suffix: '-hd' }],
    ['glob', 'taskName: { glob: "enc*" }', { glob: 'enc*' }],
    ['regex', 'jobName: { regex: "^r-[0-9]+$" }', { regex: '^r-[0-9]+$' }],
    ['exists', 'batch.Cpu: { exists: false }', { exists: false }],
    ['gt', 'exitCode: { gt: 0 }', { gt: 0 }],
    ['gte', 'exitCode: { gte: 1 }', { gte: 1 }],
    ['lt', 'taskInstanceIndex: { lt: 10 }', { lt: 10 }],
    ['lte', 'taskInstanceIndex: { lte: 9.5 }', { lte: 9.5 }],
    ['not', 'jobName: { not: { prefix: test- } }', { not: { prefix: 'test-' } }],
    ['several operators', 'exitCode: { gte: 1, lt: 128 }', { gte: 1, lt: 128 }],
  ])('accepts %s', (_what, condition, expected) => {
    // Arrange
    const text = oneRule(`    if: { ${condition} }\n    do: [ { terminateNode: {} } ]`);

    // Act
    const config = parseText(text);

    // Assert
    expect(Object.values(config.rules[0]?.if ?? {})).toEqual([expected]);
  });

  it('accepts anyOf at the top next to plain conditions, and dotted vars/batch fields', () => {
    // Arrange
    const text = oneRule(`    if:
      envId: env-1
      anyOf:
        - { vars.pipeline: films, batch.Priority: { gte: 5 } }
        - { jobName: { prefix: hot- } }
    do: [ { terminateNode: {} } ]`);

    // Act
    const config = parseText(text);

    // Assert
    expect(config.rules[0]?.if).toEqual({
      envId: 'env-1',
      anyOf: [
        { 'vars.pipeline': 'films', 'batch.Priority': { gte: 5 } },
        { jobName: { prefix: 'hot-' } },
      ],
    });
  });
});

describe('parseConfig: actions', () => {
  it('fills alert defaults for logs and keeps a custom template', () => {
    // Arrange
    const text = oneRule(
      '    do: [ { alert: { channel: oncall, template: "{{ jobId }} failed", logs: {} } } ]',
    );

    // Act
    const action = firstAction(text);

    // Assert
    expect(action).toEqual({
      alert: {
        channel: 'oncall',
        template: '{{ jobId }} failed',
        logs: { stream: 'stderr', lines: 30 },
        groupBy: ['jobId', 'signature'],
        window: 600_000,
      },
    });
  });

  it('keeps an inline submitJob job and its placement extras', () => {
    // Arrange
    const text = oneRule(`    do:
      - submitJob:
          job: { JobName: "next-{{ jobId }}", Tasks: [] }
          placement: { Zone: ap-shanghai-2, ProjectId: 0, Extra: kept }
          region: ap-shanghai`);

    // Act
    const action = firstAction(text);

    // Assert
    expect(action).toEqual({
      submitJob: {
        job: { JobName: 'next-{{ jobId }}', Tasks: [] },
        placement: { Zone: 'ap-shanghai-2', ProjectId: 0, Extra: 'kept' },
        region: 'ap-shanghai',
      },
    });
  });

  it.each([
    ['10m', 600_000],
    ['30s', 30_000],
    ['1.5h', 5_400_000],
    ['1d', 86_400_000],
    ['250ms', 250],
    ['90', 90_000],
  ])('turns scaleDownAfter %s into %i ms and fills scaleEnv defaults', (duration, ms) => {
    // Arrange
    const text = oneRule(
      `    do: [ { scaleEnv: { envId: env-1, max: 3, scaleDownAfter: ${duration} } } ]`,
    );

    // Act
    const action = firstAction(text);

    // Assert
    expect(action).toEqual({
      scaleEnv: { envId: 'env-1', min: 0, max: 3, scaleDownAfter: ms, tasksPerNode: 1 },
    });
  });

  it('defaults scaleDownAfter to 10 minutes and terminateNode to 5 per hour', () => {
    // Arrange
    const text = oneRule('    do: [ { scaleEnv: { envId: e, max: 1 } }, { terminateNode: {} } ]');

    // Act
    const actions = parseText(text).rules[0]?.do;

    // Assert
    expect(actions).toEqual([
      { scaleEnv: { envId: 'e', min: 0, max: 1, scaleDownAfter: 600_000, tasksPerNode: 1 } },
      { terminateNode: { maxPerHour: 5 } },
    ]);
  });
});
