import { scrub } from './redact.js';
import { shortText } from './reply.js';
import type { Verdict } from './types.js';
import { WebhookError } from './webhook-error.js';

/** Turns a failed attempt into the WebhookError callers see: it names the channel, never its
 *  URL, and repeats what the channel said with every key and signature scrubbed out. */

export type Failure = Verdict & { readonly ok: false };

export interface FailedAttempt {
  readonly channel: string;
  readonly type: string;
  readonly verdict: Failure;
  readonly cause: unknown;
  /** The channel's URL parts and secret, and this attempt's signature. */
  readonly secrets: readonly string[];
}

const chainText = (error: unknown): string => {
  const parts: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    parts.push(e.message, e.stack ?? '');
  }
  return parts.join('\n');
};

/** The original cause unless any part of its chain quotes a secret (undici quotes bad URLs). */
const safeCause = (cause: unknown, secrets: readonly string[]): unknown => {
  const text = chainText(cause);
  if (text === '' || scrub(text, secrets) === text) return cause;
  return new Error(scrub(cause instanceof Error ? cause.message : '', secrets));
};

export const toWebhookError = (failed: FailedAttempt): WebhookError => {
  const { verdict, secrets } = failed;
  const said = shortText(scrub(verdict.message, secrets));
  const code = scrub(verdict.code, secrets);
  const detail = said === code ? said : `${code} ${said}`;
  const cause = safeCause(failed.cause, secrets);
  return new WebhookError(`channel '${failed.channel}' (${failed.type}) failed: ${detail}`, {
    service: failed.type,
    operation: 'send',
    channel: failed.channel,
    channelCode: code,
    retryable: verdict.kind !== 'permanent',
    ...(verdict.status === undefined ? {} : { status: verdict.status }),
    ...(verdict.retryAfterMs === undefined ? {} : { retryAfterMs: verdict.retryAfterMs }),
    ...(cause === undefined ? {} : { cause }),
  });
};
