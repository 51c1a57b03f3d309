import { createHash, createHmac } from 'node:crypto';

/**
 * TC3-HMAC-SHA256, the Tencent Cloud API 3.0 signature (batch-api.md 1.6). Pure functions:
 * the caller supplies the timestamp, so a signature is reproducible from its inputs.
 */

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

/** Headers are signed as sent; `x-tc-action` is included so a signature cannot be replayed
 *  against another action (the SDK signs only the first two). */
export const DEFAULT_SIGNED_HEADERS: readonly string[] = ['content-type', 'host', 'x-tc-action'];

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface CanonicalRequestInput {
  readonly method: 'POST' | 'GET';
  /** Always `/` for API 3.0. */
  readonly uri?: string;
  /** Empty for POST; the URL-encoded query string for GET. */
  readonly query?: string;
  /** Header names in any case; only those named in `signedHeaders` are used. */
  readonly headers: Readonly<Record<string, string>>;
  readonly signedHeaders: readonly string[];
  readonly payload: string;
}

export interface Tc3SignInput extends CanonicalRequestInput {
  readonly secretId: string;
  readonly secretKey: string;
  readonly service: string;
  /** UNIX seconds; the same value goes into X-TC-Timestamp. */
  readonly timestamp: number;
}

export interface Tc3Signature {
  readonly authorization: string;
  readonly signature: string;
  readonly credentialScope: string;
  readonly signedHeaders: string;
}

export const sha256Hex = (data: string): string =>
  createHash('sha256').update(data, 'utf8').digest('hex');

const hmacSha256 = (key: string | Buffer, message: string): Buffer =>
  createHmac('sha256', key).update(message, 'utf8').digest();

/** The Date of the credential scope comes from the timestamp in UTC, never local time. */
export const utcDate = (timestamp: number): string =>
  new Date(timestamp * 1000).toISOString().slice(0, 10);

const normaliseSignedHeaders = (names: readonly string[]): string[] =>
  [...new Set(names.map((name) => name.trim().toLowerCase()))].sort();

const lookupHeader = (headers: Readonly<Record<string, string>>, name: string): string => {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  if (entry === undefined) throw new TypeError(`TC3: signed header "${name}" is not set`);
  return entry[1];
};

export const buildCanonicalRequest = (input: CanonicalRequestInput): string => {
  const names = normaliseSignedHeaders(input.signedHeaders);
  // The documented algorithm lower-cases values too (x-tc-action:describejob).
  const canonicalHeaders = names
    .map((name) => `${name}:${lookupHeader(input.headers, name).trim().toLowerCase()}\n`)
    .join('');
  return [
    input.method,
    input.uri ?? '/',
    input.query ?? '',
    canonicalHeaders,
    names.join(';'),
    sha256Hex(input.payload),
  ].join('\n');
};

export const buildCredentialScope = (timestamp: number, service: string): string =>
  `${utcDate(timestamp)}/${service}/tc3_request`;

export const buildStringToSign = (
  timestamp: number,
  credentialScope: string,
  canonicalRequest: string,
): string =>
  [TC3_ALGORITHM, String(timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');

export const deriveSigningKey = (secretKey: string, date: string, service: string): Buffer => {
  const secretDate = hmacSha256(`TC3${secretKey}`, date);
  const secretService = hmacSha256(secretDate, service);
  return hmacSha256(secretService, 'tc3_request');
};

export const signTc3 = (input: Tc3SignInput): Tc3Signature => {
  const credentialScope = buildCredentialScope(input.timestamp, input.service);
  const canonicalRequest = buildCanonicalRequest(input);
  const stringToSign = buildStringToSign(input.timestamp, credentialScope, canonicalRequest);
  const key = deriveSigningKey(input.secretKey, utcDate(input.timestamp), input.service);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const signedHeaders = normaliseSignedHeaders(input.signedHeaders).join(';');
  return {
    authorization: `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    credentialScope,
    signedHeaders,
  };
};

export interface ApiHeadersInput {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string | undefined;
  readonly service: string;
  /** The Host header exactly as sent: `url.host`, so with the port when there is one. */
  readonly host: string;
  readonly action: string;
  readonly version: string;
  readonly region?: string | undefined;
  readonly timestamp: number;
  readonly payload: string;
}

export interface SignedApiRequest {
  readonly headers: Readonly<Record<string, string>>;
  /** Returned so the caller can keep them out of anything it reports. */
  readonly authorization: string;
  readonly signature: string;
}

/** The complete header set of one signed POST+JSON API 3.0 request. */
export const signApiRequest = (input: ApiHeadersInput): SignedApiRequest => {
  const headers: Record<string, string> = {
    'Content-Type': JSON_CONTENT_TYPE,
    Host: input.host,
    'X-TC-Action': input.action,
    'X-TC-Version': input.version,
    'X-TC-Timestamp': String(input.timestamp),
  };
  if (input.region !== undefined && input.region !== '') headers['X-TC-Region'] = input.region;
  if (input.token !== undefined && input.token !== '') headers['X-TC-Token'] = input.token;
  const { authorization, signature } = signTc3({
    ...input,
    method: 'POST',
    headers,
    signedHeaders: DEFAULT_SIGNED_HEADERS,
  });
  return { headers: { Authorization: authorization, ...headers }, authorization, signature };
};
