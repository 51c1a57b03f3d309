import type { Context } from 'aws-lambda';
import type { AppDeps } from '../lib/app.js';
import { runTick, type TickResult } from '../lib/core/tick.js';
import { invocationDeadline } from '../lib/handler/deadline.js';
import { createFunctionDeps } from '../lib/handler/function-deps.js';
import { asyncErrorBoundary, withBridgeDefaults } from '../lib/handler/middleware.js';

/** Timer trigger: reconcile the scaled envs and flush due alert groups. */
export const buildHandler = (deps: AppDeps) =>
  withBridgeDefaults<unknown, TickResult>(asyncErrorBoundary(deps.logger)).handler(
    async (_event, context) => {
      deps.setDeadline(invocationDeadline(context));
      return runTick(deps);
    },
  );

type Handler = (event: unknown, context: Context) => Promise<TickResult>;
let cached: Handler | undefined;

export const main_handler: Handler = (event, context) => {
  cached ??= buildHandler(createFunctionDeps());
  return cached(event, context);
};
