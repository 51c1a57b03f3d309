import { capBody } from './capped-body.js';
import type { DrainDeps, DrainInput, QueueMessage } from './types.js';

/** One received batch: decide each message, then delete every message that is done with. */

/** Longer than the queue's 12 h retention (platform.md S14): no redelivery outlives the mark. */
export const PROCESSED_TTL_MS = 13 * 60 * 60 * 1000;

export const processedKey = (msgId: string): string => `msg:${msgId}`;

type Decision = 'processed' | 'rejected' | 'duplicate' | 'kept';

export interface BatchTally {
  processed: number;
  rejected: number;
  duplicates: number;
  kept: number;
  deleted: number;
  deleteFailed: number;
  /** The deadline came before every message of the batch was started. */
  stoppedEarly: boolean;
  /** The delete call itself failed (after the client's retries). */
  queueError: unknown;
}

/** A store that cannot be read is no reason to hold the queue: effects are idempotent anyway. */
const isDuplicate = async (msgId: string, deps: DrainDeps): Promise<boolean> => {
  try {
    return (await deps.state.get(processedKey(msgId))) !== undefined;
  } catch (error) {
    deps.logger.warn('processed-message mark unreadable; processing again', { msgId, error });
    return false;
  }
};

const markProcessed = async (msgId: string, deps: DrainDeps): Promise<void> => {
  try {
    await deps.state.setIfAbsent(processedKey(msgId), PROCESSED_TTL_MS, '1');
  } catch (error) {
    deps.logger.warn('processed-message mark not written', { msgId, error });
  }
};

const decide = async (message: QueueMessage, deps: DrainDeps): Promise<Decision> => {
  const { msgId, msgBody, dequeueCount } = message;
  if (await isDuplicate(msgId, deps)) {
    deps.logger.info('queue message already processed', { msgId, dequeueCount });
    return 'duplicate';
  }
  let outcome: Awaited<ReturnType<DrainDeps['process']>>;
  try {
    outcome = await deps.process(msgBody, message);
  } catch (error) {
    // A bug of ours, not the message's fault: let the dead-letter policy catch a poison loop.
    deps.logger.error('queue message processing failed; kept', { msgId, dequeueCount, error });
    return 'kept';
  }
  if (outcome.retry) {
    deps.logger.warn('queue message kept for redelivery', { msgId, dequeueCount });
    return 'kept';
  }
  await markProcessed(msgId, deps);
  const rejections = outcome.rejections ?? [];
  if (!outcome.handled || rejections.length > 0) {
    const what = outcome.handled ? 'queue message partly rejected' : 'queue message rejected';
    deps.logger.warn(what, { msgId, dequeueCount, rejections, ...capBody(msgBody) });
  }
  return outcome.handled ? 'processed' : 'rejected';
};

const COUNTER: Readonly<Record<Decision, 'processed' | 'rejected' | 'duplicates' | 'kept'>> = {
  processed: 'processed',
  rejected: 'rejected',
  duplicate: 'duplicates',
  kept: 'kept',
};

const deleteDone = async (
  done: readonly QueueMessage[],
  deps: DrainDeps,
  tally: BatchTally,
): Promise<void> => {
  if (done.length === 0) return;
  try {
    const result = await deps.queue.delete(done.map((m) => m.receiptHandle));
    tally.deleted += result.deleted.length;
    tally.deleteFailed += result.failed.length;
    for (const f of result.failed) {
      const msgId = done.find((m) => m.receiptHandle === f.receiptHandle)?.msgId;
      // It comes back after the visibility timeout and is then deleted as a duplicate.
      deps.logger.warn('queue message not deleted', { msgId, code: f.code, reason: f.message });
    }
  } catch (error) {
    tally.deleteFailed += done.length;
    tally.queueError = error;
  }
};

export const drainBatch = async (
  messages: readonly QueueMessage[],
  input: Pick<DrainInput, 'remainingMs' | 'safetyMarginMs'>,
  deps: DrainDeps,
): Promise<BatchTally> => {
  const tally: BatchTally = {
    ...{ processed: 0, rejected: 0, duplicates: 0, kept: 0, deleted: 0, deleteFailed: 0 },
    ...{ stoppedEarly: false, queueError: undefined },
  };
  if (input.remainingMs() < input.safetyMarginMs) {
    tally.kept += messages.length;
    tally.stoppedEarly = true;
    return tally;
  }
  // All at once: a batch is 16 messages at most, and concurrent reconciles of one env share a
  // run (lib/scaling's coalescer), so a batch costs about one reconcile per env, not sixteen.
  const decisions = await Promise.all(messages.map((message) => decide(message, deps)));
  const done: QueueMessage[] = [];
  decisions.forEach((decision, i) => {
    tally[COUNTER[decision]] += 1;
    if (decision !== 'kept') done.push(messages[i] as QueueMessage);
  });
  await deleteDone(done, deps, tally);
  return tally;
};
