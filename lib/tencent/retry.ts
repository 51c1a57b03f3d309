import type { UpstreamError } from '../errors.js';
import type { Sleep } from './rate-limit.js';

/**
 * When to try a failed Batch call again. Two questions with different answers:
 * - `retryNow`: may another attempt within this call succeed (seconds from now)?
 * - `retryable` (on the error): may a later redelivery of the message succeed (minutes)?
 */

export type Retryability =
  /** Retried within the call and worth a redelivery. */
  | 'transient'
  /** Not cured within seconds, but may be by the time the message is redelivered. */
  | 'later'
  /** Retrying the same request cannot help. */
  | 'permanent';

const TRANSIENT_CODES = ['RequestLimitExceeded', 'InternalError', 'ResourceUnavailable'];

/** ResourceInsufficient (capacity sold out) and a busy environment clear over minutes, not within
 *  one call's budget of a few seconds at 2 requests per second (batch-semantics.md 1.5). */
const LATER_CODES = [
  'ResourceInsufficient',
  'UnsupportedOperation.AcceptOtherRequest',
  'UnsupportedOperation.ComputeEnvAcceptOtherRequest',
];

const matches = (code: string, family: string): boolean =>
  code === family || code.startsWith(`${family}.`);

/** Unknown codes are permanent: retrying what we do not understand risks a poison loop. */
export const classifyApiCode = (code: string): Retryability => {
  if (TRANSIENT_CODES.some((family) => matches(code, family))) return 'transient';
  if (LATER_CODES.some((family) => matches(code, family))) return 'later';
  return 'permanent';
};

/** A response without Tencent's envelope: only a server-side failure or throttling is transient. */
export const classifyHttpStatus = (status: number): Retryability =>
  status >= 500 || status === 429 ? 'transient' : 'permanent';

/**
 * Whether a request whose outcome is unknown (no answer, timeout, 5xx) may be sent again.
 * SubmitJob without a ClientToken would create a second job; everything else the bridge sends
 * sets an absolute state or names the resource it acts on.
 */
export const isSafeToRepeat = (action: string, params: unknown): boolean =>
  action !== 'SubmitJob' ||
  (typeof params === 'object' &&
    params !== null &&
    typeof (params as { ClientToken?: unknown }).ClientToken === 'string');

export type AttemptResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: UpstreamError; readonly retryNow: boolean };

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Epoch ms by which everything must be done. */
  readonly deadline: () => number;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** An attempt with less time than this left is not worth starting. */
  readonly minAttemptMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: UpstreamError }) => void;
}

/** Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2^(attempt-1))). */
export const backoffDelay = (attempt: number, policy: RetryPolicy): number =>
  Math.floor(
    policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)),
  );

/**
 * A small loop rather than p-retry: p-retry 7 has no full jitter, sleeps on its own timer and
 * measures `maxRetryTime` with `performance.now()`, so it can neither take an injected clock
 * nor decline a sleep that would leave no time for the next attempt before the deadline.
 */
export const retryWithinDeadline = async <T>(
  attemptOnce: (attempt: number) => Promise<AttemptResult<T>>,
  policy: RetryPolicy,
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(attempt);
    if (result.ok) return result.value;
    const delayMs = backoffDelay(attempt, policy);
    const fits = policy.now() + delayMs + policy.minAttemptMs <= policy.deadline();
    const aborted = policy.signal?.aborted === true;
    if (!result.retryNow || attempt >= policy.maxAttempts || !fits || aborted) throw result.error;
    policy.onRetry?.({ attempt, delayMs, error: result.error });
    await policy.sleep(delayMs, policy.signal);
  }
};
