import { timerSleep } from '../sleep.js';
import type { RateWindow, Sleep } from './types.js';

/**
 * In-process sliding-window limiter for one channel. Slots are handed out in order and
 * reserved before the wait, so concurrent senders queue instead of waking together and
 * bursting. A slot that opens after the caller's deadline is not taken: the caller gets
 * `deferred` with the wait, and can aggregate rather than drop.
 */

export type SlotResult =
  | { readonly status: 'ready' }
  | { readonly status: 'deferred'; readonly retryAfterMs: number };

export interface ChannelRateLimiter {
  acquire(options: {
    readonly deadline: number;
    readonly signal?: AbortSignal | undefined;
  }): Promise<SlotResult>;
  /** The channel itself said "too fast": no slot opens before `epochMs`. */
  holdUntil(epochMs: number): void;
}

export interface RateLimiterOptions {
  readonly windows: readonly RateWindow[];
  readonly now?: () => number;
  readonly sleep?: Sleep;
}

export { timerSleep };

/** The earliest time at or after `from` when one more start keeps every window within limit. */
const nextOpening = (
  starts: readonly number[],
  windows: readonly RateWindow[],
  from: number,
): number => {
  let at = Math.max(from, starts.at(-1) ?? from);
  for (const { limit, windowMs } of windows) {
    const blocking = starts[starts.length - limit];
    if (blocking !== undefined) at = Math.max(at, blocking + windowMs);
  }
  return at;
};

export const createSlidingWindowLimiter = (options: RateLimiterOptions): ChannelRateLimiter => {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const longest = Math.max(0, ...options.windows.map((w) => w.windowMs));
  const starts: number[] = [];
  let heldUntil = 0;
  return {
    async acquire({ deadline, signal }) {
      const current = now();
      while (starts.length > 1 && (starts[0] ?? 0) <= current - longest) starts.shift();
      const at = nextOpening(starts, options.windows, Math.max(current, heldUntil));
      if (at > deadline) return { status: 'deferred', retryAfterMs: at - current };
      starts.push(at);
      if (at > current) await sleep(at - current, signal);
      return { status: 'ready' };
    },
    holdUntil(epochMs) {
      heldUntil = Math.max(heldUntil, epochMs);
    },
  };
};
