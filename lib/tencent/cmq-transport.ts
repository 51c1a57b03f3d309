import type * as z from 'zod';
import { UpstreamError } from '../errors.js';
import type { HttpFetch } from '../http/index.js';
import { CmqEnvelopeSchema } from './cmq-schemas.js';
import { signCmqParams } from './cmq-sign.js';
import type { Credentials } from './credentials.js';
import { type AttemptResult, classifyHttpStatus } from './retry.js';

/** One signed, form-encoded POST to the CMQ data plane and the reading of its JSON envelope. */

export const CMQ_SERVICE = 'cmq';

export type CmqEnvelope = z.infer<typeof CmqEnvelopeSchema>;

export interface CmqAttemptInput {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  readonly credentials: Credentials;
  /** With the path to post to already resolved. */
  readonly endpoint: URL;
  readonly fetch: HttpFetch;
  readonly timeoutMs: number;
  readonly nowMs: number;
  readonly nonce: number;
  readonly region?: string | undefined;
}

export interface CmqAttemptSuccess {
  readonly status: number;
  readonly envelope: CmqEnvelope;
}

/** Server text is from outside: nothing we sent (key, token, signature) may come back in it. */
export const redactSecrets = (text: string, secrets: readonly (string | undefined)[]): string =>
  secrets.reduce<string>(
    (out, secret) =>
      secret === undefined || secret.length < 4 ? out : out.split(secret).join('[redacted]'),
    text,
  );

const failure = (
  input: CmqAttemptInput,
  message: string,
  extra: { status?: number; cause?: unknown; transient: boolean },
): AttemptResult<CmqAttemptSuccess> => {
  const options = {
    service: CMQ_SERVICE,
    operation: input.action,
    retryable: extra.transient,
    ...(extra.status === undefined ? {} : { status: extra.status }),
    ...(extra.cause === undefined ? {} : { cause: extra.cause }),
  };
  return {
    ok: false,
    error: new UpstreamError('CMQ_API', `CMQ ${input.action}: ${message}`, options),
    retryNow: extra.transient,
  };
};

const readEnvelope = (
  input: CmqAttemptInput,
  status: number,
  text: string,
  secrets: readonly (string | undefined)[],
): AttemptResult<CmqAttemptSuccess> => {
  const transient = classifyHttpStatus(status) === 'transient';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const message = `HTTP ${status} response is not JSON (${text.length} chars)`;
    return failure(input, message, { status, cause, transient });
  }
  const parsed = CmqEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const message = `HTTP ${status} response has no numeric code`;
    return failure(input, message, { status, cause: parsed.error, transient });
  }
  const envelope = parsed.data;
  const message =
    envelope.message === undefined ? {} : { message: redactSecrets(envelope.message, secrets) };
  return { ok: true, value: { status, envelope: { ...envelope, ...message } } };
};

export const sendCmqRequest = async (
  input: CmqAttemptInput,
): Promise<AttemptResult<CmqAttemptSuccess>> => {
  const signed = signCmqParams({
    action: input.action,
    params: input.params,
    secretId: input.credentials.secretId,
    secretKey: input.credentials.secretKey,
    token: input.credentials.token,
    host: input.endpoint.host,
    path: input.endpoint.pathname,
    timestampSeconds: Math.floor(input.nowMs / 1000),
    nonce: input.nonce,
    region: input.region,
  });
  const timeout = AbortSignal.timeout(input.timeoutMs);
  try {
    const res = await input.fetch(input.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(signed).toString(),
      signal: timeout,
    });
    // Read under the same signal: a server that stalls mid-body still times out.
    const text = await res.text();
    const { secretKey, token } = input.credentials;
    return readEnvelope(input, res.status, text, [signed['Signature'], secretKey, token]);
  } catch (cause) {
    const message = timeout.aborted
      ? `no response within ${input.timeoutMs} ms`
      : 'request failed without a response (network error)';
    return failure(input, message, { cause, transient: true });
  }
};
