import { describe, expect, it } from 'vitest';
import { runDemo } from '../../../sandbox/demo/run-demo.js';

// The whole local world, end to end: what `npm start` shows a new user.
describe('the npm start demo', () => {
  it.each(['queue', 'push'] as const)(
    'fed by %s: chains once under duplicates, scales 0 -> demand -> 0, alerts with stderr, replaces a node',
    async (feed) => {
      // Arrange
      const lines: string[] = [];
      // Act
      const { summary, world } = await runDemo({
        say: (l) => lines.push(l),
        timeoutMs: 45_000,
        feed,
      });
      await world.close();
      // Assert
      expect(summary.goals).toEqual({
        chainedExactlyOnce: true,
        duplicatesInjected: true,
        scaledUpToDemand: true,
        scaledBackDown: true,
        alertWithStderr: true,
        burstSummarised: true,
        abnormalNodeReplaced: true,
        noErrors: true,
      });
      expect(summary.submittedJobs.map((j) => j.jobName).sort()).toEqual([
        'encode-render-demo',
        'qc-demo',
        'render-demo',
      ]);
      expect(summary.scaleChanges.at(-1)?.to).toBe(0);
      expect(lines.some((l) => l.includes('rule encode-after-render: submitJob done'))).toBe(true);
    },
    60_000,
  );
});
