import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createMemoryStateStore } from './memory-state-store.js';
import { createRedisStateStore } from './redis-state-store.js';
import type { Now, StateStore } from './state-store.js';

export interface StateStoreEnvOverrides {
  readonly logger?: Logger;
  readonly now?: Now;
}

export const REDIS_URL_VARIABLE = 'BATCH_BRIDGE_REDIS_URL';

/** The value holds a password: the error names the variable, never its value. */
const checkRedisUrl = (value: string): string => {
  const parsed = URL.canParse(value) ? new URL(value) : undefined;
  if (parsed?.protocol === 'redis:' || parsed?.protocol === 'rediss:') return value;
  throw new ConfigError(
    'CONFIG_INVALID',
    `${REDIS_URL_VARIABLE} must be a redis:// or rediss:// URL`,
  );
};

/** Redis when BATCH_BRIDGE_REDIS_URL is set (many instances share state), else memory. */
export const createStateStoreFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  overrides: StateStoreEnvOverrides = {},
): StateStore => {
  const url = env[REDIS_URL_VARIABLE];
  const now = overrides.now === undefined ? {} : { now: overrides.now };
  if (url === undefined || url === '') return createMemoryStateStore(now);
  const logger = overrides.logger === undefined ? {} : { logger: overrides.logger };
  return createRedisStateStore({ url: checkRedisUrl(url), ...now, ...logger });
};
