import { describe, expect, it } from 'vitest';
import { makeEvent, makeNodeEvent } from '../rules/make-event.js';
import { evaluateOne } from './plan-of.js';

describe('scaleEnv plan', () => {
  it('renders envId and carries the policy in milliseconds', () => {
    // Arrange
    const action = {
      scaleEnv: { envId: '{{ envId }}', min: 1, max: 20, scaleDownAfter: '10m', tasksPerNode: 2 },
    };
    // Act
    const { actions, errors } = evaluateOne([action], makeNodeEvent());
    // Assert
    expect(errors).toEqual([]);
    expect(actions).toEqual([
      {
        rule: 'rule-1',
        action: 'scaleEnv',
        plan: {
          region: 'ap-guangzhou',
          envId: 'env-ptoxdb1t',
          policy: { min: 1, max: 20, scaleDownAfterMs: 600_000, tasksPerNode: 2 },
        },
      },
    ]);
  });

  it('takes the action region over the event region', () => {
    // Arrange
    const action = { scaleEnv: { envId: 'env-fixed', max: 3, region: 'ap-beijing' } };
    // Act
    const { actions } = evaluateOne([action], makeNodeEvent());
    // Assert
    expect(actions[0]?.action === 'scaleEnv' && actions[0].plan.region).toBe('ap-beijing');
  });

  it('refuses an envId that renders empty', () => {
    // Arrange
    const action = { scaleEnv: { envId: '{{ envId }}', max: 3 } };
    // Act
    const { actions, errors } = evaluateOne([action], makeEvent());
    // Assert
    expect(actions).toEqual([]);
    expect(errors[0]?.code).toBe('RULE_PLAN');
    expect(errors[0]?.message).toContain('rendered empty');
  });
});

describe('terminateNode plan', () => {
  it('names the node, its instance and its environment', () => {
    // Arrange / Act
    const { actions } = evaluateOne([{ terminateNode: { maxPerHour: 3 } }], makeNodeEvent());
    // Assert
    expect(actions).toEqual([
      {
        rule: 'rule-1',
        action: 'terminateNode',
        plan: {
          region: 'ap-guangzhou',
          envId: 'env-ptoxdb1t',
          computeNodeId: 'node-0iy7wxyo',
          computeNodeInstanceId: 'ins-9rikj9kw',
          maxPerHour: 3,
        },
      },
    ]);
  });

  it('leaves out the instance id when the event does not carry it', () => {
    // Arrange / Act
    const { actions } = evaluateOne(
      [{ terminateNode: {} }],
      makeNodeEvent({ computeNodeInstanceId: undefined }),
    );
    // Assert
    const plan = actions[0]?.plan ?? {};
    expect('computeNodeInstanceId' in plan).toBe(false);
    expect(actions[0]?.action === 'terminateNode' && actions[0].plan.maxPerHour).toBe(5);
  });

  it.each([
    ['computeNodeId', makeEvent(), 'event has no computeNodeId'],
    ['envId', makeNodeEvent({ envId: undefined }), 'event has no envId'],
  ])('refuses an event without %s', (_field, event, message) => {
    // Arrange / Act
    const { actions, errors } = evaluateOne([{ terminateNode: {} }], event);
    // Assert
    expect(actions).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('RULE_PLAN');
    expect(errors[0]?.message).toContain(message);
  });
});
