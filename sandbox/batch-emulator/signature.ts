import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError, missingParameter } from './api-error.js';

/**
 * The server side of TC3-HMAC-SHA256 (batch-api.md 1.6), written independently of the
 * bridge's signer so that a bug shared by both cannot pass unnoticed.
 */

export interface Tc3Request {
  readonly method: string;
  /** Path and query exactly as received (`/` or `/?Limit=1`). */
  readonly rawUrl: string;
  /** Lower-cased header names, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface ParsedAuthorization {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

export type SecretLookup = (secretId: string) => string | undefined;

const MAX_SKEW_SECONDS = 300;
const AUTH_PATTERN =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const sha256Hex = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();

export const header = (request: Tc3Request, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export const parseAuthorization = (value: string | undefined): ParsedAuthorization => {
  const match = AUTH_PATTERN.exec(value?.trim() ?? '');
  if (match === null) {
    throw new ApiError(
      'AuthFailure.InvalidAuthorization',
      'The Authorization header is missing or is not a TC3-HMAC-SHA256 authorization.',
    );
  }
  const [, secretId = '', date = '', service = '', signed = '', signature = ''] = match;
  return { secretId, date, service, signedHeaders: signed.split(';'), signature };
};

const utcDate = (timestamp: number): string =>
  new Date(timestamp * 1000).toISOString().slice(0, 10);

/** Tencent's SDK signs the host without the port; other signers keep it. Accept both. */
const hostVariants = (host: string): string[] => {
  const withoutPort = host.replace(/:\d+$/, '');
  return withoutPort === host ? [host] : [host, withoutPort];
};

/** The documented algorithm lower-cases header values; the SDK sends them as they are. */
const canonicalHeaderSets = (request: Tc3Request, names: readonly string[]): string[] => {
  let sets: string[][] = [[]];
  for (const name of names) {
    const raw = (header(request, name) ?? '').trim();
    const options = name === 'host' ? hostVariants(raw) : [raw];
    const values = [...new Set(options.flatMap((v) => [v.toLowerCase(), v]))];
    sets = sets.flatMap((prefix) => values.map((v) => [...prefix, `${name}:${v}\n`]));
  }
  return sets.map((lines) => lines.join(''));
};

const payloadHash = (request: Tc3Request): string =>
  header(request, 'x-tc-content-sha256') === 'UNSIGNED-PAYLOAD'
    ? 'UNSIGNED-PAYLOAD'
    : sha256Hex(request.body);

const expectedSignatures = (
  request: Tc3Request,
  auth: ParsedAuthorization,
  secretKey: string,
  timestamp: string,
): string[] => {
  const [path = '/', query = ''] = request.rawUrl.split(/\?(.*)/s);
  const key = hmac(hmac(hmac(`TC3${secretKey}`, auth.date), auth.service), 'tc3_request');
  const scope = `${auth.date}/${auth.service}/tc3_request`;
  return canonicalHeaderSets(request, auth.signedHeaders).map((headers) => {
    const canonical = [
      request.method,
      path,
      query,
      headers,
      auth.signedHeaders.join(';'),
      payloadHash(request),
    ].join('\n');
    const toSign = ['TC3-HMAC-SHA256', timestamp, scope, sha256Hex(canonical)].join('\n');
    return createHmac('sha256', key).update(toSign).digest('hex');
  });
};

const signatureFailure = (): ApiError =>
  new ApiError(
    'AuthFailure.SignatureFailure',
    'The provided credentials could not be validated. Please check your signature is correct.',
  );

const checkTimestamp = (raw: string | undefined, nowMs: number): number => {
  if (raw === undefined || raw === '') throw missingParameter('Timestamp');
  const timestamp = Number(raw);
  if (!Number.isInteger(timestamp)) throw signatureFailure();
  const skew = Math.abs(nowMs / 1000 - timestamp);
  if (skew > MAX_SKEW_SECONDS) {
    throw new ApiError(
      'AuthFailure.SignatureExpire',
      `Signature expired. Timestamp ${timestamp} differs from server time ${Math.floor(nowMs / 1000)} by more than 5 minutes.`,
    );
  }
  return timestamp;
};

/** Throws the ApiError Tencent would return; returns the SecretId of a good request. */
export const verifyTc3 = (request: Tc3Request, lookup: SecretLookup, nowMs: number): string => {
  const auth = parseAuthorization(header(request, 'authorization'));
  const timestamp = checkTimestamp(header(request, 'x-tc-timestamp'), nowMs);
  const secretKey = lookup(auth.secretId);
  if (secretKey === undefined) {
    throw new ApiError(
      'AuthFailure.SecretIdNotFound',
      'The SecretId is not found, please ensure that your SecretId is correct.',
    );
  }
  const mustSign = ['content-type', 'host'];
  const unsigned = mustSign.some((name) => !auth.signedHeaders.includes(name));
  const absent = auth.signedHeaders.some((name) => header(request, name) === undefined);
  if (unsigned || absent || auth.date !== utcDate(timestamp)) throw signatureFailure();
  const given = Buffer.from(auth.signature, 'hex');
  const matches = expectedSignatures(request, auth, secretKey, String(timestamp)).some((hex) =>
    timingSafeEqual(Buffer.from(hex, 'hex'), given),
  );
  if (!matches) throw signatureFailure();
  return auth.secretId;
};
