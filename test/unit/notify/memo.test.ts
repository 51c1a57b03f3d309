import { describe, expect, it } from 'vitest';
import { memoizeFor } from '../../../lib/notify/memo.js';

describe('memoizeFor', () => {
  it('shares one call between equal keys within the ttl, and calls again after it', async () => {
    // Arrange
    let now = 0;
    let calls = 0;
    const read = memoizeFor(
      5_000,
      (k: string) => k,
      async (k) => `${k}:${++calls}`,
      () => now,
    );
    // Act
    const first = await Promise.all([read('job-1/frame/3'), read('job-1/frame/3')]);
    const other = await read('job-1/frame/4');
    now = 5_000;
    const later = await read('job-1/frame/3');
    // Assert
    expect(first).toEqual(['job-1/frame/3:1', 'job-1/frame/3:1']);
    expect(other).toBe('job-1/frame/4:2');
    expect(later).toBe('job-1/frame/3:3');
  });

  it('does not keep a failure', async () => {
    // Arrange
    let calls = 0;
    const read = memoizeFor(
      5_000,
      (k: string) => k,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('COS unavailable');
        return 'tail';
      },
    );
    // Act
    await expect(read('k')).rejects.toThrow('COS unavailable');
    const again = await read('k');
    // Assert
    expect(again).toBe('tail');
    expect(calls).toBe(2);
  });
});
