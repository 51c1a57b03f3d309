import type { Context } from 'aws-lambda';
import type { AppDeps } from '../lib/app.js';
import { type DeliverySummary, handleDelivery } from '../lib/core/handle-delivery.js';
import { redeliveryError } from '../lib/core/redelivery.js';
import { invocationDeadline } from '../lib/handler/deadline.js';
import { createFunctionDeps } from '../lib/handler/function-deps.js';
import { asyncErrorBoundary, withBridgeDefaults } from '../lib/handler/middleware.js';

/** SCF topic trigger (legacy CMQ): `{Records:[{CMQ:{…msgBody}}]}`, invoked asynchronously. */
export const buildHandler = (deps: AppDeps) =>
  withBridgeDefaults<unknown, DeliverySummary>(asyncErrorBoundary(deps.logger)).handler(
    async (event, context) => {
      deps.setDeadline(invocationDeadline(context));
      const summary = await handleDelivery(event, deps, { maxBytes: deps.settings.maxBodyBytes });
      // Throwing makes SCF retry the invocation; every effect is idempotent, so that is safe.
      if (summary.retry) throw redeliveryError(summary);
      return summary;
    },
  );

type Handler = (event: unknown, context: Context) => Promise<DeliverySummary>;
let cached: Handler | undefined;

export const main_handler: Handler = (event, context) => {
  cached ??= buildHandler(createFunctionDeps());
  return cached(event, context);
};
