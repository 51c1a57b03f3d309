import type { Context } from 'aws-lambda';
import {
  createDrainDeps,
  DEADLINE_RESERVE_MS,
  type DrainFunctionDeps,
  type DrainResult,
  drainFailure,
  drainQueue,
} from '../lib/drain/index.js';
import { createFunctionDeps } from '../lib/handler/function-deps.js';
import { asyncErrorBoundary, withBridgeDefaults } from '../lib/handler/middleware.js';

/** Timer trigger: empty the queue the topic feeds (platform.md 8.1) within this invocation. */
export const buildHandler = (deps: DrainFunctionDeps) =>
  withBridgeDefaults<unknown, DrainResult>(asyncErrorBoundary(deps.logger)).handler(
    async (_event, context) => {
      const remainingMs = () => context.getRemainingTimeInMillis();
      deps.setDeadline(Date.now() + remainingMs() - DEADLINE_RESERVE_MS);
      const result = await drainQueue({ ...deps.settings, remainingMs }, deps);
      // Failing shows in the function's metrics; undeleted messages simply come back.
      if (result.stoppedBecause === 'queue-failed') throw drainFailure(result);
      return result;
    },
  );

type Handler = (event: unknown, context: Context) => Promise<DrainResult>;
let cached: Handler | undefined;

export const main_handler: Handler = (event, context) => {
  cached ??= buildHandler(createDrainDeps(createFunctionDeps(), process.env));
  return cached(event, context);
};
