import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Loads one bundle in a fresh `node` (cwd the bundle directory), as SCF's runtime does with
 * require, and invokes `main_handler` once. Times are `performance.now()` in the child, which
 * counts from process start: `loadedMs` after require, `handledMs` once the handler resolved.
 */

export interface BundleRun {
  readonly reply: unknown;
  readonly loadedMs: number;
  readonly handledMs: number;
  /** Whether the lazy S3 chunk was loaded by the time the handler resolved. */
  readonly s3Loaded: boolean;
  /** Whether Node loaded undici (global fetch, Response, Headers) during the run. */
  readonly undiciLoaded: boolean;
  /** What the loader did with each file's V8 code cache: accepted, rejected or none. */
  readonly codeCache: {
    readonly mode: string;
    readonly files: Readonly<Record<string, string>>;
    /** ms to compile each file and to run its module code. */
    readonly compileMs: Readonly<Record<string, number>>;
    readonly runMs: Readonly<Record<string, number>>;
  };
  /** The JSON lines the function logged. */
  readonly logs: readonly unknown[];
}

const MARK = '@@bundle-run ';

// Plain CommonJS for `node -e`; the context carries the fields SCF's Node context has.
const RUNNER = `
const { resolve } = require('node:path');
const mod = require(resolve('index.js'));
const loadedMs = performance.now();
const limit = 30000, started = Date.now();
const context = {
  memory_limit_in_mb: 256, time_limit_in_ms: limit, request_id: 'req-package-test',
  function_name: 'batch-bridge-test', function_version: '$LATEST', namespace: 'default',
  getRemainingTimeInMillis: () => limit - (Date.now() - started),
};
mod.main_handler(JSON.parse(process.argv[1]), context).then((reply) => {
  const handledMs = performance.now();
  const s3Loaded = Object.keys(require.cache).some((k) => k.endsWith('aws-s3.js'));
  const undiciLoaded = process.moduleLoadList.some((m) => m.includes('undici'));
  const codeCache = globalThis[Symbol.for('batch-bridge.codeCache')];
  const result = { reply, loadedMs, handledMs, s3Loaded, undiciLoaded, codeCache };
  // Exits as SCF freezes an instance: a Redis connection would otherwise keep node alive.
  process.stdout.write('\\n${MARK}' + JSON.stringify(result) + '\\n', () => process.exit(0));
}, (error) => { console.error(error); process.exitCode = 1; });
`;

const run = promisify(execFile);

export const runBundle = async (
  dir: string,
  event: unknown,
  env: Readonly<Record<string, string>> = {},
  nodeFlags: readonly string[] = [],
): Promise<BundleRun> => {
  const args = [...nodeFlags, '-e', RUNNER, JSON.stringify(event)];
  const { stdout } = await run(process.execPath, args, {
    cwd: dir,
    timeout: 20_000,
    // Only what a function gets: nothing from the developer's shell leaks into the run.
    env: {
      PATH: process.env['PATH'] ?? '',
      BATCH_BRIDGE_DRY_RUN: 'true',
      BATCH_BRIDGE_CONFIG: 'bridge.yml',
      BATCH_BRIDGE_LOG_LEVEL: 'warn',
      ...env,
    },
  });
  const lines = stdout.split('\n');
  const line = lines.find((l) => l.startsWith(MARK));
  if (line === undefined) throw new Error(`no result from the bundle in ${dir}:\n${stdout}`);
  const logs = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as unknown);
  return { ...(JSON.parse(line.slice(MARK.length)) as Omit<BundleRun, 'logs'>), logs };
};

/** `typeof` an export of a bundle file, read in a fresh process like the runtime would. */
export const exportType = async (file: string, name: string): Promise<string> => {
  const script = 'process.stdout.write(typeof require(process.argv[1])[process.argv[2]])';
  const { stdout } = await run(process.execPath, ['-e', script, file, name], { timeout: 10_000 });
  return stdout;
};

/** `typeof` each export of a file loaded with require, as the bundles load the S3 chunk. */
export const requiredExportTypes = async (file: string): Promise<Record<string, string>> => {
  const script =
    'const m = require(process.argv[1]); process.stdout.write(JSON.stringify(' +
    'Object.fromEntries(Object.keys(m).filter((n) => n !== "__esModule").map((n) => [n, typeof m[n]]))))';
  const { stdout } = await run(process.execPath, ['-e', script, file], { timeout: 10_000 });
  return JSON.parse(stdout) as Record<string, string>;
};

/** Runs a CommonJS script in a fresh `node` with the given arguments; returns its stdout. */
export const evalScript = async (script: string, args: readonly string[]): Promise<string> => {
  const { stdout } = await run(process.execPath, ['-e', script, ...args], { timeout: 15_000 });
  return stdout;
};
