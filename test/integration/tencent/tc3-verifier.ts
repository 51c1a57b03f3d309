import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * A server-side TC3-HMAC-SHA256 check written from batch-api.md 1.6.2 alone, deliberately
 * sharing no code with lib/tencent/tc3.ts: if both had the same bug, the tests would not see it.
 */

export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const AUTH_PATTERN =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer =>
  createHmac('sha256', key).update(text).digest();

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export interface VerifyInput {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** secretId -> secretKey of the accounts the server knows. */
  readonly keys: ReadonlyMap<string, string>;
  /** Server time in UNIX seconds. */
  readonly nowSeconds: number;
  /** The service the credential scope must name. */
  readonly service: string;
}

export const verifyTc3 = (input: VerifyInput): VerifyResult => {
  const match = AUTH_PATTERN.exec(headerValue(input.headers, 'authorization') ?? '');
  if (match === null) return { ok: false, reason: 'malformed Authorization' };
  const [, secretId = '', date = '', service = '', signedHeaders = '', signature = ''] = match;
  const secretKey = input.keys.get(secretId);
  if (secretKey === undefined) return { ok: false, reason: 'unknown SecretId' };
  if (service !== input.service) return { ok: false, reason: `scope names service ${service}` };
  const timestamp = Number(headerValue(input.headers, 'x-tc-timestamp'));
  if (Math.abs(input.nowSeconds - timestamp) > 300) return { ok: false, reason: 'expired' };
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) {
    return { ok: false, reason: 'date does not match the timestamp' };
  }
  const names = signedHeaders.split(';');
  if (!names.includes('content-type') || !names.includes('host')) {
    return { ok: false, reason: 'content-type and host must be signed' };
  }
  const canonicalHeaders = names
    .map((name) => `${name}:${(headerValue(input.headers, name) ?? '').trim().toLowerCase()}\n`)
    .join('');
  const canonical = `${input.method}\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256(input.body)}`;
  const scope = `${date}/${service}/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  const expected = createHmac('sha256', key).update(toSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
    ? { ok: true }
    : { ok: false, reason: 'signature mismatch' };
};
