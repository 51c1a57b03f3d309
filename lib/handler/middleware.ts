import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { isBridgeError, summarizeError, UpstreamError, ValidationError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * The one error boundary of the cloud functions. It decides what an error becomes, so that a
 * poison message is acknowledged, a retryable failure is retried by the platform, and nothing
 * internal leaks into a response.
 */

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const jsonResponse = (statusCode: number, body: unknown): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

type BoundaryRequest = { error: unknown; response: unknown };

/** Async triggers (topic, timer): bad input is logged and acknowledged; the rest is rethrown. */
export const asyncErrorBoundary = (logger: Logger) => ({
  onError: (request: BoundaryRequest): void => {
    const error = request.error;
    if (error instanceof ValidationError) {
      logger.warn('rejected', { error: summarizeError(error) });
      request.response = { outcome: 'rejected', error: summarizeError(error) };
      return;
    }
    const retryable = error instanceof UpstreamError && error.retryable;
    logger.error(retryable ? 'retryable failure' : 'failure', { error: chain(error) });
  },
});

/** HTTP triggers: an explicit status always, because a function URL turns a bare reply into 200. */
export const httpErrorBoundary = (logger: Logger) => ({
  onError: (request: BoundaryRequest): void => {
    const error = request.error;
    if (error instanceof ValidationError) {
      request.response = jsonResponse(400, { error: summarizeError(error) });
      return;
    }
    const retryable = isBridgeError(error) && error.retryable;
    logger.error(retryable ? 'retryable failure' : 'failure', { error: chain(error) });
    request.response = jsonResponse(retryable ? 503 : 500, { error: 'internal error' });
  },
});

/** The whole cause chain, for the log only: names and messages, never payloads. */
const chain = (error: unknown): { name: string; message: string; code?: string }[] => {
  const out: { name: string; message: string; code?: string }[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 8; depth += 1) {
    const code = isBridgeError(current) ? current.code : undefined;
    out.push(
      code === undefined
        ? { name: current.name, message: current.message }
        : { name: current.name, message: current.message, code },
    );
    current = current.cause;
  }
  return out;
};

/** middy with the shared stack. Early timeout stays off: SCF's context may not support it. */
export const withBridgeDefaults = <TEvent, TResult>(
  boundary: ReturnType<typeof asyncErrorBoundary>,
) => middy<TEvent, TResult, Error, Context>({ timeoutEarlyInMillis: 0 }).use(boundary);
