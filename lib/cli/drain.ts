import { resolve } from 'node:path';
import { createDeps } from '../app.js';
import { loadSettings } from '../config/index.js';
import { createDrainDeps, type DrainResult, drainQueue } from '../drain/index.js';
import { ConfigError } from '../errors.js';
import { createLogger } from '../logger.js';
import { type CliIo, EXIT } from './io.js';

export interface DrainCommandOptions {
  readonly config: string;
  /** Drain until the queue is empty, then exit; else keep draining until interrupted. */
  readonly once: boolean;
  /** Plan only: messages are still deleted, since a dry run handles them too. */
  readonly dryRun: boolean;
  readonly stop: AbortSignal;
}

const pause = (ms: number, stop: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    stop.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** `drain`: the drain function's work from a shell, one JSON line per pass. */
export const runDrain = async (options: DrainCommandOptions, io: CliIo): Promise<number> => {
  const env = {
    ...io.env,
    BATCH_BRIDGE_CONFIG: resolve(io.cwd, options.config),
    ...(options.dryRun ? { BATCH_BRIDGE_DRY_RUN: 'true' } : {}),
  };
  let result: DrainResult | undefined;
  try {
    const logger = createLogger({ write: (line) => io.stderr(`${line}\n`) });
    const app = createDeps(loadSettings(env), env, { logger });
    const deps = createDrainDeps(app, env);
    while (!options.stop.aborted) {
      const remainingMs = () => (options.stop.aborted ? 0 : 3_600_000);
      result = await drainQueue({ ...deps.settings, remainingMs }, deps);
      io.stdout(`${JSON.stringify(result)}\n`);
      if (options.once || result.stoppedBecause === 'queue-failed') break;
      if (result.received === 0) await pause(1000, options.stop);
    }
    await app.state.close();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr(`${e.code}: ${e.message}\n`);
    return EXIT.config;
  }
  return result?.stoppedBecause === 'queue-failed' ? EXIT.failed : EXIT.ok;
};
