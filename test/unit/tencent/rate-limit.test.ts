import { describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  defaultSleep,
} from '../../../lib/tencent/rate-limit.js';

/** A clock that only moves when the limiter sleeps. */
const fakeTime = (start = 5_000) => {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
};

const limiterFor = (time: ReturnType<typeof fakeTime>, limits: Record<string, number> = {}) =>
  createRateLimiter({ limits, fallback: 10, now: time.now, sleep: time.sleep });

const NO_DEADLINE = { deadline: Number.POSITIVE_INFINITY };

describe('createRateLimiter', () => {
  it('spaces requests of one action evenly, 10% wider than its budget', async () => {
    // Arrange
    const time = fakeTime();
    const limiter = limiterFor(time, { ModifyComputeEnv: 2 });
    const starts: number[] = [];

    // Act
    for (let i = 0; i < 4; i++) {
      await limiter.acquire('ModifyComputeEnv', NO_DEADLINE);
      starts.push(time.now() - 5_000);
    }

    // Assert
    expect(starts).toEqual([0, 550, 1100, 1650]);
  });

  it('keeps a separate budget per action and uses the fallback for unknown ones', async () => {
    // Arrange
    const time = fakeTime();
    const limiter = limiterFor(time, { ModifyComputeEnv: 2 });

    // Act
    await limiter.acquire('ModifyComputeEnv', NO_DEADLINE);
    await limiter.acquire('DescribeComputeEnvs', NO_DEADLINE);
    await limiter.acquire('DescribeComputeEnvs', NO_DEADLINE);

    // Assert: no wait for the first of each action, 110 ms (10/s plus headroom) for the second.
    expect(time.sleeps).toEqual([110]);
  });

  it('does not wait when the previous slot is already in the past', async () => {
    // Arrange
    const time = fakeTime();
    const limiter = limiterFor(time, { DescribeJob: 2 });
    await limiter.acquire('DescribeJob', NO_DEADLINE);

    // Act
    time.advance(2_000);
    await limiter.acquire('DescribeJob', NO_DEADLINE);

    // Assert
    expect(time.sleeps).toEqual([]);
  });

  it('queues concurrent callers one slot apart', async () => {
    // Arrange: a clock that stands still, so all three arrive at the same instant.
    const waits: number[] = [];
    const limiter = createRateLimiter({
      limits: { SubmitJob: 4 },
      fallback: 10,
      now: () => 5_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

    // Act
    await Promise.all([1, 2, 3].map(() => limiter.acquire('SubmitJob', NO_DEADLINE)));

    // Assert: slots are reserved before waiting, so the waits are 0, 275 and 550 ms.
    expect(waits).toEqual([275, 550]);
  });

  it('refuses, without waiting or using the slot, when the slot opens after the deadline', async () => {
    // Arrange
    const time = fakeTime();
    const limiter = limiterFor(time, { ModifyComputeEnv: 2 });
    await limiter.acquire('ModifyComputeEnv', NO_DEADLINE);

    // Act
    const refused = await limiter.acquire('ModifyComputeEnv', { deadline: time.now() + 549 });
    const granted = await limiter.acquire('ModifyComputeEnv', { deadline: time.now() + 550 });

    // Assert
    expect(refused).toBe(false);
    expect(granted).toBe(true);
    expect(time.sleeps).toEqual([550]);
  });

  it('does not sleep for less than a millisecond', async () => {
    // Arrange: a budget so high that the next slot is microseconds away.
    const waits: number[] = [];
    const limiter = createRateLimiter({
      limits: { DescribeJob: 1_000_000 },
      fallback: 10,
      now: () => 5_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    // Act
    for (let i = 0; i < 3; i++) await limiter.acquire('DescribeJob', NO_DEADLINE);
    // Assert
    expect(waits).toEqual([]);
  });

  it('has the documented default budgets', () => {
    expect(DEFAULT_RATE_LIMITS).toMatchObject({
      ModifyComputeEnv: 2,
      DescribeComputeEnv: 2,
      SubmitJob: 7,
      DescribeJob: 2,
      DescribeTask: 3,
    });
  });
});

describe('defaultSleep', () => {
  it('ends early, without throwing, when the signal aborts', async () => {
    // Arrange
    const controller = new AbortController();
    const started = Date.now();

    // Act
    const sleeping = defaultSleep(10_000, controller.signal);
    controller.abort();
    await sleeping;

    // Assert
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('returns at once for an already aborted signal', async () => {
    // Act / Assert
    await expect(defaultSleep(10_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});
