import { describe, expect, it } from 'vitest';
import { planScale } from '../../../lib/scaling/index.js';

const POLICY = { min: 0, max: 10, scaleDownAfterMs: 600_000, tasksPerNode: 1 };

describe('planScale', () => {
  const base = { demand: 0, current: 0, capacity: 0, busy: 0, policy: POLICY, now: 1_000_000 };

  it('scales up at once when demand asks for more than the desired count', () => {
    // Act
    const step = planScale({ ...base, demand: 4, current: 1, capacity: 1, belowSince: 5 });

    // Assert
    expect(step).toEqual({ step: 'scale-up', desired: 4 });
  });

  it('does nothing when demand matches capacity', () => {
    // Act
    const step = planScale({ ...base, demand: 2, current: 2, capacity: 2, belowSince: undefined });

    // Assert
    expect(step).toEqual({ step: 'none', desired: 2 });
  });

  it('starts the scale-down timer when demand drops below capacity', () => {
    // Act
    const step = planScale({ ...base, demand: 1, current: 3, capacity: 3, belowSince: undefined });

    // Assert
    expect(step).toEqual({ step: 'wait', desired: 1, belowSince: base.now });
  });

  it('scales down after scaleDownAfter, never below the busy nodes', () => {
    // Arrange
    const belowSince = base.now - POLICY.scaleDownAfterMs;

    // Act
    const step = planScale({ ...base, demand: 1, current: 4, capacity: 4, busy: 2, belowSince });

    // Assert
    expect(step).toEqual({ step: 'scale-down', desired: 1, belowSince, target: 2 });
  });

  it('keeps waiting until scaleDownAfter has passed', () => {
    // Arrange
    const belowSince = base.now - POLICY.scaleDownAfterMs + 1;

    // Act
    const step = planScale({ ...base, current: 2, capacity: 2, belowSince });

    // Assert
    expect(step.step).toBe('wait');
  });

  it('treats a desired count above the nodes (slots held by broken nodes) as excess too', () => {
    // Act
    const step = planScale({ ...base, current: 3, capacity: 0, belowSince: 0 });

    // Assert
    expect(step).toEqual({ step: 'scale-down', desired: 0, belowSince: 0, target: 0 });
  });
});
