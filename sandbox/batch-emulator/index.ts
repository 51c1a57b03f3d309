export { ACTION_NAMES, type ActionName } from './actions.js';
export { ApiError } from './api-error.js';
export type { EmulatorClock, EmulatorTimers } from './clock.js';
export { type BatchEmulator, createBatchEmulator } from './emulator.js';
export type { BatchEventEntry, BatchEventMessage, PublishedMessage, PublishFn } from './events.js';
export { type CallLogEntry, DEFAULT_FAULTS, type FaultSettings } from './faults.js';
export { EVENT_NAMES } from './notifications.js';
export type { BatchEmulatorOptions, EmulatorCredential, SeedEnv } from './options.js';
export {
  type ParsedAuthorization,
  parseAuthorization,
  type Tc3Request,
  verifyTc3,
} from './signature.js';
export type {
  EnvSnapshot,
  InstanceSnapshot,
  JobSnapshot,
  NodeSnapshot,
  TaskSnapshot,
} from './snapshots.js';
export {
  type Behaviour,
  DEFAULT_BEHAVIOUR,
  DEFAULT_TIMINGS,
  type Timings,
  type WriteLogFn,
} from './world.js';
