import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A function's `index.js` is a small loader (scripts/package/loader.cjs) that runs `app.js`,
 * the bundle, with V8's code cache: compiling about half a megabyte of JavaScript is a large
 * part of a cold start, and Node 20 keeps no cache for user code. The caches are written here,
 * by loading the bundle once in a plain `node` of the version the packager runs on; a runtime
 * whose V8 differs finds no cache of its version and compiles as usual.
 */

export const LOADER_FILE = 'index.js';
export const APP_FILE = 'app.js';
export const CODE_CACHE_SUFFIX = '.cache';

export const installLoader = (root: string, dir: string): void =>
  copyFileSync(join(root, 'scripts/package/loader.cjs'), join(dir, LOADER_FILE));

export interface RecordInput {
  readonly root: string;
  /** The function's directory and name. */
  readonly dir: string;
  readonly name: string;
  readonly lazyChunks: readonly string[];
  /** The Node flags the functions run with: V8 takes a cache only under the flags it was made. */
  readonly nodeFlags?: readonly string[];
}

/** Only `--name` or `--name=value`: anything else (a script, a file to run) is refused. */
export const checkNodeFlags = (flags: readonly string[]): readonly string[] => {
  const bad = flags.filter((flag) => !/^--[a-z0-9][a-z0-9-_]*(=\S*)?$/i.test(flag));
  if (bad.length > 0) throw new Error(`not a Node flag: ${bad.join(' ')} (write --name=value)`);
  return flags;
};

/**
 * Loads app.js and each lazy chunk in a fresh `node`, runs warm-up.cjs (one delivery against
 * loopback stand-ins), and writes the caches; returns their file names.
 */
export const recordCodeCache = async (input: RecordInput): Promise<string[]> => {
  const { root, dir, name, lazyChunks } = input;
  const warmUp = join(root, 'scripts/package/warm-up.cjs');
  const flags = checkNodeFlags(input.nodeFlags ?? []);
  await promisify(execFile)(
    process.execPath,
    [...flags, join(dir, LOADER_FILE), warmUp, name, ...lazyChunks],
    {
      cwd: dir,
      timeout: 60_000,
      // Nothing from the packager's environment reaches the bundle: warm-up.cjs sets the rest,
      // every address pointing at its loopback stand-in.
      env: {
        PATH: process.env['PATH'] ?? '',
        BATCH_BRIDGE_CODE_CACHE: 'record',
        BATCH_BRIDGE_LOG_LEVEL: 'error',
      },
    },
  );
  return readdirSync(dir).filter((file) => file.endsWith(CODE_CACHE_SUFFIX));
};
