import type { HttpFetch } from '../http/index.js';
import type { HttpReply, PreparedRequest, Verdict } from './types.js';

/** One POST within a timeout. Failures to get an answer become verdicts, never raw throws. */

export type Outcome =
  | { readonly kind: 'reply'; readonly reply: HttpReply }
  | { readonly kind: 'no-reply'; readonly verdict: Verdict; readonly cause: unknown };

const errorCode = (error: unknown): string | undefined => {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : undefined;
};

/** Timeouts and refused connections may pass on another try; the message names no address. */
const noReply = (error: unknown, timeout: AbortSignal, timeoutMs: number): Verdict => {
  if (timeout.aborted) {
    return {
      ok: false,
      kind: 'transient',
      code: 'TIMEOUT',
      message: `no reply within ${timeoutMs} ms`,
    };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { ok: false, kind: 'transient', code: 'ABORTED', message: 'the send was aborted' };
  }
  const code = errorCode(error) ?? 'NETWORK';
  return { ok: false, kind: 'transient', code, message: 'request failed' };
};

export interface PostOptions {
  readonly fetch: HttpFetch;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

export const postJson = async (
  request: PreparedRequest,
  options: PostOptions,
): Promise<Outcome> => {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal =
    options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  try {
    const response = await options.fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: request.body,
      signal,
      // A webhook that redirects is misconfigured; following it would post the alert elsewhere.
      redirect: 'manual',
    });
    // The body is read under the same signal: a reply that stalls mid-body is a timeout too.
    const text = await response.text();
    const reply = {
      status: response.status,
      text,
      retryAfter: response.headers.get('retry-after'),
    };
    return { kind: 'reply', reply };
  } catch (error) {
    return { kind: 'no-reply', verdict: noReply(error, timeout, options.timeoutMs), cause: error };
  }
};
