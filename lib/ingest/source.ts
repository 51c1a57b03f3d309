import type { DeliveryKind, EventSource } from './event.js';

export type HeaderMap = Readonly<Record<string, unknown>>;

/** What the topic's HTTP push puts in headers (platform.md 3). */
export interface CmqHeaders {
  readonly present: boolean;
  readonly messageId?: string;
  readonly tags?: readonly string[];
}

const NO_CMQ_HEADERS: CmqHeaders = { present: false };

export interface SourceFields {
  readonly topic?: string | null | undefined;
  readonly subscription?: string | null | undefined;
  readonly messageId?: string | number | null | undefined;
  readonly publishTime?: string | number | null | undefined;
  readonly tags?: string | readonly string[] | null | undefined;
}

/** `tag1,tag2` (trigger docs), `a, b` (push headers) or an array (Serverless docs). */
export const splitTags = (tags: string | readonly string[]): readonly string[] => {
  const list = typeof tags === 'string' ? tags.split(',') : tags;
  return list.map((t) => t.trim()).filter((t) => t !== '');
};

/** The JSON push sends an integer; read it as epoch seconds or milliseconds by its size. */
const publishTimeText = (time: string | number): string => {
  if (typeof time === 'string') return time;
  const ms = Math.abs(time) < 1e11 ? time * 1000 : time;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(time);
};

/** Only defined fields are set: EventSource is read with exactOptionalPropertyTypes. */
export const buildSource = (kind: DeliveryKind, fields: SourceFields): EventSource => {
  const source: { -readonly [K in keyof EventSource]: EventSource[K] } = { kind };
  if (fields.topic != null) source.topic = fields.topic;
  if (fields.subscription != null) source.subscription = fields.subscription;
  if (fields.messageId != null) source.messageId = String(fields.messageId);
  if (fields.publishTime != null) source.publishTime = publishTimeText(fields.publishTime);
  if (fields.tags != null) {
    const tags = splitTags(fields.tags);
    if (tags.length > 0) source.tags = tags;
  }
  return source;
};

const headerText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return undefined;
};

/** `x-cmq-` in any case, without lower-casing every header of every request. */
const isCmqHeader = (key: string): boolean =>
  key.length > 6 &&
  (key.charCodeAt(0) | 0x20) === 0x78 &&
  key.charCodeAt(1) === 0x2d &&
  key.slice(2, 6).toLowerCase() === 'cmq-';

/**
 * Header names arrive in any case (SCF lower-cases them, node:http too, other servers may
 * not). One pass, no copy of the map: a copy keyed by untrusted names could meet `__proto__`.
 */
export const readCmqHeaders = (headers: HeaderMap | null | undefined): CmqHeaders => {
  if (headers == null) return NO_CMQ_HEADERS;
  let present = false;
  let messageId: string | undefined;
  let tags: readonly string[] | undefined;
  for (const key of Object.keys(headers)) {
    if (!isCmqHeader(key)) continue;
    present = true;
    const name = key.toLowerCase();
    const text = headerText(headers[key]);
    if (text === undefined) continue;
    if (name === 'x-cmq-message-id') messageId = text;
    else if (name === 'x-cmq-message-tag') tags = splitTags(text);
  }
  if (!present) return NO_CMQ_HEADERS;
  return {
    present,
    ...(messageId === undefined ? {} : { messageId }),
    ...(tags === undefined ? {} : { tags }),
  };
};
