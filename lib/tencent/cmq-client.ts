import { BridgeError, UpstreamError } from '../errors.js';
import { type CmqRuntime, callCmq } from './cmq-call.js';
import {
  type CmqQueueClientOptions,
  resolveCmqQueueClientOptions,
  resolveCmqUrl,
} from './cmq-client-options.js';
import {
  CMQ_CODES,
  CmqBatchDeleteSchema,
  CmqBatchReceiveSchema,
  CmqReceiptHandlesSchema,
  type CmqReceiveOptions,
  CmqReceiveOptionsSchema,
} from './cmq-schemas.js';
import { CMQ_SERVICE } from './cmq-transport.js';
import { defaultSleep } from './rate-limit.js';

/** A TDMQ-CMQ queue over the data-plane HTTP API (platform.md 8.1): receive and delete. */

export interface CmqMessage {
  readonly msgId: string;
  readonly receiptHandle: string;
  readonly msgBody: string;
  /** Epoch seconds. */
  readonly enqueueTime: number;
  /** Epoch seconds; the receipt handle is valid until then. */
  readonly nextVisibleTime: number;
  /** Reserved by Tencent (platform.md S15): informative, never a basis for decisions. */
  readonly dequeueCount?: number;
}

export interface CmqDeleteFailure {
  readonly receiptHandle: string;
  readonly code: number;
  readonly message: string;
}

export interface CmqDeleteResult {
  readonly deleted: readonly string[];
  readonly failed: readonly CmqDeleteFailure[];
}

export interface CmqQueueClient {
  readonly queueName: string;
  /** Up to `max` (≤16) messages, `[]` when the queue is empty. */
  receive(options?: CmqReceiveOptions): Promise<readonly CmqMessage[]>;
  /** Deletes up to 16 messages; a stale handle is a per-handle failure, not an exception. */
  delete(receiptHandles: readonly string[]): Promise<CmqDeleteResult>;
}

const invalidArgument = (what: string, cause: unknown): BridgeError =>
  new BridgeError('INTERNAL', `CMQ client: invalid ${what}`, { cause });

const badShape = (action: string, cause: unknown): UpstreamError =>
  new UpstreamError('CMQ_API', `CMQ ${action}: the response has an unexpected shape`, {
    service: CMQ_SERVICE,
    operation: action,
    cause,
  });

const receive = async (rt: CmqRuntime, options: CmqReceiveOptions = {}) => {
  const parsed = CmqReceiveOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidArgument('receive options', parsed.error);
  const { max, pollingWaitSeconds } = parsed.data;
  // Leave the request its timeout after the wait; a shorter wait beats a request cut off.
  const left = rt.deadline() - rt.now();
  const fits = Math.floor((left - rt.options.timeoutMs) / 1000);
  const wait = Math.max(0, Math.min(pollingWaitSeconds, fits));
  const action = 'BatchReceiveMessage';
  const envelope = await callCmq(rt, {
    action,
    params: {
      queueName: rt.options.queueName,
      numOfMsg: String(max),
      pollingWaitSeconds: `${wait}`,
    },
    accepted: [CMQ_CODES.ok, CMQ_CODES.noMessage],
    timeoutMs: () => wait * 1000 + rt.options.timeoutMs,
  });
  if (envelope.code === CMQ_CODES.noMessage) return [];
  const body = CmqBatchReceiveSchema.safeParse(envelope);
  if (!body.success) throw badShape(action, body.error);
  return body.data.msgInfoList.map(
    ({ msgId, receiptHandle, msgBody, enqueueTime, nextVisibleTime, dequeueCount }) => ({
      msgId,
      receiptHandle,
      msgBody,
      enqueueTime,
      nextVisibleTime,
      ...(dequeueCount === undefined ? {} : { dequeueCount }),
    }),
  );
};

const remove = async (
  rt: CmqRuntime,
  receiptHandles: readonly string[],
): Promise<CmqDeleteResult> => {
  const parsed = CmqReceiptHandlesSchema.safeParse([...new Set(receiptHandles)]);
  if (!parsed.success) throw invalidArgument('receipt handles', parsed.error);
  const handles = parsed.data;
  if (handles.length === 0) return { deleted: [], failed: [] };
  const params: Record<string, string> = { queueName: rt.options.queueName };
  // The official Go SDK numbers from 0; the docs accept 0- or 1-based if contiguous.
  handles.forEach((handle, i) => {
    params[`receiptHandle.${i}`] = handle;
  });
  const action = 'BatchDeleteMessage';
  const { deletePartlyFailed, deleteFailed, ok } = CMQ_CODES;
  const envelope = await callCmq(rt, {
    action,
    params,
    accepted: [ok, deletePartlyFailed, deleteFailed],
    timeoutMs: () => rt.options.timeoutMs,
  });
  const body = CmqBatchDeleteSchema.safeParse(envelope);
  if (!body.success) throw badShape(action, body.error);
  const failed: CmqDeleteFailure[] = body.data.errorList.map(
    ({ receiptHandle, code, message }) => ({
      receiptHandle,
      code,
      message,
    }),
  );
  if (envelope.code === deleteFailed && failed.length === 0) {
    const message = envelope.message ?? 'batch delete message failed';
    failed.push(
      ...handles.map((receiptHandle) => ({ receiptHandle, code: deleteFailed, message })),
    );
  }
  const failedHandles = new Set(failed.map((f) => f.receiptHandle));
  return { deleted: handles.filter((h) => !failedHandles.has(h)), failed };
};

export const createCmqQueueClient = (options: CmqQueueClientOptions): CmqQueueClient => {
  const resolved = resolveCmqQueueClientOptions(options);
  const rt: CmqRuntime = {
    options: resolved,
    // Validated as a URL by the options schema.
    url: resolveCmqUrl(resolved.endpoint),
    now: resolved.clock ?? Date.now,
    sleep: resolved.sleep ?? defaultSleep,
    random: resolved.random ?? Math.random,
    deadline: resolved.deadline ?? (() => Number.POSITIVE_INFINITY),
  };
  return {
    queueName: resolved.queueName,
    receive: (receiveOptions) => receive(rt, receiveOptions),
    delete: (receiptHandles) => remove(rt, receiptHandles),
  };
};
