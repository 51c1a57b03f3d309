import type { HttpFetch, HttpFetchInit, HttpResponse } from '../http/index.js';
import { type ApiCallRecord, recordCall, roundMs } from './call-trace.js';
import type { Metrics } from './metrics.js';
import {
  type CallVerdict,
  codeFamily,
  isThrottle,
  judgeResponse,
  type MeteredService,
  thrownCode,
} from './response-peek.js';

/**
 * Counts the calls of a client without touching it: wraps the `fetch` handed to the Batch
 * client, the CMQ client or a channel. The action comes from the request (`X-TC-Action`, the
 * form's `Action`, the channel's name), the outcome from the response. An attempt is a retry
 * when the same request failed moments before on this fetch (the clients re-sign each attempt,
 * so signature, nonce and timestamp fields are ignored in the comparison).
 */

export interface CountingFetchOptions {
  readonly metrics: Metrics;
  readonly service: MeteredService;
  /** A channel's name: the action label of its calls. */
  readonly name?: string;
  /** Epoch ms; for the retry window. */
  readonly clock?: () => number;
}

/** A repeat within this long of a failed attempt counts as its retry. */
export const RETRY_WINDOW_MS = 120_000;
const MAX_REMEMBERED_FAILURES = 256;
const VOLATILE = /^(timestamp|nonce|signature|sign)$/i;

type HeadersLike = HttpFetchInit['headers'];

/** A header of a request's own record, by any case (`new Headers` would load undici). */
const headerOf = (headers: HeadersLike, name: string): string | undefined => {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
};

const bodyText = (body: unknown): string => {
  if (typeof body === 'string') return body;
  return body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : '';
};

const stableForm = (body: string): string => {
  const params = new URLSearchParams(body);
  for (const key of [...params.keys()]) if (VOLATILE.test(key)) params.delete(key);
  params.sort();
  return params.toString();
};

const stableJson = (body: string): string => {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return body;
    return JSON.stringify(Object.entries(parsed).filter(([k]) => !VOLATILE.test(k)));
  } catch {
    return body;
  }
};

interface Request {
  readonly action: string;
  readonly retryKey: string;
}

const describeRequest = (options: CountingFetchOptions, headers: HeadersLike, body: unknown) => {
  const text = bodyText(body);
  switch (options.service) {
    case 'batch': {
      const action = headerOf(headers, 'x-tc-action') ?? 'unknown';
      return { action, retryKey: `${action}\u0000${text}` };
    }
    case 'cmq': {
      const action = new URLSearchParams(text).get('Action') ?? 'unknown';
      return { action, retryKey: `${action}\u0000${stableForm(text)}` };
    }
    case 'channel':
      return { action: options.name ?? 'channel', retryKey: stableJson(text) };
  }
};

type Send = () => Promise<HttpResponse>;

const createCallMeter = (options: CountingFetchOptions) => {
  const { metrics, service } = options;
  const clock = options.clock ?? Date.now;
  const failures = new Map<string, number>();
  const isRetry = (key: string): boolean => {
    const failedAt = failures.get(key);
    failures.delete(key);
    return failedAt !== undefined && clock() - failedAt <= RETRY_WINDOW_MS;
  };
  const settle = (request: Request, verdict: CallVerdict, durationMs: number): void => {
    const labels = { service, action: request.action };
    const call: ApiCallRecord = { ...labels, ...verdict, durationMs: roundMs(durationMs) };
    recordCall(call);
    if (verdict.code === undefined) return;
    metrics.inc('api_errors', { ...labels, code: codeFamily(verdict.code) });
    if (isThrottle(verdict)) metrics.inc('api_throttles', labels);
    failures.set(request.retryKey, clock());
    if (failures.size > MAX_REMEMBERED_FAILURES)
      failures.delete(failures.keys().next().value ?? '');
  };
  return async (request: Request, send: Send): Promise<HttpResponse> => {
    const labels = { service, action: request.action };
    metrics.inc('api_calls', labels);
    if (isRetry(request.retryKey)) metrics.inc('api_retries', labels);
    const started = performance.now();
    let response: HttpResponse;
    try {
      response = await send();
    } catch (e) {
      settle(request, { code: thrownCode(e) }, performance.now() - started);
      throw e;
    }
    settle(request, await judgeResponse(service, response), performance.now() - started);
    return response;
  };
};

/** For the Batch and CMQ clients and the channels (lib/http's `HttpFetch`). */
export const countingHttpFetch = (inner: HttpFetch, options: CountingFetchOptions): HttpFetch => {
  const observe = createCallMeter(options);
  return (input, init) =>
    observe(describeRequest(options, init?.headers, init?.body), () => inner(input, init));
};
