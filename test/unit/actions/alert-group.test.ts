import { describe, expect, it } from 'vitest';
import type { AlertPlan } from '../../../lib/actions/plan.js';
import { compileRules } from '../../../lib/rules/index.js';
import { configWith } from '../rules/helpers.js';
import { makeEvent } from '../rules/make-event.js';
import { evaluateOne } from './plan-of.js';

const groupOf = (actions: unknown[], overrides: Parameters<typeof makeEvent>[0]) => {
  const [planned] = evaluateOne(actions, makeEvent(overrides)).actions;
  if (planned?.action !== 'alert') throw new Error('expected an alert plan');
  return (planned.plan as AlertPlan).group;
};

describe('alert grouping in the plan', () => {
  it('keys groups by job and the error signature by default, within 10 minutes', () => {
    // Act
    const a = groupOf([{ alert: { channel: 'oncall' } }], {
      jobId: 'job-aaaa1111',
      taskInstanceIndex: 1,
    });
    const b = groupOf([{ alert: { channel: 'oncall' } }], {
      jobId: 'job-aaaa1111',
      taskInstanceIndex: 2,
    });
    const c = groupOf([{ alert: { channel: 'oncall' } }], {
      jobId: 'job-bbbb2222',
      taskInstanceIndex: 1,
    });
    // Assert
    expect(a).toEqual({ key: '["job-aaaa1111"]', bySignature: true, windowMs: 600_000 });
    expect(b.key).toBe(a.key);
    expect(c.key).not.toBe(a.key);
  });

  it('takes the fields and window the rule names', () => {
    // Act
    const group = groupOf(
      [{ alert: { channel: 'oncall', groupBy: ['taskName', 'vars.shot'], window: '30s' } }],
      {
        taskName: 'frame',
        vars: { shot: 'sh010' },
      },
    );
    // Assert
    expect(group).toEqual({ key: '["frame","sh010"]', bySignature: false, windowMs: 30_000 });
  });

  it('rejects an unknown groupBy field with its path', () => {
    // Arrange
    const config = configWith([
      { name: 'r', on: '*', do: [{ alert: { channel: 'oncall', groupBy: ['jobid'] } }] },
    ]);
    // Act
    const compile = () => compileRules(config);
    // Assert
    expect(compile).toThrow(/rules\[0\]\.do\[0\]\.alert\.groupBy\[0\]/);
  });
});
