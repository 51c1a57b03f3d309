import { describe, expect, it } from 'vitest';
import { createSlidingWindowLimiter, timerSleep } from '../../../lib/alerts/rate-limiter.js';
import type { RateWindow } from '../../../lib/alerts/types.js';

/** A clock that only moves when the limiter sleeps. */
const fakeTime = (start = 1_000_000) => {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number) => {
      now += ms;
    },
  };
};

const FOREVER = { deadline: Number.POSITIVE_INFINITY };

const startsOf = async (windows: RateWindow[], count: number) => {
  const time = fakeTime(0);
  const limiter = createSlidingWindowLimiter({ windows, now: time.now, sleep: time.sleep });
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    await limiter.acquire(FOREVER);
    starts.push(time.now());
  }
  return starts;
};

/** The most starts found in any window of `windowMs` that begins at a start. */
const busiest = (starts: number[], windowMs: number): number =>
  Math.max(...starts.map((s) => starts.filter((t) => t >= s && t < s + windowMs).length));

describe('createSlidingWindowLimiter', () => {
  it('lets a burst up to the limit through, then waits for the oldest to leave the window', async () => {
    // Act: WeCom and DingTalk, 20 a minute
    const starts = await startsOf([{ limit: 20, windowMs: 60_000 }], 45);

    // Assert
    expect(starts.slice(0, 20).every((s) => s === 0)).toBe(true);
    expect(starts[20]).toBe(60_000);
    expect(starts[40]).toBe(120_000);
    expect(busiest(starts, 60_000)).toBe(20);
  });

  it('honours both Feishu windows at once: 5 a second and 100 a minute', async () => {
    // Act
    const starts = await startsOf(
      [
        { limit: 5, windowMs: 1000 },
        { limit: 100, windowMs: 60_000 },
      ],
      230,
    );

    // Assert
    expect(busiest(starts, 1000)).toBe(5);
    expect(busiest(starts, 60_000)).toBe(100);
    expect(starts[100]).toBe(60_000);
  });

  it('spaces Slack sends a second apart', async () => {
    // Act
    const starts = await startsOf([{ limit: 1, windowMs: 1000 }], 4);

    // Assert
    expect(starts).toEqual([0, 1000, 2000, 3000]);
  });

  it('defers, without reserving, when the slot opens after the deadline', async () => {
    // Arrange
    const time = fakeTime();
    const limiter = createSlidingWindowLimiter({
      windows: [{ limit: 2, windowMs: 60_000 }],
      now: time.now,
      sleep: time.sleep,
    });
    await limiter.acquire(FOREVER);
    await limiter.acquire(FOREVER);
    time.advance(10_000);

    // Act
    const deferred = await limiter.acquire({ deadline: time.now() + 5_000 });
    const again = await limiter.acquire({ deadline: time.now() + 5_000 });

    // Assert
    expect(deferred).toEqual({ status: 'deferred', retryAfterMs: 50_000 });
    expect(again).toEqual({ status: 'deferred', retryAfterMs: 50_000 });
  });

  it('queues concurrent callers instead of letting them start together', async () => {
    // Arrange
    const time = fakeTime(0);
    const slept: number[] = [];
    const limiter = createSlidingWindowLimiter({
      windows: [{ limit: 1, windowMs: 1000 }],
      now: time.now,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });

    // Act
    await Promise.all([
      limiter.acquire(FOREVER),
      limiter.acquire(FOREVER),
      limiter.acquire(FOREVER),
    ]);

    // Assert
    expect(slept).toEqual([1000, 2000]);
  });

  it('holds every slot back after the channel said "too fast"', async () => {
    // Arrange
    const time = fakeTime();
    const limiter = createSlidingWindowLimiter({ windows: [], now: time.now, sleep: time.sleep });

    // Act
    limiter.holdUntil(time.now() + 600_000);
    const result = await limiter.acquire({ deadline: time.now() + 10_000 });

    // Assert
    expect(result).toEqual({ status: 'deferred', retryAfterMs: 600_000 });
  });
});

describe('timerSleep', () => {
  it('ends early when the signal aborts', async () => {
    // Arrange
    const controller = new AbortController();
    const started = Date.now();

    // Act
    const sleeping = timerSleep(10_000, controller.signal);
    controller.abort();
    await sleeping;

    // Assert
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('resolves at once for an already aborted signal', async () => {
    // Act / Assert
    await expect(timerSleep(10_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});
