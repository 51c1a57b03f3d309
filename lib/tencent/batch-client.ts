import * as z from 'zod';
import { UpstreamError, ValidationError } from '../errors.js';
import { jitAfterFirstParse } from '../parse-once.js';
import { type BatchRuntime, type CallOptions, callAction } from './batch-call.js';
import { type BatchClientOptions, resolveBatchClientOptions } from './batch-client-options.js';
import {
  BATCH_METHODS,
  type BatchMethodName,
  type BatchRequest,
  type BatchResponse,
} from './batch-methods.js';
import { BATCH_SERVICE, type TencentResponse } from './batch-transport.js';
import {
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  defaultSleep,
  FALLBACK_RATE_LIMIT,
} from './rate-limit.js';

export type BatchMethods = {
  readonly [M in BatchMethodName]: (
    params: BatchRequest<M>,
    options?: CallOptions,
  ) => Promise<BatchResponse<M>>;
};

export interface BatchApi extends BatchMethods {
  /** Any action, unvalidated: resolves with the `Response` object of a successful call. */
  call(action: string, params: object, options?: CallOptions): Promise<TencentResponse>;
}

const invalidResponse = (
  action: string,
  requestId: string | undefined,
  error: z.ZodError,
): UpstreamError =>
  new UpstreamError(
    'TENCENT_API',
    `Batch ${action}: unexpected response shape: ${z.prettifyError(error)}`,
    {
      service: BATCH_SERVICE,
      operation: action,
      cause: error,
      ...(requestId === undefined ? {} : { requestId }),
    },
  );

const typedMethod =
  <M extends BatchMethodName>(rt: BatchRuntime, method: M) =>
  async (params: BatchRequest<M>, options?: CallOptions): Promise<BatchResponse<M>> => {
    const [action, requestSchema, responseSchema] = BATCH_METHODS[method];
    const request = requestSchema.safeParse(params, jitAfterFirstParse(requestSchema));
    if (!request.success) {
      throw new ValidationError(
        'INPUT_INVALID',
        `Batch ${action} request: ${z.prettifyError(request.error)}`,
        { cause: request.error },
      );
    }
    const response = await callAction(rt, action, request.data, options);
    const parsed = responseSchema.safeParse(response, jitAfterFirstParse(responseSchema));
    if (!parsed.success) throw invalidResponse(action, response.RequestId, parsed.error);
    return parsed.data as BatchResponse<M>;
  };

export const createBatchClient = (options: BatchClientOptions): BatchApi => {
  const resolved = resolveBatchClientOptions(options);
  const now = resolved.clock ?? Date.now;
  const sleep = resolved.sleep ?? defaultSleep;
  const limits = { ...DEFAULT_RATE_LIMITS, ...resolved.rateLimits };
  const limiter = createRateLimiter({ limits, fallback: FALLBACK_RATE_LIMIT, now, sleep });
  const rt: BatchRuntime = {
    options: resolved,
    endpoint: new URL(resolved.endpoint),
    now,
    sleep,
    limiter,
  };
  const methods = Object.fromEntries(
    (Object.keys(BATCH_METHODS) as BatchMethodName[]).map((m) => [m, typedMethod(rt, m)]),
  ) as unknown as BatchMethods;
  return {
    ...methods,
    call: (action, params, callOptions) => callAction(rt, action, params, callOptions),
  };
};
