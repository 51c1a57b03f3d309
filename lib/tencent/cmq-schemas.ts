import * as z from 'zod';

/**
 * What the TDMQ-CMQ data plane answers (platform.md 8.1). Lenient, as for everything Tencent
 * sends: unknown fields are kept, ids may come as numbers, reserved fields may be missing.
 */

const Id = z.union([z.string(), z.number()]).transform(String);

export const CmqEnvelopeSchema = z.lazy(() =>
  z.looseObject({
    code: z.number().int(),
    message: z.string().optional(),
    requestId: Id.optional(),
  }),
);

export const CmqMessageSchema = z.lazy(() =>
  z.looseObject({
    msgId: Id,
    receiptHandle: Id,
    msgBody: z.string(),
    enqueueTime: z.number(),
    nextVisibleTime: z.number(),
    /** Documented as reserved (platform.md S15): informative only. */
    dequeueCount: z.number().optional(),
    firstDequeueTime: z.number().optional(),
  }),
);

export const CmqBatchReceiveSchema = z.lazy(() =>
  z.looseObject({
    msgInfoList: z.array(CmqMessageSchema).default([]),
  }),
);

export const CmqDeleteErrorSchema = z.lazy(() =>
  z.looseObject({
    code: z.number().int(),
    message: z.string().default(''),
    receiptHandle: Id,
  }),
);

export const CmqBatchDeleteSchema = z.lazy(() =>
  z.looseObject({
    errorList: z.array(CmqDeleteErrorSchema).default([]),
  }),
);

export const CMQ_MAX_BATCH = 16;
export const CMQ_MAX_POLLING_WAIT_SECONDS = 30;

export const CmqReceiveOptionsSchema = z.lazy(() =>
  z.strictObject({
    max: z.int().min(1).max(CMQ_MAX_BATCH).default(CMQ_MAX_BATCH),
    pollingWaitSeconds: z.int().min(0).max(CMQ_MAX_POLLING_WAIT_SECONDS).default(0),
  }),
);

export type CmqReceiveOptions = z.input<typeof CmqReceiveOptionsSchema>;

export const CmqReceiptHandlesSchema = z.lazy(() =>
  z
    .array(z.string().min(1).max(256))
    .max(CMQ_MAX_BATCH, `at most ${CMQ_MAX_BATCH} receipt handles per call`),
);

/** Letters, digits, `-` and `_`, starting with a letter, at most 64 (platform.md 8.1). */
export const CmqQueueNameSchema = z.lazy(() =>
  z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a queue name: a letter, then letters, digits, - or _'),
);

/** Error codes of the CMQ data plane that the client acts on. */
export const CMQ_CODES = {
  ok: 0,
  /** "no message": not an error, the queue is empty. */
  noMessage: 7000,
  /** BatchDeleteMessage: some handles failed (6010) or all of them (6020); see errorList. */
  deletePartlyFailed: 6010,
  deleteFailed: 6020,
} as const;

/** Throttling (4420), an internal error (6000) and too many in-flight messages (6070) clear
 *  within seconds; anything else is a request that cannot succeed as sent. */
const TRANSIENT_CODES: ReadonlySet<number> = new Set([4420, 6000, 6070]);

export const isTransientCmqCode = (code: number): boolean => TRANSIENT_CODES.has(code);
