export { type CappedBody, capBody, MAX_LOGGED_BODY_BYTES } from './capped-body.js';
export { type CoreProcessorOptions, createCoreProcessor } from './core-processor.js';
export { PROCESSED_TTL_MS, processedKey } from './drain-batch.js';
export {
  CMQ_REGION_CODES,
  cmqEndpointForRegion,
  createDrainDeps,
  DEADLINE_RESERVE_MS,
  DEFAULT_DRAIN_SETTINGS,
  type DrainAppDeps,
  type DrainFunctionDeps,
  type DrainOverrides,
  type DrainSettings,
  drainFailure,
} from './drain-deps.js';
export { DEFAULT_BATCH_SIZE, DEFAULT_POLLING_WAIT_SECONDS, drainQueue } from './drain-queue.js';
export type {
  DrainDeps,
  DrainInput,
  DrainResult,
  MessageOutcome,
  MessageProcessor,
  MessageRejection,
  QueueDeleteResult,
  QueueMessage,
  QueuePort,
  StopReason,
} from './types.js';
