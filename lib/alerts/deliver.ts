import type { HttpFetch } from '../http/index.js';
import type { Logger } from '../logger.js';
import { fitMessage } from './fit.js';
import { postJson } from './http.js';
import type { ChannelRateLimiter } from './rate-limiter.js';
import { scrub } from './redact.js';
import { shortText } from './reply.js';
import { type Failure, toWebhookError } from './send-error.js';
import type {
  AlertMessage,
  ChannelAdapter,
  ChannelSettings,
  SendOptions,
  SendResult,
  Sleep,
  Verdict,
} from './types.js';
import type { WebhookError } from './webhook-error.js';

/**
 * One send: fit the message to the channel, then attempt, judge and retry within the
 * deadline. Retried: what may pass on another try (5xx, 429, timeouts, network errors, the
 * channels' "too fast" codes). Never retried: bad signatures, dead keys, rejected content.
 * A retry after a timeout may post the alert twice; for an alert that beats losing it.
 */

export interface DeliveryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The deadline of a send that names none: now + budgetMs. */
  readonly budgetMs: number;
}

export interface DeliveryContext {
  readonly name: string;
  readonly settings: ChannelSettings;
  readonly adapter: ChannelAdapter;
  /** The URL's keys and the signing secret: scrubbed from anything echoed back. */
  readonly secrets: readonly string[];
  readonly fetch: HttpFetch;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly policy: DeliveryPolicy;
  readonly limiter: ChannelRateLimiter;
}

/** An attempt with less time than this left is not worth starting. */
export const MIN_ATTEMPT_MS = 200;

interface Attempted {
  readonly verdict: Verdict;
  readonly cause: unknown;
  /** This attempt's signature. */
  readonly signatures: readonly string[];
}

/** One signed POST, judged by the channel. Signed afresh: the platforms check the timestamp. */
const attemptOnce = async (
  ctx: DeliveryContext,
  body: unknown,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<Attempted> => {
  const now = ctx.now();
  const { url, secret } = ctx.settings;
  const request = ctx.adapter.prepare(body, { url, secret, now });
  const timeoutMs = Math.max(1, Math.min(ctx.timeoutMs, deadline - now));
  const outcome = await postJson(request, { fetch: ctx.fetch, timeoutMs, signal });
  const signatures = request.secrets;
  if (outcome.kind === 'no-reply')
    return { verdict: outcome.verdict, cause: outcome.cause, signatures };
  return { verdict: ctx.adapter.judge(outcome.reply), cause: undefined, signatures };
};

/** Full-jitter backoff; undefined when no further attempt fits. */
const nextDelay = (
  ctx: DeliveryContext,
  attempt: number,
  verdict: Failure,
  deadline: number,
): number | undefined => {
  if (verdict.kind === 'permanent' || attempt >= ctx.policy.maxAttempts) return undefined;
  // After "too fast" the limiter holds the channel back; its wait replaces the backoff.
  const cap = Math.min(ctx.policy.maxDelayMs, ctx.policy.baseDelayMs * 2 ** (attempt - 1));
  const delay = verdict.kind === 'rate-limited' ? 0 : Math.floor(ctx.random() * cap);
  return ctx.now() + delay + MIN_ATTEMPT_MS <= deadline ? delay : undefined;
};

const logFields = (ctx: DeliveryContext) => ({ channel: ctx.name, channelType: ctx.settings.type });

const failure = (ctx: DeliveryContext, attempted: Attempted & { verdict: Failure }): WebhookError =>
  toWebhookError({
    channel: ctx.name,
    type: ctx.settings.type,
    verdict: attempted.verdict,
    cause: attempted.cause,
    secrets: [...ctx.secrets, ...attempted.signatures],
  });

const sent = (
  ctx: DeliveryContext,
  attempts: number,
  truncated: boolean,
  note?: string,
): SendResult => {
  const extra = note === undefined ? {} : { note: shortText(scrub(note, ctx.secrets)) };
  ctx.logger.debug('alert sent', { ...logFields(ctx), attempts, truncated, ...extra });
  return { status: 'sent', attempts, truncated };
};

const deferred = (ctx: DeliveryContext, retryAfterMs: number): SendResult => {
  ctx.logger.info('alert deferred by the rate limit', { ...logFields(ctx), retryAfterMs });
  return { status: 'deferred', retryAfterMs };
};

export const deliver = async (
  ctx: DeliveryContext,
  message: AlertMessage,
  options: SendOptions,
): Promise<SendResult> => {
  const deadline = options.deadline ?? ctx.now() + ctx.policy.budgetMs;
  const { signal } = options;
  const fitted = fitMessage(message, (m) => ctx.adapter.fits(ctx.adapter.render(m)));
  const body = ctx.adapter.render(fitted.message);
  let lastError: WebhookError | undefined;
  for (let attempt = 1; ; attempt++) {
    const slot = await ctx.limiter.acquire({ deadline: deadline - MIN_ATTEMPT_MS, signal });
    if (lastError !== undefined && (slot.status === 'deferred' || signal?.aborted === true)) {
      throw lastError;
    }
    if (slot.status === 'deferred') return deferred(ctx, slot.retryAfterMs);
    const attempted = await attemptOnce(ctx, body, deadline, signal);
    const { verdict } = attempted;
    if (verdict.ok) return sent(ctx, attempt, fitted.truncated, verdict.note);
    lastError = failure(ctx, { ...attempted, verdict });
    if (verdict.kind === 'rate-limited')
      ctx.limiter.holdUntil(ctx.now() + (verdict.retryAfterMs ?? 0));
    const delayMs = nextDelay(ctx, attempt, verdict, deadline);
    if (delayMs === undefined || signal?.aborted === true) throw lastError;
    ctx.logger.warn('alert send failed, retrying', {
      ...logFields(ctx),
      attempt,
      delayMs,
      code: verdict.code,
    });
    await ctx.sleep(delayMs, signal);
  }
};
