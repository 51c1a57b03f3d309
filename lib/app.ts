import { isAbsolute, resolve } from 'node:path';
import { createDryRunExecutor } from './actions/index.js';
import type { Executor } from './actions/plan.js';
import { createLiveParts, type LiveParts } from './app-live.js';
import { type BridgeConfig, loadConfigFile, type Settings } from './config/index.js';
import type { ProcessDeps } from './core/process-delivery.js';
import type { HttpFetch } from './http/index.js';
import { createLogger, type Logger } from './logger.js';
import {
  type AuditSink,
  createDefaultAuditSinks,
  createMetrics,
  type Metrics,
} from './observe/index.js';
import { compileRules } from './rules/index.js';
import { createStateStoreFromEnv, REDIS_URL_VARIABLE, type StateStore } from './state/index.js';
import { type CredentialProvider, createEnvCredentialProvider } from './tencent/index.js';

/**
 * The composition root: builds everything a function or server needs from the settings and
 * the environment, once per cold start. Tests pass overrides instead of patching modules.
 */

export interface AppDeps extends ProcessDeps {
  readonly settings: Settings;
  readonly config: BridgeConfig;
  readonly state: StateStore;
  /** Absent in a dry run: nothing is sent, so no peer is built. */
  readonly live: LiveParts | undefined;
  /** Counters of this instance: logged per delivery, read by a /metrics endpoint. */
  readonly metrics: Metrics;
  /** Each invocation says by when it must be done; calls and retries stop before that. */
  setDeadline(epochMs: number): void;
  deadline(): number;
}

export interface AppOverrides {
  readonly config?: BridgeConfig;
  readonly executor?: Executor;
  readonly logger?: Logger;
  readonly state?: StateStore;
  readonly credentials?: CredentialProvider;
  readonly fetch?: HttpFetch;
  readonly metrics?: Metrics;
  /** Where live actions are recorded; default: the log, and the state store when Redis. */
  readonly audit?: readonly AuditSink[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** SCF runs user code from USER_CODE_ROOT; a relative config path is taken from there. */
const configPath = (settings: Settings, env: Env): string =>
  isAbsolute(settings.configPath)
    ? settings.configPath
    : resolve(env['USER_CODE_ROOT'] ?? process.cwd(), settings.configPath);

export const createDeps = (settings: Settings, env: Env, overrides: AppOverrides = {}): AppDeps => {
  const logger = overrides.logger ?? createLogger({ level: settings.logLevel });
  const config = overrides.config ?? loadConfigFile(configPath(settings, env), { env });
  const state = overrides.state ?? createStateStoreFromEnv(env, { logger });
  let deadline = Number.POSITIVE_INFINITY;
  const metrics = overrides.metrics ?? createMetrics();
  const sharedState = (env[REDIS_URL_VARIABLE] ?? '') !== '';
  const live = settings.dryRun
    ? undefined
    : createLiveParts({
        config,
        settings,
        credentials: overrides.credentials ?? createEnvCredentialProvider(env),
        state,
        logger,
        deadline: () => deadline,
        ...(overrides.fetch === undefined ? {} : { fetch: overrides.fetch }),
        metrics,
        audit: overrides.audit ?? createDefaultAuditSinks({ state, logger, sharedState }),
      });
  const executor = overrides.executor ?? live?.executor ?? createDryRunExecutor();
  return {
    settings,
    config,
    rules: compileRules(config),
    executor,
    logger,
    state,
    live,
    metrics,
    setDeadline: (epochMs) => {
      deadline = epochMs;
    },
    deadline: () => deadline,
  };
};
