import type { AppDeps } from '../lib/app.js';
import { createDrainDeps, drainQueue } from '../lib/drain/index.js';
import type { Logger } from '../lib/logger.js';
import { S3RVER_KEYS } from './cos/s3-server.js';
import { createLocalQueueServer, type LocalQueueServer } from './queue/index.js';

/**
 * The durable path of production (DESIGN 1): the topic feeds a queue, and the drain empties it
 * as the timer function would, pass after pass, deleting only what was handled.
 */

export const INBOX = 'bridge-inbox';
export const DEAD_LETTERS = 'bridge-inbox-dlq';

export const startLocalQueue = (): Promise<LocalQueueServer> =>
  createLocalQueueServer({
    credentials: S3RVER_KEYS,
    queues: [
      {
        name: INBOX,
        visibilityTimeoutSeconds: 30,
        retentionSeconds: 43_200,
        maxReceiveCount: 5,
        deadLetterQueue: DEAD_LETTERS,
      },
      { name: DEAD_LETTERS, visibilityTimeoutSeconds: 30, retentionSeconds: 43_200 },
    ],
  });

/** Drains until stopped; returns the function that stops it after the pass under way. */
export const startDrainLoop = (
  deps: AppDeps,
  env: Readonly<Record<string, string>>,
  logger: Logger,
) => {
  const drain = createDrainDeps({ ...deps, config: { ...deps.config, queue: INBOX } }, env, {
    settings: { pollingWaitSeconds: 1, safetyMarginMs: 1000 },
  });
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const result = await drainQueue(
        { ...drain.settings, remainingMs: () => (stopped ? 0 : 60_000) },
        drain,
      );
      if (result.stoppedBecause === 'queue-failed') {
        logger.error('drain pass failed', { error: result.error });
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
};
