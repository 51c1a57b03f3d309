import { reject, type Step } from './reject.js';

/** 1 MiB: the largest body a TDMQ-CMQ queue or topic accepts (platform.md section 3, 8.1). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface DecodeOptions {
  readonly maxBytes: number;
  /**
   * What to call text that is neither JSON nor Base64: a top-level body is `BODY_NOT_JSON`,
   * a topic message body (which may legitimately be Base64) is `BODY_UNDECODABLE`.
   */
  readonly garbageCode: 'BODY_NOT_JSON' | 'BODY_UNDECODABLE';
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const MAX_ECHO = 80;
/** Longer than any JSON number, true, false or null that a sender would mean. */
const MAX_SCALAR = 64;

/** Bytes of a string without encoding it: UTF-8 takes 1 to 3 bytes per UTF-16 unit. */
const isTooLarge = (text: string, maxBytes: number): boolean => {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
};

/** Index of the first character that is neither whitespace nor a byte-order mark, or -1. */
const firstContent = (text: string): number => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return i;
  }
  return -1;
};

/** V8 quotes at most ~20 characters around the fault; still cap and strip control bytes. */
const describeJsonFault = (e: unknown, length: number): string => {
  const raw = e instanceof Error ? e.message : 'unparseable';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are what we remove
  const clean = raw.replace(/[\u0000-\u001f\u007f]/g, '?');
  const short = clean.length > MAX_ECHO ? `${clean.slice(0, MAX_ECHO)}…` : clean;
  return `not valid JSON (${length} chars): ${short}`;
};

const tryJson = (text: string): Step<unknown> | undefined => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return undefined;
  }
};

const looksLikeJson = (c: number): boolean => c === 0x7b || c === 0x5b || c === 0x22; // { [ "

const fromBase64 = (text: string, where: string): Step<unknown> | undefined => {
  const trimmed = text.trimEnd();
  const compact = trimmed.includes('\n') ? trimmed.replace(/\s+/g, '') : trimmed;
  if (compact.length % 4 === 1 || !BASE64.test(compact)) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  const start = firstContent(decoded);
  const parsed = start === -1 ? undefined : tryJson(start === 0 ? decoded : decoded.slice(start));
  return parsed ?? reject('BODY_UNDECODABLE', where, 'Base64 that does not decode to JSON');
};

/**
 * Text to a JSON value: JSON first, then Base64 of JSON (the console shows topic messages
 * Base64-encoded; whether deliveries are is UNVERIFIED, platform.md 1.1).
 */
export const decodeText = (text: string, where: string, options: DecodeOptions): Step<unknown> => {
  if (isTooLarge(text, options.maxBytes)) {
    return reject('BODY_TOO_LARGE', where, `larger than ${options.maxBytes} bytes`);
  }
  const start = firstContent(text);
  if (start === -1) return reject('BODY_EMPTY', where, 'empty');
  const body = start === 0 ? text : text.slice(start);
  // Base64 never starts with { [ or ", and a long text that does not cannot be a JSON scalar:
  // try Base64 first there, since a failing JSON.parse throws and a throw costs more than a parse.
  const isJsonFirst = looksLikeJson(body.charCodeAt(0)) || body.length <= MAX_SCALAR;
  const early = isJsonFirst ? undefined : fromBase64(body, where);
  if (early !== undefined) return early;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    if (looksLikeJson(body.charCodeAt(0))) {
      return reject('BODY_NOT_JSON', where, describeJsonFault(e, body.length));
    }
    const late = isJsonFirst ? fromBase64(body, where) : undefined;
    if (late !== undefined) return late;
    const problem =
      options.garbageCode === 'BODY_NOT_JSON'
        ? describeJsonFault(e, body.length)
        : 'neither JSON nor Base64 of JSON';
    return reject(options.garbageCode, where, problem);
  }
};

/** Bytes to text, capped before decoding so a huge body costs nothing. */
export const decodeBytes = (
  bytes: Uint8Array,
  where: string,
  options: DecodeOptions,
): Step<unknown> => {
  if (bytes.byteLength > options.maxBytes) {
    return reject('BODY_TOO_LARGE', where, `larger than ${options.maxBytes} bytes`);
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return decodeText(text, where, options);
};

/** An HTTP body that the gateway marked `isBase64Encoded`: must be Base64, of anything. */
export const decodeBase64Body = (text: string, where: string, maxBytes: number): Step<string> => {
  if (isTooLarge(text, Math.ceil((maxBytes * 4) / 3) + 4)) {
    return reject('BODY_TOO_LARGE', where, `larger than ${maxBytes} bytes`);
  }
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || (compact !== '' && !BASE64.test(compact))) {
    return reject('BODY_UNDECODABLE', where, 'marked isBase64Encoded but is not Base64');
  }
  return { ok: true, value: Buffer.from(compact, 'base64').toString('utf8') };
};
