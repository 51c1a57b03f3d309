import { ValidationError } from '../errors.js';
import { parseHttpPushJson, parseMessageText, parseTopicTrigger } from './envelopes.js';
import type { DeliveryKind, EventSource } from './event.js';
import { type IngestItem, parseBatchMessage } from './message.js';
import { describeType, isRecord, reject, rejectIssues, type Step } from './reject.js';
import { HttpEventSchema, hasHttpEventShape } from './schemas.js';
import { parseWithShape } from './shape.js';
import { buildSource, type HeaderMap, readCmqHeaders } from './source.js';
import { DEFAULT_MAX_BODY_BYTES, decodeBase64Body, decodeBytes, decodeText } from './text.js';

export interface ParseOptions {
  /** Largest body accepted, in bytes; default 1 MiB. Over it: BODY_TOO_LARGE. */
  readonly maxBytes?: number;
  /** HTTP headers when the body came over raw HTTP (serve); keys any case. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

export interface ParsedDelivery {
  readonly kind: DeliveryKind;
  readonly items: readonly IngestItem[];
}

interface Context {
  readonly maxBytes: number;
  readonly headers: HeaderMap | undefined;
  /** True once inside a function-URL or API-gateway event: it cannot wrap another. */
  readonly wrapped: boolean;
}

const one = (kind: DeliveryKind, item: IngestItem): ParsedDelivery => ({ kind, items: [item] });

const isHttpEvent = (value: Readonly<Record<string, unknown>>): boolean =>
  'httpMethod' in value ||
  'requestContext' in value ||
  'isBase64Encoded' in value ||
  ('body' in value && 'headers' in value);

/** Names a few keys of an unknown object so the sender can tell what it sent; capped. */
const describeKeys = (value: Readonly<Record<string, unknown>>): string => {
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  const shown = keys
    .slice(0, 4)
    .map((k) => JSON.stringify(k.length > 20 ? `${k.slice(0, 20)}…` : k));
  return `keys ${shown.join(', ')}${keys.length > 4 ? ', …' : ''}`;
};

/** Function URL or API gateway: unwrap the body (Base64 if marked) and keep its headers. */
const unwrapHttpEvent = (
  value: Readonly<Record<string, unknown>>,
  ctx: Context,
): ParsedDelivery => {
  const parsed = parseWithShape(HttpEventSchema, hasHttpEventShape, value);
  if (!parsed.success) {
    return one('raw', rejectIssues('ENVELOPE_INVALID', 'body', parsed.error, ''));
  }
  const { body, headers, isBase64Encoded } = parsed.data;
  const inner: Context = { maxBytes: ctx.maxBytes, headers: headers ?? undefined, wrapped: true };
  if (body == null) return one('http-simplified', reject('BODY_EMPTY', 'body', 'empty'));
  if (typeof body !== 'string') return classify(body, inner);
  const text: Step<string> = isBase64Encoded
    ? decodeBase64Body(body, 'body', ctx.maxBytes)
    : { ok: true, value: body };
  if (!text.ok) return one('http-simplified', text);
  const decoded = decodeText(text.value, 'body', {
    maxBytes: ctx.maxBytes,
    garbageCode: 'BODY_NOT_JSON',
  });
  return decoded.ok ? classify(decoded.value, inner) : one('http-simplified', decoded);
};

/** SIMPLIFIED push or queue: the body is the message; ids, if any, are in x-cmq-* headers. */
const parseBareMessage = (
  value: Readonly<Record<string, unknown>>,
  ctx: Context,
): ParsedDelivery => {
  const cmq = readCmqHeaders(ctx.headers);
  const kind: DeliveryKind = cmq.present || ctx.wrapped ? 'http-simplified' : 'raw';
  const source: EventSource = buildSource(kind, { messageId: cmq.messageId, tags: cmq.tags });
  return { kind, items: parseBatchMessage(value, source, '') };
};

/** Which envelope is this? Decided by the keys only Tencent's shapes carry. */
function classify(value: unknown, ctx: Context): ParsedDelivery {
  if (!isRecord(value)) {
    const problem = `expected a JSON object, got ${describeType(value)}`;
    return one('raw', reject('ENVELOPE_UNKNOWN', 'body', problem));
  }
  if ('Records' in value) {
    return {
      kind: 'topic-trigger',
      items: parseTopicTrigger(value['Records'], ctx.maxBytes),
    };
  }
  if ('Events' in value) return parseBareMessage(value, ctx);
  if ('msgBody' in value) {
    return {
      kind: 'http-json',
      items: parseHttpPushJson(value, readCmqHeaders(ctx.headers), ctx.maxBytes),
    };
  }
  if (!ctx.wrapped && isHttpEvent(value)) return unwrapHttpEvent(value, ctx);
  const problem = `expected Records, Events, msgBody or an HTTP event, got ${describeKeys(value)}`;
  return one('raw', reject('ENVELOPE_UNKNOWN', 'body', problem));
}

const decodeRaw = (raw: unknown, maxBytes: number): Step<unknown> => {
  const options = { maxBytes, garbageCode: 'BODY_NOT_JSON' } as const;
  if (typeof raw === 'string') return decodeText(raw, 'body', options);
  if (raw instanceof Uint8Array) return decodeBytes(raw, 'body', options);
  if (raw === undefined) return reject('BODY_EMPTY', 'body', 'empty');
  return { ok: true, value: raw };
};

/** Last resort: a bug of ours must not lose the delivery's acknowledgement path. */
const internalFault = (cause: unknown): ParsedDelivery =>
  one('raw', {
    ok: false,
    error: new ValidationError('INPUT_INVALID', 'body: could not be read', { cause, path: 'body' }),
    where: 'body',
  });

/**
 * Any delivery (text, bytes, or an already-parsed SCF event) to normalised events and
 * per-item rejections. Never throws: one bad event never costs the others.
 */
export const parseDelivery = (raw: unknown, options: ParseOptions = {}): ParsedDelivery => {
  try {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
    const decoded = decodeRaw(raw, maxBytes);
    if (!decoded.ok) return one('raw', decoded);
    return classify(decoded.value, { maxBytes, headers: options.headers, wrapped: false });
  } catch (cause) {
    return internalFault(cause);
  }
};

/** One topic message body, as the queue drain receives it (SIMPLIFIED). Never throws. */
export const parseMessageBody = (
  body: string,
  source: EventSource,
  options: ParseOptions = {},
): IngestItem[] => {
  if (typeof body !== 'string') {
    return [reject('INPUT_INVALID', 'body', `expected a string, got ${describeType(body)}`)];
  }
  try {
    return parseMessageText(body, source, '', options.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch (cause) {
    return [...internalFault(cause).items];
  }
};
