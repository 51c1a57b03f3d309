import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks the v1-style signature of the CMQ data plane (platform.md 8.1) the way the server
 * would, written apart from lib/tencent/cmq-sign so that a shared mistake cannot pass unseen.
 */

export interface QueueCredential {
  readonly secretId: string;
  readonly secretKey: string;
  /** When set, requests must carry it as `Token` (temporary credentials). */
  readonly token?: string;
}

export interface SignedRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly params: ReadonlyMap<string, string>;
}

export type Verdict =
  | { readonly ok: true; readonly secretId: string }
  | { readonly ok: false; readonly code: number; readonly message: string };

const MAX_SKEW_SECONDS = 300;
/** Legacy CMQ common codes: 4000 invalid parameter, 4100 authentication failed. */
const invalid = (message: string): Verdict => ({ ok: false, code: 4000, message });
const denied = (message: string): Verdict => ({ ok: false, code: 4100, message });

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Names in code-unit order, `_` read as `.`, values exactly as received (not re-encoded). */
export const canonicalString = (request: SignedRequest): string => {
  const names = [...request.params.keys()].filter((n) => n !== 'Signature').sort(byCodeUnit);
  let query = '';
  for (const name of names) {
    query += `${query === '' ? '' : '&'}${name.split('_').join('.')}=${request.params.get(name)}`;
  }
  return `${request.method}${request.host}${request.path}?${query}`;
};

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const checkToken = (
  credential: QueueCredential,
  token: string | undefined,
): Verdict | undefined => {
  if (credential.token === undefined && token !== undefined) return denied('unexpected Token');
  if (credential.token !== undefined && token === undefined) return denied('Token is required');
  if (credential.token !== undefined && token !== undefined && !sameText(credential.token, token)) {
    return denied('Token is invalid');
  }
  return undefined;
};

export const verifySignature = (
  request: SignedRequest,
  lookup: (secretId: string) => QueueCredential | undefined,
  nowMs: number,
): Verdict => {
  const p = request.params;
  for (const name of ['SecretId', 'Signature', 'Timestamp', 'Nonce', 'Action']) {
    if ((p.get(name) ?? '') === '') return invalid(`missing parameter ${name}`);
  }
  const secretId = p.get('SecretId') ?? '';
  const credential = lookup(secretId);
  if (credential === undefined) return denied('SecretId is unknown');
  const timestamp = Number(p.get('Timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(nowMs / 1000 - timestamp) > MAX_SKEW_SECONDS) {
    return denied('Timestamp is invalid or expired');
  }
  const tokenProblem = checkToken(credential, p.get('Token'));
  if (tokenProblem !== undefined) return tokenProblem;
  // Any other SignatureMethod value means SHA1, as the docs say.
  const algorithm = p.get('SignatureMethod') === 'HmacSHA256' ? 'sha256' : 'sha1';
  const expected = createHmac(algorithm, credential.secretKey)
    .update(canonicalString(request))
    .digest('base64');
  return sameText(expected, p.get('Signature') ?? '')
    ? { ok: true, secretId }
    : denied('signature does not match');
};
