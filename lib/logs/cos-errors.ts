import { LogFetchError } from './log-fetch-error.js';
import type { LogObject } from './types.js';

export const COS_SERVICE = 'cos';

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
}

const shapeOf = (e: unknown): SdkErrorShape => (typeof e === 'object' && e !== null ? e : {});

export const statusOf = (e: unknown): number | undefined => {
  const status = shapeOf(e).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
};

/** HEAD answers a missing object with a bare 404 (`NotFound`); GET with `NoSuchKey`. */
export const isMissing = (e: unknown): boolean =>
  statusOf(e) === 404 || shapeOf(e).name === 'NoSuchKey' || shapeOf(e).name === 'NotFound';

/** Throttling and server faults may pass; so may a timeout or a dropped connection. */
const isRetryable = (status: number | undefined): boolean =>
  status === undefined || status >= 500 || status === 429 || status === 408;

const describe = (e: unknown, status: number | undefined, timeoutMs: number): string => {
  const { name, code } = shapeOf(e);
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const label = typeof code === 'string' ? code : typeof name === 'string' ? name : 'error';
  return status === undefined ? label : `HTTP ${status} ${label}`;
};

/** Wraps an SDK or network failure once. The message names the object and the failure class,
 *  never the SDK's own text, which may echo request headers. */
export const wrapCosError = (
  e: unknown,
  context: { readonly operation: string; readonly object: LogObject; readonly timeoutMs: number },
): LogFetchError => {
  if (e instanceof LogFetchError) return e;
  const status = statusOf(e);
  const requestId = shapeOf(e).$metadata?.requestId;
  const { bucket, key } = context.object;
  const what = describe(e, status, context.timeoutMs);
  return new LogFetchError(`COS ${context.operation} ${bucket}/${key} failed: ${what}`, {
    service: COS_SERVICE,
    operation: context.operation,
    retryable: isRetryable(status),
    cause: e,
    ...(status === undefined ? {} : { status }),
    ...(typeof requestId === 'string' ? { requestId } : {}),
  });
};
