import { describe, expect, it } from 'vitest';
import { compileRules } from '../../../lib/rules/index.js';
import { configErrorOf, configWith, patchRule } from './helpers.js';

const alert = { alert: { channel: 'oncall', groupBy: ['jobId', 'signature'], window: 600_000 } };
const job = {
  JobName: 'encode',
  Tasks: [{ TaskName: 'encode', Application: { Command: 'encode.sh {{ jobId }}' } }],
};
const submit = { submitJob: { job, placement: { Zone: 'ap-guangzhou-3' } } };

const base = configWith([
  { name: 'a', on: 'JOB_FAILED', do: [alert] },
  { name: 'b', on: 'JOB_SUCCEED', do: [alert] },
  { name: 'c', on: 'TASK_*', do: [alert] },
]);

const errorFor = (index: number, patch: Record<string, unknown>) =>
  configErrorOf(() => compileRules(patchRule(base, index, patch)));

describe('compileRules › errors', () => {
  it.each([
    ['a bad regex', 2, { if: { jobName: { regex: '(' } } }, 'rules[2].if.jobName.regex'],
    ['an unknown field', 0, { if: { jobname: 'x' } }, 'rules[0].if.jobname'],
    [
      'a field inside anyOf',
      0,
      { if: { anyOf: [{ jobId: 'a' }, { jobid: 'b' }] } },
      'rules[0].if.anyOf[1].jobid',
    ],
    [
      'a regex inside not',
      1,
      { if: { exitCode: { not: { regex: '[' } } } },
      'rules[1].if.exitCode.not.regex',
    ],
    [
      'an unknown operator',
      0,
      { if: { jobName: { startsWith: 'x' } } },
      'rules[0].if.jobName.startsWith',
    ],
    ['an empty condition', 0, { if: { jobName: {} } }, 'rules[0].if.jobName'],
    ['vars without a name', 0, { if: { vars: 'x' } }, 'rules[0].if.vars'],
    ['an unknown source field', 0, { if: { 'source.nope': 'x' } }, 'rules[0].if.source.nope'],
    ['an `on` with a space', 0, { on: 'JOB FAILED' }, 'rules[0].on'],
    ['an `on` list entry', 1, { on: ['JOB_SUCCEED', 'JOB.FAILED'] }, 'rules[1].on[1]'],
  ])('reports %s with its path', (_case, index, patch, path) => {
    // Arrange / Act
    const error = errorFor(index, patch);
    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.path).toBe(path);
    expect(error.message.startsWith(`${path}: `)).toBe(true);
  });

  it('names the template, the field and the expression for a job string', () => {
    // Arrange
    const bad = structuredClone(job);
    bad.Tasks[0] = { TaskName: 'encode', Application: { Command: 'encode.sh {{ jobid }}' } };
    // Act
    const error = errorFor(0, { do: [{ submitJob: { ...submit.submitJob, job: bad } }] });
    // Assert
    expect(error.path).toBe('rules[0].do[0].submitJob.job.Tasks[0].Application.Command');
    expect(error.message).toBe(
      "rules[0].do[0].submitJob.job.Tasks[0].Application.Command: unknown field 'jobid' in {{ jobid }}",
    );
  });

  it.each([
    [
      'an alert template',
      { do: [{ alert: { channel: 'oncall', template: '{{ nope }}' } }] },
      'rules[0].do[0].alert.template',
    ],
    [
      'a scaleEnv envId',
      { do: [alert, { scaleEnv: { envId: '{{ env }}', max: 2 } }] },
      'rules[0].do[1].scaleEnv.envId',
    ],
    [
      'submitJob vars',
      { do: [{ submitJob: { ...submit.submitJob, vars: { upstream: '{{ job }}' } } }] },
      'rules[0].do[0].submitJob.vars.upstream',
    ],
    [
      'an unclosed expression',
      { do: [{ alert: { channel: 'oncall', template: 'x {{ jobId' } }] },
      'rules[0].do[0].alert.template',
    ],
    [
      'an expression with code',
      { do: [{ alert: { channel: 'oncall', template: '{{ jobId + 1 }}' } }] },
      'rules[0].do[0].alert.template',
    ],
    [
      'an unresolved job file',
      { do: [{ submitJob: { ...submit.submitJob, job: { file: 'jobs/encode.json' } } }] },
      'rules[0].do[0].submitJob.job.file',
    ],
    [
      'an unknown channel',
      { do: [{ alert: { channel: 'pager' } }] },
      'rules[0].do[0].alert.channel',
    ],
  ])('reports %s with its path', (_case, patch, path) => {
    // Arrange / Act
    const error = errorFor(0, patch);
    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.path).toBe(path);
  });

  it('compiles the same config without errors when nothing is wrong', () => {
    // Arrange
    const config = patchRule(base, 0, { do: [submit, alert] });
    // Act / Assert
    expect(compileRules(config).ruleNames).toEqual(['a', 'b', 'c']);
  });
});
