import { createHmac } from 'node:crypto';

/**
 * The TDMQ-CMQ data plane still uses the v1-style signature (platform.md 8.1), not TC3: an HMAC
 * over method, host, path and the sorted raw parameters, sent as the `Signature` parameter.
 */

export type CmqSignatureMethod = 'HmacSHA256' | 'HmacSHA1';

export interface CmqStringToSignInput {
  readonly method: string;
  /** Exactly as in the URL, `:port` included when present (as the SDKs sign it). */
  readonly host: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Raw values, not URL-encoded; `_` in names becomes `.` (a relic of PHP's parameter parsing). */
export const buildCmqStringToSign = (input: CmqStringToSignInput): string => {
  const pairs = Object.keys(input.params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${name.replaceAll('_', '.')}=${input.params[name] ?? ''}`);
  return `${input.method.toUpperCase()}${input.host}${input.path}?${pairs.join('&')}`;
};

export const signCmqString = (
  stringToSign: string,
  secretKey: string,
  method: CmqSignatureMethod = 'HmacSHA256',
): string =>
  createHmac(method === 'HmacSHA256' ? 'sha256' : 'sha1', secretKey)
    .update(stringToSign, 'utf8')
    .digest('base64');

export interface CmqSignInput {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  readonly secretId: string;
  readonly secretKey: string;
  /** Session token of temporary credentials: sent and signed as `Token`. */
  readonly token?: string | undefined;
  readonly host: string;
  readonly path: string;
  readonly timestampSeconds: number;
  readonly nonce: number;
  /** Short region code (`gz`); the host wins on a mismatch, so it is only informative. */
  readonly region?: string | undefined;
}

/** The request parameters with the common ones and `Signature` added, ready to form-encode. */
export const signCmqParams = (input: CmqSignInput): Record<string, string> => {
  const params: Record<string, string> = {
    ...input.params,
    Action: input.action,
    SecretId: input.secretId,
    Timestamp: String(input.timestampSeconds),
    Nonce: String(input.nonce),
    SignatureMethod: 'HmacSHA256',
  };
  if (input.region !== undefined) params['Region'] = input.region;
  if (input.token !== undefined) params['Token'] = input.token;
  const stringToSign = buildCmqStringToSign({
    method: 'POST',
    host: input.host,
    path: input.path,
    params,
  });
  params['Signature'] = signCmqString(stringToSign, input.secretKey);
  return params;
};
