import type { Context } from 'aws-lambda';
import type { AppDeps } from '../lib/app.js';
import { handleDelivery } from '../lib/core/handle-delivery.js';
import { invocationDeadline } from '../lib/handler/deadline.js';
import { createFunctionDeps } from '../lib/handler/function-deps.js';
import { isPushRequest } from '../lib/handler/http-request.js';
import {
  type HttpResponse,
  httpErrorBoundary,
  jsonResponse,
  withBridgeDefaults,
} from '../lib/handler/middleware.js';

/**
 * The topic's HTTP push through a function URL. 2xx only once the delivery was handled or
 * cleanly rejected (a rejected message is acknowledged: the push would retry it for a day);
 * 503 when an action must be retried, so the push redelivers.
 */
export const buildHandler = (deps: AppDeps) =>
  withBridgeDefaults<unknown, HttpResponse>(httpErrorBoundary(deps.logger)).handler(
    async (event, context) => {
      deps.setDeadline(invocationDeadline(context));
      if (!isPushRequest(event)) return jsonResponse(405, { error: 'use POST' });
      const summary = await handleDelivery(event, deps, { maxBytes: deps.settings.maxBodyBytes });
      return jsonResponse(summary.retry ? 503 : 200, summary);
    },
  );

type Handler = (event: unknown, context: Context) => Promise<HttpResponse>;
let cached: Handler | undefined;

export const main_handler: Handler = (event, context) => {
  cached ??= buildHandler(createFunctionDeps());
  return cached(event, context);
};
