import { summarizeError } from '../errors.js';
import { type BatchTally, drainBatch } from './drain-batch.js';
import type { DrainDeps, DrainInput, DrainResult, StopReason } from './types.js';

/**
 * The drain use case: receive batches from the queue until it is empty or time runs short,
 * push each message through the core, and delete only what is done with. A message whose
 * actions must be retried stays; it comes back after the visibility timeout.
 */

export const DEFAULT_BATCH_SIZE = 16;
export const DEFAULT_POLLING_WAIT_SECONDS = 3;

type Counts = Omit<DrainResult, 'stoppedBecause' | 'error'>;

const add = (counts: Counts, tally: BatchTally): Counts => ({
  received: counts.received,
  processed: counts.processed + tally.processed,
  deleted: counts.deleted + tally.deleted,
  kept: counts.kept + tally.kept,
  rejected: counts.rejected + tally.rejected,
  duplicates: counts.duplicates + tally.duplicates,
  deleteFailed: counts.deleteFailed + tally.deleteFailed,
  batches: counts.batches,
});

const finish = (counts: Counts, stoppedBecause: StopReason, deps: DrainDeps, error?: unknown) => {
  const result: DrainResult =
    error === undefined
      ? { ...counts, stoppedBecause }
      : { ...counts, stoppedBecause, error: summarizeError(error) };
  if (error !== undefined) deps.logger.error('queue drain failed', { ...result, error });
  else deps.logger.info('queue drained', { ...result });
  return result;
};

const stopBefore = (input: DrainInput, counts: Counts): StopReason | undefined => {
  if (input.once === true && counts.batches >= 1) return 'once';
  if (input.maxBatches !== undefined && counts.batches >= input.maxBatches) return 'max-batches';
  if (input.remainingMs() < input.safetyMarginMs) return 'deadline';
  return undefined;
};

export const drainQueue = async (input: DrainInput, deps: DrainDeps): Promise<DrainResult> => {
  const receive = {
    max: input.batchSize ?? DEFAULT_BATCH_SIZE,
    pollingWaitSeconds: input.pollingWaitSeconds ?? DEFAULT_POLLING_WAIT_SECONDS,
  };
  let counts: Counts = {
    ...{ received: 0, processed: 0, deleted: 0, kept: 0, rejected: 0, duplicates: 0 },
    ...{ deleteFailed: 0, batches: 0 },
  };
  for (;;) {
    const stop = stopBefore(input, counts);
    if (stop !== undefined) return finish(counts, stop, deps);
    let messages: Awaited<ReturnType<DrainDeps['queue']['receive']>>;
    try {
      messages = await deps.queue.receive(receive);
    } catch (error) {
      return finish(counts, 'queue-failed', deps, error);
    }
    counts = {
      ...counts,
      batches: counts.batches + 1,
      received: counts.received + messages.length,
    };
    if (messages.length === 0) return finish(counts, 'empty', deps);
    const tally = await drainBatch(messages, input, deps);
    counts = add(counts, tally);
    if (tally.queueError !== undefined)
      return finish(counts, 'queue-failed', deps, tally.queueError);
    if (tally.stoppedEarly) return finish(counts, 'deadline', deps);
  }
};
