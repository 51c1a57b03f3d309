import type { HttpReply, Verdict } from './types.js';

/** Reading channel replies. WeCom, DingTalk and Feishu fail with HTTP 200 and a code in the
 *  body (platform.md S9), so a 200 alone proves nothing for them. */

const MAX_ECHO = 200;

/** A channel's message on one line. Not shortened here: a cut could halve a secret that the
 *  scrubbing, done later, would then no longer recognise. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A scrubbed message as we repeat it: bounded. */
export const shortText = (text: string): string =>
  text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;

export const parseJsonObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** The first of `keys` that holds a number (Feishu answers `code`, older bots `StatusCode`). */
export const numberAt = (
  body: Record<string, unknown>,
  keys: readonly string[],
): number | undefined => {
  for (const key of keys) {
    const value = body[key];
    if (typeof value === 'number') return value;
  }
  return undefined;
};

export const stringAt = (body: Record<string, unknown>, keys: readonly string[]): string => {
  for (const key of keys) {
    const value = body[key];
    if (typeof value === 'string') return value;
  }
  return '';
};

const DEFAULT_RETRY_AFTER_MS = 1000;

/** Retry-After in seconds or as an HTTP date; a missing or odd one means one second. */
export const retryAfterMs = (header: string | null, now: number = Date.now()): number => {
  if (header === null) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - now);
};

/** Any non-2xx: 429 and 5xx may pass later, the rest (400, 403, 404, 410) never will. */
export const httpFailure = (reply: HttpReply): Verdict => {
  const base = { code: `HTTP_${reply.status}`, status: reply.status };
  const message = oneLine(reply.text) || `HTTP ${reply.status}`;
  if (reply.status === 429) {
    return {
      ok: false,
      kind: 'rate-limited',
      ...base,
      message,
      retryAfterMs: retryAfterMs(reply.retryAfter),
    };
  }
  return { ok: false, kind: reply.status >= 500 ? 'transient' : 'permanent', ...base, message };
};

export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;

export interface CodeTable {
  /** Codes meaning "too fast", with how long the platform holds the sender back. */
  readonly rateLimited: ReadonlyMap<number, number>;
  readonly transient: ReadonlySet<number>;
}

/** Judges a body code of the CN bots; unknown non-zero codes are permanent, never retried. */
export const codeVerdict = (code: number, message: string, table: CodeTable): Verdict => {
  if (code === 0) return { ok: true };
  const base = { code: String(code), message: oneLine(message) || `code ${code}` };
  const holdMs = table.rateLimited.get(code);
  if (holdMs !== undefined)
    return { ok: false, kind: 'rate-limited', ...base, retryAfterMs: holdMs };
  return { ok: false, kind: table.transient.has(code) ? 'transient' : 'permanent', ...base };
};

/** A 2xx whose body is not the JSON the channel promises: delivery is unknown, so not repeated. */
export const unreadableReply = (reply: HttpReply): Verdict => ({
  ok: false,
  kind: 'permanent',
  code: 'INVALID_REPLY',
  status: reply.status,
  message: `unexpected reply: ${oneLine(reply.text) || '(empty)'}`,
});

/** WeCom and DingTalk: HTTP 200 with `{errcode, errmsg}`, where 0 is success (platform.md 6). */
export const judgeErrcodeReply =
  (table: CodeTable) =>
  (reply: HttpReply): Verdict => {
    if (!isSuccessStatus(reply.status)) return httpFailure(reply);
    const body = parseJsonObject(reply.text);
    const code = body === undefined ? undefined : numberAt(body, ['errcode']);
    if (body === undefined || code === undefined) return unreadableReply(reply);
    return codeVerdict(code, stringAt(body, ['errmsg']), table);
  };
