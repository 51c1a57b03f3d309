import { resolve } from 'node:path';
import { type BridgeConfig, loadConfigFile } from '../config/index.js';
import { ConfigError } from '../errors.js';
import { type CompiledRules, compileRules } from '../rules/index.js';
import { type CliIo, EXIT } from './io.js';

export interface LoadedRules {
  readonly config: BridgeConfig;
  readonly rules: CompiledRules;
}

/** Loads and compiles bridge.yml; on a config error prints it and returns the exit code. */
export const loadRulesForCli = (path: string, io: CliIo): LoadedRules | number => {
  try {
    const config = loadConfigFile(resolve(io.cwd, path), { env: io.env });
    return { config, rules: compileRules(config) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr(`${path}: ${e.code}\n${e.message}\n`);
    return EXIT.config;
  }
};
