import { BridgeError, UpstreamError } from '../errors.js';
import { defaultHttpFetch } from '../http/index.js';
import { CmqApiError } from './cmq-api-error.js';
import type { ResolvedCmqQueueClientOptions } from './cmq-client-options.js';
import { isTransientCmqCode } from './cmq-schemas.js';
import { CMQ_SERVICE, type CmqEnvelope, sendCmqRequest } from './cmq-transport.js';
import type { CredentialProvider, Credentials } from './credentials.js';
import type { Sleep } from './rate-limit.js';
import { type AttemptResult, type RetryPolicy, retryWithinDeadline } from './retry.js';

/** One CMQ call: credentials, signed request, code check, retries, all within the deadline. */

const BACKOFF = { baseDelayMs: 200, maxDelayMs: 3_000, minAttemptMs: 250 } as const;

export interface CmqRuntime {
  readonly options: ResolvedCmqQueueClientOptions;
  readonly url: URL;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly deadline: () => number;
}

const upstream = (action: string, message: string, options: ErrorOptions = {}) =>
  new UpstreamError('CMQ_API', `CMQ ${action}: ${message}`, {
    ...options,
    service: CMQ_SERVICE,
    operation: action,
    retryable: true,
  });

const readCredentials = async (provider: CredentialProvider, action: string) => {
  try {
    return await provider();
  } catch (cause) {
    if (cause instanceof BridgeError) throw cause;
    throw upstream(action, 'the credential provider failed', { cause });
  }
};

const interpret = (
  action: string,
  envelope: CmqEnvelope,
  status: number,
  accepted: readonly number[],
): AttemptResult<CmqEnvelope> => {
  if (accepted.includes(envelope.code)) return { ok: true, value: envelope };
  const transient = isTransientCmqCode(envelope.code);
  const id = envelope.requestId === undefined ? '' : ` (requestId ${envelope.requestId})`;
  const text = `CMQ ${action} failed with code ${envelope.code}: ${envelope.message ?? ''}${id}`;
  const error = new CmqApiError(envelope.code, text, {
    service: CMQ_SERVICE,
    operation: action,
    status,
    retryable: transient,
    ...(envelope.requestId === undefined ? {} : { requestId: envelope.requestId }),
  });
  return { ok: false, error, retryNow: transient };
};

const retryPolicy = (rt: CmqRuntime, action: string): RetryPolicy => ({
  ...BACKOFF,
  maxAttempts: rt.options.maxAttempts,
  deadline: rt.deadline,
  now: rt.now,
  sleep: rt.sleep,
  random: rt.random,
  onRetry: ({ attempt, delayMs, error }) =>
    rt.options.logger?.warn('tencent.cmq.retry', {
      action,
      attempt,
      delayMs,
      error: error.message,
    }),
});

export interface CmqCallSpec {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  readonly accepted: readonly number[];
  /** Sized per attempt from the time left, so a long poll never outlives the deadline. */
  readonly timeoutMs: (leftMs: number) => number;
}

export const callCmq = async (rt: CmqRuntime, spec: CmqCallSpec): Promise<CmqEnvelope> => {
  let lastError: UpstreamError | undefined;
  return retryWithinDeadline(
    async (attempt) => {
      const left = rt.deadline() - rt.now();
      if (left < BACKOFF.minAttemptMs) {
        const error = lastError ?? upstream(spec.action, 'no time left before the deadline');
        return { ok: false, error, retryNow: false };
      }
      const credentials: Credentials = await readCredentials(rt.options.credentials, spec.action);
      const sent = await sendCmqRequest({
        ...spec,
        credentials,
        endpoint: rt.url,
        fetch: rt.options.fetch ?? defaultHttpFetch(),
        timeoutMs: Math.min(spec.timeoutMs(left), Math.floor(left)),
        nowMs: rt.now(),
        nonce: 1 + Math.floor(rt.random() * 2_147_483_646),
        region: rt.options.region,
      });
      const result = sent.ok
        ? interpret(spec.action, sent.value.envelope, sent.value.status, spec.accepted)
        : sent;
      rt.options.logger?.debug('tencent.cmq.attempt', {
        action: spec.action,
        attempt,
        ok: result.ok,
      });
      if (!result.ok) lastError = result.error;
      return result;
    },
    retryPolicy(rt, spec.action),
  );
};
