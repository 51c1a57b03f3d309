import { isAbsolute, resolve } from 'node:path';
import { createDryRunExecutor } from './actions/index.js';
import type { Executor } from './actions/plan.js';
import { type BridgeConfig, loadConfigFile, type Settings } from './config/index.js';
import type { ProcessDeps } from './core/process-delivery.js';
import { createLogger, type Logger } from './logger.js';
import { compileRules } from './rules/index.js';

/**
 * The composition root: builds everything a function or server needs from the settings and
 * the environment, once per cold start. Tests pass overrides instead of patching modules.
 */

export interface AppDeps extends ProcessDeps {
  readonly settings: Settings;
  readonly config: BridgeConfig;
}

export interface AppOverrides {
  readonly config?: BridgeConfig;
  readonly executor?: Executor;
  readonly logger?: Logger;
}

/** SCF runs user code from USER_CODE_ROOT; a relative config path is taken from there. */
const configPath = (
  settings: Settings,
  env: Readonly<Record<string, string | undefined>>,
): string =>
  isAbsolute(settings.configPath)
    ? settings.configPath
    : resolve(env['USER_CODE_ROOT'] ?? process.cwd(), settings.configPath);

export const createDeps = (
  settings: Settings,
  env: Readonly<Record<string, string | undefined>>,
  overrides: AppOverrides = {},
): AppDeps => {
  const logger = overrides.logger ?? createLogger({ level: settings.logLevel });
  const config = overrides.config ?? loadConfigFile(configPath(settings, env), { env });
  // The live executor arrives with the Batch API client; until then every plan is a dry run.
  const executor = overrides.executor ?? createDryRunExecutor();
  return { settings, config, rules: compileRules(config), executor, logger };
};
