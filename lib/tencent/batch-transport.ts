import * as z from 'zod';
import { UpstreamError, type UpstreamErrorOptions } from '../errors.js';
import type { HttpFetch } from '../http/index.js';
import { jitAfterFirstParse } from '../parse-once.js';
import type { Credentials } from './credentials.js';
import { type AttemptResult, classifyApiCode, classifyHttpStatus } from './retry.js';
import { signApiRequest } from './tc3.js';
import { TencentApiError } from './tencent-api-error.js';

/** One signed POST+JSON request to an API 3.0 endpoint and the reading of its envelope. */

export const BATCH_SERVICE = 'batch';
export const BATCH_VERSION = '2017-03-12';

export type TencentResponse = Readonly<Record<string, unknown>> & {
  readonly RequestId?: string | undefined;
};

export interface AttemptInput {
  readonly action: string;
  readonly body: string;
  readonly region: string;
  readonly credentials: Credentials;
  readonly endpoint: URL;
  readonly fetch: HttpFetch;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Epoch ms; becomes X-TC-Timestamp. */
  readonly nowMs: number;
  /** True when the request may be repeated after an unknown outcome. */
  readonly safeToRepeat: boolean;
}

export interface AttemptSuccess {
  readonly response: TencentResponse;
  readonly status: number;
}

const EnvelopeSchema = z.object({
  Response: z.looseObject({
    RequestId: z.string().optional(),
    Error: z.object({ Code: z.string().min(1), Message: z.string().optional() }).optional(),
  }),
});

const fail = (error: UpstreamError, retryNow: boolean): AttemptResult<AttemptSuccess> => ({
  ok: false,
  error,
  retryNow,
});

/** Tencent's message is free text from outside: nothing we sent may come back through it. */
const redact = (text: string, secrets: readonly (string | undefined)[]): string =>
  secrets.reduce<string>(
    (out, secret) =>
      secret === undefined || secret.length < 4 ? out : out.split(secret).join('[redacted]'),
    text,
  );

type Envelope = z.infer<typeof EnvelopeSchema>['Response'];

const parseEnvelope = (
  text: string,
): Envelope | { readonly problem: string; readonly cause: unknown } => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return { problem: `is not JSON (${text.length} chars)`, cause };
  }
  const parsed = EnvelopeSchema.safeParse(json, jitAfterFirstParse(EnvelopeSchema));
  return parsed.success
    ? parsed.data.Response
    : { problem: 'is not an API 3.0 envelope', cause: parsed.error };
};

/** Without Tencent's envelope only the HTTP status tells a passing failure from a lasting one. */
const httpFailure = (
  input: AttemptInput,
  where: UpstreamErrorOptions,
  message: string,
  cause?: unknown,
): AttemptResult<AttemptSuccess> => {
  const transient = classifyHttpStatus(where.status ?? 0) === 'transient';
  const options = { ...where, retryable: transient, ...(cause === undefined ? {} : { cause }) };
  return fail(new UpstreamError('TENCENT_API', message, options), transient && input.safeToRepeat);
};

const readEnvelope = (
  input: AttemptInput,
  status: number,
  text: string,
  secrets: readonly (string | undefined)[],
): AttemptResult<AttemptSuccess> => {
  const where = { service: BATCH_SERVICE, operation: input.action, status };
  const response = parseEnvelope(text);
  if ('problem' in response) {
    const message = `Batch ${input.action}: HTTP ${status} response ${response.problem}`;
    return httpFailure(input, where, message, response.cause);
  }
  const requestId = response.RequestId;
  const withId = requestId === undefined ? where : { ...where, requestId };
  if (response.Error !== undefined) {
    const { Code, Message = '' } = response.Error;
    const retryability = classifyApiCode(Code);
    const suffix = requestId === undefined ? '' : ` (RequestId ${requestId})`;
    const message = `Batch ${input.action} failed with ${Code}: ${redact(Message, secrets)}${suffix}`;
    const error = new TencentApiError(Code, message, {
      ...withId,
      retryable: retryability !== 'permanent',
    });
    return fail(error, retryability === 'transient');
  }
  if (status < 200 || status >= 300) {
    return httpFailure(
      input,
      withId,
      `Batch ${input.action}: HTTP ${status} without an error code`,
    );
  }
  return { ok: true, value: { response, status } };
};

const failedFetch = (
  input: AttemptInput,
  timeout: AbortSignal,
  cause: unknown,
): AttemptResult<AttemptSuccess> => {
  const where = { service: BATCH_SERVICE, operation: input.action, cause };
  if (input.signal?.aborted === true) {
    return fail(
      new UpstreamError('TENCENT_API', `Batch ${input.action}: aborted by the caller`, {
        ...where,
        retryable: true,
      }),
      false,
    );
  }
  const message = timeout.aborted
    ? `Batch ${input.action}: no response within ${input.timeoutMs} ms`
    : `Batch ${input.action}: request failed without a response (network error)`;
  return fail(
    new UpstreamError('TENCENT_API', message, { ...where, retryable: true }),
    input.safeToRepeat,
  );
};

export const sendBatchRequest = async (
  input: AttemptInput,
): Promise<AttemptResult<AttemptSuccess>> => {
  const { headers, authorization, signature } = signApiRequest({
    ...input.credentials,
    service: BATCH_SERVICE,
    host: input.endpoint.host,
    action: input.action,
    version: BATCH_VERSION,
    region: input.region,
    timestamp: Math.floor(input.nowMs / 1000),
    payload: input.body,
  });
  const timeout = AbortSignal.timeout(input.timeoutMs);
  const signal = input.signal === undefined ? timeout : AbortSignal.any([input.signal, timeout]);
  let status: number;
  let text: string;
  try {
    const res = await input.fetch(input.endpoint, {
      method: 'POST',
      headers,
      body: input.body,
      signal,
    });
    status = res.status;
    // The body is read under the same signal: a server that stalls mid-body still times out.
    text = await res.text();
  } catch (cause) {
    return failedFetch(input, timeout, cause);
  }
  // Longest first, so an echoed Authorization header is redacted whole.
  const { secretKey, token } = input.credentials;
  return readEnvelope(input, status, text, [authorization, secretKey, token, signature]);
};
