import { BridgeError, ConfigError, UpstreamError } from '../errors.js';
import type { ResolvedBatchClientOptions } from './batch-client-options.js';
import {
  type AttemptSuccess,
  BATCH_SERVICE,
  sendBatchRequest,
  type TencentResponse,
} from './batch-transport.js';
import type { CredentialProvider, Credentials } from './credentials.js';
import type { RateLimiter, Sleep } from './rate-limit.js';
import {
  type AttemptResult,
  isSafeToRepeat,
  type RetryPolicy,
  retryWithinDeadline,
} from './retry.js';

/** One API call: rate limit, credentials, signed request, retries, all within the deadline. */

export interface CallOptions {
  /** Overrides the client's region for this call. */
  readonly region?: string;
  readonly signal?: AbortSignal;
}

const BACKOFF = { baseDelayMs: 250, maxDelayMs: 4000, minAttemptMs: 100 } as const;

export interface BatchRuntime {
  readonly options: ResolvedBatchClientOptions;
  readonly endpoint: URL;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly limiter: RateLimiter;
}

const readCredentials = async (
  provider: CredentialProvider,
  action: string,
): Promise<Credentials> => {
  try {
    return await provider();
  } catch (cause) {
    if (cause instanceof BridgeError) throw cause;
    const message = `Batch ${action}: the credential provider failed`;
    throw new UpstreamError('TENCENT_API', message, {
      service: 'credentials',
      operation: action,
      cause,
      retryable: true,
    });
  }
};

/** Header values must be visible ASCII; checked first so no fetch error can echo a secret back. */
const resolveCredentials = async (
  provider: CredentialProvider,
  action: string,
): Promise<Credentials> => {
  const credentials = await readCredentials(provider, action);
  const { secretId, secretKey, token } = credentials;
  if (![secretId, secretKey, token ?? 'x'].every((v) => /^[\x21-\x7e]+$/.test(v))) {
    const message =
      'Tencent Cloud credentials are empty or hold characters that cannot be sent in a header';
    throw new ConfigError('CONFIG_INVALID', message);
  }
  return credentials;
};

const noSlotError = (action: string): UpstreamError =>
  new UpstreamError(
    'TENCENT_API',
    `Batch ${action}: no request slot or time left before the deadline`,
    {
      service: BATCH_SERVICE,
      operation: action,
      retryable: true,
    },
  );

interface PreparedCall {
  readonly action: string;
  readonly body: string;
  readonly region: string;
  readonly signal?: AbortSignal | undefined;
  readonly safe: boolean;
}

/** Resolves `undefined` when no slot or time is left before the deadline: nothing was sent. */
const attempt = async (
  rt: BatchRuntime,
  call: PreparedCall,
): Promise<AttemptResult<AttemptSuccess> | undefined> => {
  const deadline = rt.options.deadline?.() ?? Number.POSITIVE_INFINITY;
  const hasSlot = await rt.limiter.acquire(call.action, {
    deadline: deadline - BACKOFF.minAttemptMs,
    signal: call.signal,
  });
  const left = deadline - rt.now();
  if (!hasSlot || left < BACKOFF.minAttemptMs) return undefined;
  const credentials = await resolveCredentials(rt.options.credentials, call.action);
  return sendBatchRequest({
    action: call.action,
    body: call.body,
    region: call.region,
    credentials,
    endpoint: rt.endpoint,
    fetch: rt.options.fetch,
    timeoutMs: Math.min(rt.options.timeoutMs, Math.floor(left)),
    signal: call.signal,
    nowMs: rt.now(),
    safeToRepeat: call.safe,
  });
};

/** Only what identifies the attempt: never parameters, headers or response bodies. */
const describeAttempt = (result: AttemptResult<AttemptSuccess>): Record<string, unknown> =>
  result.ok
    ? { status: result.value.status, requestId: result.value.response.RequestId }
    : {
        status: result.error.status,
        requestId: result.error.requestId,
        error: result.error.message,
      };

const retryPolicy = (
  rt: BatchRuntime,
  action: string,
  signal: AbortSignal | undefined,
): RetryPolicy => ({
  ...BACKOFF,
  maxAttempts: rt.options.maxAttempts,
  deadline: rt.options.deadline ?? (() => Number.POSITIVE_INFINITY),
  now: rt.now,
  sleep: rt.sleep,
  random: rt.options.random ?? Math.random,
  signal,
  onRetry: ({ attempt: n, delayMs }) =>
    rt.options.logger?.warn('tencent.batch.retry', { action, attempt: n, delayMs }),
});

export const callAction = async (
  rt: BatchRuntime,
  action: string,
  params: object,
  options: CallOptions = {},
): Promise<TencentResponse> => {
  const region = options.region ?? rt.options.region;
  const safe = isSafeToRepeat(action, params);
  const call = { action, body: JSON.stringify(params), region, signal: options.signal, safe };
  let lastError: UpstreamError | undefined;
  const value = await retryWithinDeadline(
    async (n) => {
      const started = rt.now();
      const sent = await attempt(rt, call);
      // Out of time before sending: the previous attempt's error says more than "no time left".
      const result = sent ?? {
        ok: false,
        error: lastError ?? noSlotError(action),
        retryNow: false,
      };
      const event = sent === undefined ? 'tencent.batch.no-slot' : 'tencent.batch.attempt';
      const durationMs = rt.now() - started;
      const details = describeAttempt(result);
      rt.options.logger?.debug(event, { action, region, attempt: n, durationMs, ...details });
      if (!result.ok) lastError = result.error;
      return result;
    },
    retryPolicy(rt, action, options.signal),
  );
  return value.response;
};
