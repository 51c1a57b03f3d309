import { type Sleep, timerSleep } from '../sleep.js';

export type { Sleep };
/**
 * Client-side request budgets per action. Tencent counts requests per action, access region
 * and sub-account within one-second windows (platform.md 7), so one client (one endpoint)
 * keeps one budget per action.
 */

/** Requests per second. Where sources disagree the lower figure is the budget (platform.md 7:
 *  CN overview vs the older intl pages; batch-api.md 1.10). */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, number>> = {
  SubmitJob: 7, // CN 20, intl 7
  DescribeJob: 2, // CN 50, intl 2
  DescribeJobs: 2, // intl page 2
  DescribeJobSubmitInfo: 2, // intl page 2
  DescribeTask: 3, // CN 20, intl 3
  TerminateJob: 2, // CN 10, intl 2
  TerminateTaskInstance: 2,
  DeleteJob: 30,
  RetryJobs: 10,
  DescribeTaskLogs: 20,
  ModifyComputeEnv: 2, // platform.md S8
  DescribeComputeEnv: 2,
};

/** For actions no source gives a figure for (DescribeComputeEnvs, TerminateComputeNode(s)…). */
export const FALLBACK_RATE_LIMIT = 10;

export interface RateLimiterOptions {
  readonly limits: Readonly<Record<string, number>>;
  readonly fallback: number;
  readonly now: () => number;
  readonly sleep: Sleep;
}

export interface AcquireOptions {
  /** Epoch ms; a slot that only opens after it is not taken. */
  readonly deadline: number;
  readonly signal?: AbortSignal | undefined;
}

export interface RateLimiter {
  /** Waits for the key's next slot; `false`, without waiting, when it opens after the deadline. */
  acquire(key: string, options: AcquireOptions): Promise<boolean>;
}

/**
 * Even spacing (a token bucket of depth one): at most `rate` requests start in any one-second
 * window, which is what a server counting per second allows. A burst would overrun a
 * 2-per-second limit at the edge of a window. Slots are reserved before waiting, so
 * concurrent callers queue instead of waking together.
 */
/**
 * Slots are this much wider than the budget: a request leaves a little after its slot (timers,
 * a busy event loop, signing), and without headroom the next one could then start less than
 * 1/rate after it, putting rate + 1 requests into one second at the server.
 */
export const RATE_HEADROOM = 0.1;

export const createRateLimiter = (options: RateLimiterOptions): RateLimiter => {
  const nextSlot = new Map<string, number>();
  return {
    async acquire(key, { deadline, signal }) {
      const rate = options.limits[key] ?? options.fallback;
      const now = options.now();
      const slot = Math.max(now, nextSlot.get(key) ?? now);
      if (slot > deadline) return false;
      nextSlot.set(key, slot + (1000 / rate) * (1 + RATE_HEADROOM));
      // Timers tick in whole milliseconds; a shorter wait is noise, well inside the headroom.
      if (slot - now >= 1) await options.sleep(slot - now, signal);
      return true;
    },
  };
};

/** The shared timer sleep, under the name the clients' options use. */
export const defaultSleep: Sleep = timerSleep;
