import { basename } from 'node:path';
import { type AppDeps, createDeps } from '../app.js';
import { loadSettings } from '../config/index.js';

/**
 * What the packaged loader (scripts/package/loader.cjs) says it did with each file's V8 code
 * cache; absent when the function runs from source.
 */
interface CodeCacheStatus {
  readonly mode: string;
  readonly files: Readonly<Record<string, string>>;
  /** ms to compile each file (read its cache) and to run its module code. */
  readonly compileMs?: Readonly<Record<string, number>>;
  readonly runMs?: Readonly<Record<string, number>>;
}

const byName = <T>(perFile: Readonly<Record<string, T>> | undefined): Record<string, T> =>
  Object.fromEntries(Object.entries(perFile ?? {}).map(([file, v]) => [basename(file), v]));

const loaderStatus = (): CodeCacheStatus | undefined =>
  Reflect.get(globalThis, Symbol.for('batch-bridge.codeCache')) as CodeCacheStatus | undefined;

/**
 * The facts of this instance's start, logged once: whether the code caches were used is only
 * known on the platform (V8 refuses a cache made under other Node flags), so the log says it.
 */
export const coldStartFacts = () => {
  const status = loaderStatus();
  const files = byName(status?.files);
  return {
    node: process.version,
    v8: process.versions.v8,
    // What to package with (`npm run package -- --node-flags`) when V8 refused a cache.
    nodeFlags: process.execArgv.filter((a) => a.startsWith('--')),
    ...(process.env['NODE_OPTIONS'] ? { nodeOptions: process.env['NODE_OPTIONS'] } : {}),
    codeCache: status === undefined ? 'unpackaged' : status.mode,
    ...(Object.keys(files).length > 0
      ? {
          codeCacheFiles: files,
          compileMs: byName(status?.compileMs),
          runMs: byName(status?.runMs),
        }
      : {}),
    startedMs: Math.round(performance.now()),
  };
};

/** A function's deps, built on its first invocation from its environment. */
export const createFunctionDeps = (env: NodeJS.ProcessEnv = process.env): AppDeps => {
  const deps = createDeps(loadSettings(env), env);
  deps.logger.info('cold start', coldStartFacts());
  return deps;
};
