// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${BATCH_…} is Batch's placeholder syntax, kept literal on purpose
import { describe, expect, it } from 'vitest';
import { defaultLogName, expandLogName, resolveLogName } from '../../../lib/logs/index.js';

const ref = { jobId: 'job-97zcl3wt', taskName: 'A', index: 1, stream: 'stderr' } as const;

describe('defaultLogName', () => {
  it.each([
    ['stdout', 'stdout.job-97zcl3wt.A.1.log'],
    ['stderr', 'stderr.job-97zcl3wt.A.1.log'],
  ] as const)('names the %s file as Batch does in its examples', (stream, name) => {
    // Arrange / Act
    const result = defaultLogName({ ...ref, stream });
    // Assert
    expect(result).toBe(name);
  });
});

describe('expandLogName', () => {
  it('fills the three documented placeholders, each as often as it appears', () => {
    // Arrange
    const template =
      'prefix.${BATCH_JOB_ID}.${BATCH_TASK_NAME}.${BATCH_TASK_INSTANCE_INDEX}.${BATCH_TASK_NAME}.log';
    // Act
    const name = expandLogName(template, ref);
    // Assert
    expect(name).toBe('prefix.job-97zcl3wt.A.1.A.log');
  });

  it('leaves a constant name and unknown placeholders as written', () => {
    // Arrange / Act
    const constant = expandLogName('prefix.project1.log', ref);
    const unknown = expandLogName('x.${HOME}.$BATCH_JOB_ID.log', ref);
    // Assert
    expect(constant).toBe('prefix.project1.log');
    expect(unknown).toBe('x.${HOME}.$BATCH_JOB_ID.log');
  });
});

describe('resolveLogName', () => {
  it.each([null, undefined, '', '   '])('uses the default name when the API gave %j', (given) => {
    // Arrange / Act
    const name = resolveLogName(given, ref);
    // Assert
    expect(name).toBe('stderr.job-97zcl3wt.A.1.log');
  });

  it('uses the name the API gave, expanding placeholders echoed raw', () => {
    // Arrange / Act
    const resolved = resolveLogName('stderr.job-97zcl3wt.A.1.log', ref);
    const custom = resolveLogName('err.${BATCH_TASK_NAME}.${BATCH_TASK_INSTANCE_INDEX}', ref);
    // Assert
    expect(resolved).toBe('stderr.job-97zcl3wt.A.1.log');
    expect(custom).toBe('err.A.1');
  });
});
