export {
  createStateStoreFromEnv,
  REDIS_URL_VARIABLE,
  type StateStoreEnvOverrides,
} from './from-env.js';
export {
  createMemoryStateStore,
  DEFAULT_MEMORY_MAX_KEYS,
  type MemoryStateStoreOptions,
} from './memory-state-store.js';
export { DEFAULT_COMMAND_TIMEOUT_MS, type RedisTarget } from './redis-connection.js';
export {
  createRedisStateStore,
  DEFAULT_REDIS_PREFIX,
  type RedisStateStoreOptions,
} from './redis-state-store.js';
export {
  type ClosedGroup,
  type CompareAndSet,
  DEFAULT_GROUP_RETENTION_MS,
  DEFAULT_SAMPLE_SIZE,
  type GroupAddResult,
  type HitResult,
  MAX_HITS_PER_KEY,
  type Now,
  type StateStore,
  type StateStoreOptions,
} from './state-store.js';
