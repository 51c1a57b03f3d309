import type { ErrorSummary } from '../errors.js';
import type { Logger } from '../logger.js';
import type { StateStore } from '../state/index.js';

/** The ports of the drain use case: a queue, a message processor, the state store, a logger. */

export interface QueueMessage {
  readonly msgId: string;
  readonly receiptHandle: string;
  readonly msgBody: string;
  readonly dequeueCount?: number;
}

export interface QueueDeleteResult {
  readonly deleted: readonly string[];
  readonly failed: readonly {
    readonly receiptHandle: string;
    readonly code: number;
    readonly message: string;
  }[];
}

/** What the drain needs of a queue; `CmqQueueClient` is one. */
export interface QueuePort {
  receive(options: {
    readonly max: number;
    readonly pollingWaitSeconds: number;
  }): Promise<readonly QueueMessage[]>;
  delete(receiptHandles: readonly string[]): Promise<QueueDeleteResult>;
}

export interface MessageRejection {
  readonly where: string;
  readonly code: string;
  readonly message: string;
}

/**
 * - `retry`: an action failed for a reason a redelivery may fix: keep the message.
 * - otherwise `handled`: at least one event went through the rules; delete it.
 * - otherwise the message was cleanly rejected: delete it, logging why and what it held.
 */
export interface MessageOutcome {
  readonly handled: boolean;
  readonly retry: boolean;
  readonly rejections?: readonly MessageRejection[];
}

export type MessageProcessor = (body: string, message: QueueMessage) => Promise<MessageOutcome>;

export interface DrainDeps {
  readonly queue: QueuePort;
  readonly process: MessageProcessor;
  readonly state: Pick<StateStore, 'get' | 'setIfAbsent'>;
  readonly logger: Logger;
}

export interface DrainInput {
  /** Milliseconds this invocation has left (SCF's `getRemainingTimeInMillis`). */
  readonly remainingMs: () => number;
  /** Below this, nothing new is received or started: what is in hand must still be deleted. */
  readonly safetyMarginMs: number;
  readonly maxBatches?: number;
  /** One batch only, however full the queue is. */
  readonly once?: boolean;
  /** Messages per receive, 1–16. */
  readonly batchSize?: number;
  /** Long-poll wait per receive; Tencent advises at most 3 s (platform.md 8.1). */
  readonly pollingWaitSeconds?: number;
}

export type StopReason = 'empty' | 'deadline' | 'max-batches' | 'once' | 'queue-failed';

export interface DrainResult {
  readonly received: number;
  /** Messages with at least one event handled (deleted, or their delete failed). */
  readonly processed: number;
  readonly deleted: number;
  /** Left in the queue to come back after the visibility timeout. */
  readonly kept: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly deleteFailed: number;
  readonly batches: number;
  readonly stoppedBecause: StopReason;
  /** Why the queue could not be read or written, when `stoppedBecause` is `queue-failed`. */
  readonly error?: ErrorSummary;
}
