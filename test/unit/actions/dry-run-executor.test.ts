import { describe, expect, it } from 'vitest';
import { createDryRunExecutor } from '../../../lib/actions/index.js';
import type { PlannedAction } from '../../../lib/actions/plan.js';
import { makeNodeEvent } from '../rules/make-event.js';
import { evaluateOne } from './plan-of.js';

describe('createDryRunExecutor', () => {
  it('is in dry-run mode', () => {
    // Arrange / Act / Assert
    expect(createDryRunExecutor().mode).toBe('dry-run');
  });

  it('reports every kind of plan as planned and leaves it unchanged', async () => {
    // Arrange
    const event = makeNodeEvent();
    const { actions } = evaluateOne(
      [
        { alert: { channel: 'oncall' } },
        { scaleEnv: { envId: '{{ envId }}', max: 2 } },
        { terminateNode: {} },
        { submitJob: { job: { Tasks: [{ TaskName: 't' }] }, placement: { Zone: 'z' } } },
      ],
      event,
    );
    const before = structuredClone(actions) as PlannedAction[];
    const executor = createDryRunExecutor();
    // Act
    const outcomes = await Promise.all(actions.map((a) => executor.execute(a, event)));
    // Assert
    expect(actions.map((a) => a.action)).toEqual([
      'alert',
      'scaleEnv',
      'terminateNode',
      'submitJob',
    ]);
    expect(outcomes).toEqual(actions.map(() => ({ status: 'planned' })));
    expect(actions).toEqual(before);
  });
});
