import { describe, expect, it } from 'vitest';
import { clientTokenFor } from '../../../lib/actions/index.js';
import { compileRules, evaluateRules } from '../../../lib/rules/index.js';
import { configWith } from '../rules/helpers.js';
import { makeEvent } from '../rules/make-event.js';
import { evaluateOne } from './plan-of.js';
import { deepFreeze, event, job, jobOf, planOf, submit } from './submit-fixtures.js';

describe('submitJob plan', () => {
  it('sends the rendered job with the placement and a ClientToken', () => {
    // Arrange / Act
    const plan = planOf(submit());
    // Assert
    expect(plan.request).toEqual({
      Placement: { Zone: 'ap-guangzhou-3' },
      Job: {
        JobName: 'encode-render-42',
        Priority: 2,
        Tasks: [
          {
            TaskName: 'encode',
            TaskInstanceNum: 1,
            Application: { DeliveryForm: 'LOCAL', Command: 'encode.sh job-4yn0we13 films' },
            EnvVars: [{ Name: 'UPSTREAM', Value: 'job-4yn0we13' }],
          },
        ],
      },
      ClientToken: clientTokenFor('rule-1', event.id),
    });
  });

  it.each([
    ['the action region first', { region: 'ap-beijing' }, 'ap-beijing', event],
    ['then the event region', {}, 'ap-shanghai', event],
    ['then the config region', {}, 'ap-chengdu', makeEvent({ region: undefined })],
  ])('takes %s', (_case, extra, region, e) => {
    // Arrange / Act
    const plan = planOf(submit(extra), { region: 'ap-chengdu' }, e);
    // Assert
    expect(plan.region).toBe(region);
  });

  it('never mutates the config, and each plan owns its job', () => {
    // Arrange: a frozen config makes any write into it throw (and surface as an error).
    const config = configWith(
      [{ name: 'r', on: '*', do: [submit({ vars: { up: '{{ jobId }}' } })] }],
      {
        topic: 'batch-events',
      },
    );
    const before = structuredClone(config);
    const rules = compileRules(deepFreeze(config));
    const action = config.rules[0]?.do[0];
    const configJob = action !== undefined && 'submitJob' in action ? action.submitJob.job : {};
    // Act
    const first = evaluateRules(rules, event);
    const second = evaluateRules(rules, makeEvent({ id: 'evt-2', jobId: 'job-2' }));
    // Assert
    expect(first.errors).toEqual([]);
    expect(config).toEqual(before);
    const [a, b] = [first.actions[0], second.actions[0]];
    if (a?.action !== 'submitJob' || b?.action !== 'submitJob') throw new Error('no plans');
    expect(jobOf(a.plan)).not.toBe(jobOf(b.plan));
    expect(jobOf(a.plan).Tasks).not.toBe((configJob as { Tasks?: unknown }).Tasks);
    expect(jobOf(b.plan).Tasks).toEqual([
      expect.objectContaining({
        Application: expect.objectContaining({ Command: 'encode.sh job-2 ' }),
      }),
    ]);
    expect(b.plan.request.ClientToken).not.toBe(a.plan.request.ClientToken);
  });

  it.each([
    [
      'a TaskName that renders empty',
      { ...job, Tasks: [{ TaskName: '{{ vars.task }}' }] },
      'Job.Tasks[0].TaskName is empty',
    ],
    [
      'an EnvId that renders empty',
      { ...job, Tasks: [{ EnvId: '{{ envId }}' }] },
      'Job.Tasks[0].EnvId is empty',
    ],
    ['a job without tasks', { JobName: 'x' }, 'Job.Tasks must be a non-empty list'],
    ['a task that is not an object', { Tasks: ['encode'] }, 'Job.Tasks[0] is not an object'],
    [
      'Notifications that are not a list',
      { ...job, Notifications: 'topic' },
      'Job.Notifications is not a list',
    ],
  ])('refuses %s as a RULE_PLAN error', (_case, badJob, message) => {
    // Arrange / Act
    const { actions, errors } = evaluateOne(
      [{ submitJob: { job: badJob, placement: { Zone: 'z' } } }, { alert: { channel: 'oncall' } }],
      event,
    );
    // Assert
    expect(actions.map((a) => a.action)).toEqual(['alert']);
    expect(errors[0]?.code).toBe('RULE_PLAN');
    expect(errors[0]?.message).toContain(message);
  });

  it('warns when vars have nowhere to go', () => {
    // Arrange
    const config = configWith([{ name: 'r', on: '*', do: [submit({ vars: { up: 'x' } })] }]);
    // Act / Assert
    expect(compileRules(config).warnings).toEqual([
      "rule 'r' do[0].submitJob: vars are dropped: the job has no Notifications and bridge.yml sets no topic",
    ]);
  });
});
