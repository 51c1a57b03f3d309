import { describe, expect, it } from 'vitest';
import { catchConfigError, oneRule, parseText } from './config-test-kit.js';

describe('parseConfig: CONFIG_INVALID in rules', () => {
  it.each([
    [
      'an unknown action kind',
      '    do: [ { submitjob: {} } ]',
      'rules[0].do[0]',
      "unknown action 'submitjob': expected one of alert, submitJob, scaleEnv, terminateNode",
    ],
    [
      'an empty action',
      '    do: [ {} ]',
      'rules[0].do[0]',
      'empty action: expected one of alert, submitJob, scaleEnv, terminateNode',
    ],
    [
      'two kinds in one action',
      '    do: [ { alert: { channel: oncall }, terminateNode: {} } ]',
      'rules[0].do[0]',
      'an action has exactly one kind, got alert and terminateNode',
    ],
    [
      'a key next to the kind',
      '    do:\n      - alert: { channel: oncall }\n        extra: 1',
      'rules[0].do[0].extra',
      "an action has exactly one key (alert, submitJob, scaleEnv or terminateNode); unexpected 'extra'",
    ],
    [
      'a string action',
      '    do: [ alert ]',
      'rules[0].do[0]',
      'an action is an object such as { alert: {…} }, got a string',
    ],
    [
      'a bad field inside the kind',
      '    do: [ { scaleEnv: { envId: e, max: "20" } } ]',
      'rules[0].do[0].scaleEnv.max',
      'Invalid input: expected number, received string',
    ],
    [
      'an unknown key inside the kind',
      '    do: [ { terminateNode: { maxPerHuor: 2 } } ]',
      'rules[0].do[0].terminateNode.maxPerHuor',
      "unknown key 'maxPerHuor' in terminateNode: expected maxPerHour or region",
    ],
    [
      'min greater than max',
      '    do: [ { scaleEnv: { envId: e, min: 5, max: 2 } } ]',
      'rules[0].do[0].scaleEnv.min',
      'min must not exceed max',
    ],
    [
      'a bad duration',
      '    do: [ { scaleEnv: { envId: e, max: 2, scaleDownAfter: 10 minutes } } ]',
      'rules[0].do[0].scaleEnv.scaleDownAfter',
      'a duration such as 30s, 10m, 1h',
    ],
    [
      'more than 2000 nodes',
      '    do: [ { scaleEnv: { envId: e, max: 2001 } } ]',
      'rules[0].do[0].scaleEnv.max',
      'Too big: expected number to be <=2000',
    ],
    [
      'a job that is a string',
      '    do: [ { submitJob: { job: a.json, placement: { Zone: z } } } ]',
      'rules[0].do[0].submitJob.job',
      'expected { file: path/to/job.json } or an inline Job object, got a string',
    ],
    [
      'a file next to job fields',
      '    do: [ { submitJob: { job: { file: a.json, Tasks: [] }, placement: { Zone: z } } } ]',
      'rules[0].do[0].submitJob.job',
      "{ file: path } must stand alone; found it next to 'Tasks'",
    ],
    [
      'an unknown channel',
      '    do: [ { alert: { channel: pager } } ]',
      'rules[0].do[0].alert.channel',
      "unknown channel 'pager' (defined: oncall)",
    ],
  ])('explains %s', (_what, body, path, message) => {
    // Act
    const error = catchConfigError(() => parseText(oneRule(body)));

    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.path).toBe(path);
    expect(error.message).toContain(`${path}: ${message} (line `);
  });

  it.each([
    [
      'an unknown operator',
      'jobName: { prefx: r- }',
      'rules[0].if.jobName.prefx',
      "unknown condition operator 'prefx': expected in, prefix, suffix, glob, regex, exists, gt, gte, lt, lte or not",
    ],
    [
      'an unknown field',
      'jobname: r-1',
      'rules[0].if.jobname',
      "unknown field 'jobname' (did you mean 'jobName'?)",
    ],
    [
      'a list as a condition',
      'jobName: [a, b]',
      'rules[0].if.jobName',
      'a condition is a string, number, boolean, null or an object of operators',
    ],
    [
      'a bad operator value',
      'exitCode: { gt: big }',
      'rules[0].if.exitCode.gt',
      'Invalid input: expected number, received string',
    ],
    [
      'an empty operator object',
      'exitCode: {}',
      'rules[0].if.exitCode',
      'a condition needs at least one operator',
    ],
    [
      'an invalid regex',
      'jobName: { regex: "(" }',
      'rules[0].if.jobName.regex',
      'not a valid regular expression',
    ],
    ['an empty anyOf', 'anyOf: []', 'rules[0].if.anyOf', 'list at least one alternative'],
    [
      'a bad condition inside anyOf',
      'anyOf: [ { envId: { suffx: x } } ]',
      'rules[0].if.anyOf[0].envId.suffx',
      "unknown condition operator 'suffx'",
    ],
    [
      'a bad condition inside not',
      'envId: { not: { inn: [a] } }',
      'rules[0].if.envId.not.inn',
      "unknown condition operator 'inn'",
    ],
  ])('explains %s in a condition', (_what, condition, path, message) => {
    // Arrange
    const text = oneRule(`    if: { ${condition} }\n    do: [ { terminateNode: {} } ]`);

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.path).toBe(path);
    expect(error.message).toContain(`${path}: ${message}`);
    expect(error.message).toContain('(1 problem)');
  });

  it('names every unknown key of one object', () => {
    // Arrange
    const text = oneRule('    do: [ { terminateNode: { a: 1, b: 2 } } ]');

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.path).toBe('rules[0].do[0].terminateNode.a');
    expect(error.message).toContain("unknown keys 'a', 'b' in terminateNode");
  });

  it('explains a duration of the wrong type', () => {
    // Arrange
    const text = oneRule('    do: [ { scaleEnv: { envId: e, max: 2, scaleDownAfter: true } } ]');

    // Act
    const error = catchConfigError(() => parseText(text));

    // Assert
    expect(error.message).toContain(
      'rules[0].do[0].scaleEnv.scaleDownAfter: a duration such as 30s, 10m, 1h, or a number of seconds (line 7)',
    );
  });
});
