import { describe, expect, it } from 'vitest';
import { POOL_MAX, runSoak } from '../../../sandbox/soak/index.js';

// The soak at a size CI can afford; `npm run bench` runs it with 10,000 events and more.
describe('runSoak', () => {
  it('keeps every effect exactly once through faults, duplicates, reordering and killed drains', async () => {
    // Arrange
    const options = { events: 1500, faultRate: 0.3, kills: 6, timeoutMs: 50_000 };
    // Act
    const report = await runSoak(options);
    // Assert
    expect(report.problems).toEqual({});
    expect(report.checks).toEqual({
      chainedExactlyOnce: true,
      alertedExactlyOnce: true,
      scaledToDemandAndBack: true,
      noMessageLost: true,
      queueAndDeadLettersEmpty: true,
      malformedRejectedAndDeleted: true,
    });
    expect(report.settled).toBe(true);
    expect(report.events.published).toBeGreaterThanOrEqual(1500);
    expect(report.events.duplicatesInjected).toBeGreaterThan(0);
    expect(report.events.delayedInjected).toBeGreaterThan(0);
    expect(new Set(report.drain.kills.map((k) => k.mode))).toEqual(
      new Set(['after-receive', 'before-mark', 'before-delete']),
    );
    expect(report.api.measuredFaultRate).toBeGreaterThan(0.15);
    expect(report.scaling.desiredCounts).toContain(POOL_MAX);
    expect(report.scaling.finalDesired).toBe(0);
    expect(report.chains.submitted).toBe(report.chains.expected);
    expect(report.duplicatesAbsorbed.processedMarkHits).toBeGreaterThan(0);
    expect(report.errors).toEqual([]);
  }, 60_000);
});
