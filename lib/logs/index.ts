export {
  buildS3ClientConfig,
  type CosClientSettings,
  cosEndpoint,
  loadS3Module,
} from './cos-client.js';
export {
  type CosLogStore,
  type CosLogStoreOptions,
  createCosLogStore,
  DEFAULT_COS_TIMEOUT_MS,
} from './cos-log-store.js';
export { parseContentRange } from './cos-range-reader.js';
export { type CosLocation, cosLogObject, LEGACY_COS_REGIONS, parseCosUrl } from './cos-url.js';
export { DEFAULT_CHUNK_BYTES, DEFAULT_POLL_MS, followObject } from './follow.js';
export {
  type InstanceLogDeps,
  type InstanceTailInput,
  TASK_LOG_LIMIT,
  tailInstanceLog,
} from './instance-log.js';
export {
  createTaskLogLookup,
  findTaskInstance,
  type LogBatchApi,
  type LogLocation,
  locateInstanceLog,
  type TaskInstanceLog,
} from './locate-log.js';
export { LogFetchError } from './log-fetch-error.js';
export {
  defaultLogName,
  expandLogName,
  type InstanceLogRef,
  resolveLogName,
} from './log-name.js';
export {
  createChunkDecoder,
  decodeTaskLog,
  extractTailLines,
  type WindowLines,
} from './tail-lines.js';
export {
  DEFAULT_INITIAL_WINDOW,
  DEFAULT_MAX_BYTES,
  DEFAULT_TAIL_LINES,
  MISSING_FROM_COS,
  resolveTailOptions,
  tailObject,
} from './tail-window.js';
export type {
  ByteRange,
  FollowOptions,
  LogObject,
  LogSource,
  LogStore,
  LogStream,
  RangeRead,
  RangeReader,
  TailFound,
  TailMissing,
  TailOptions,
  TailResult,
} from './types.js';
