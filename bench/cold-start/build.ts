import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type PackageResult, packageFunctions } from '../../scripts/package/build-bundles.js';

/**
 * The bundles under test: the packager's build of every function, shipping a bridge.yml whose
 * one rule alerts on TASK_INSTANCE_FAILED with the stderr tail, and the official handler as
 * written and bundled by esbuild the way a careful user would.
 */

/** The repository root: from bench/ under tsx, from dist/bench once compiled, else the cwd. */
const rootCandidates = [
  resolve(import.meta.dirname, '..'),
  resolve(import.meta.dirname, '../..'),
  process.cwd(),
];
export const ROOT =
  rootCandidates.find((dir) => existsSync(join(dir, 'functions/topic.ts'))) ?? process.cwd();

export const OFFICIAL_HANDLER = join(ROOT, 'bench/cold-start/official-handler.cjs');

/** The queue the drain bundle empties in the dry-run measures. */
export const DRAIN_QUEUE = 'bridge-inbox';

const BRIDGE_YML = `version: 1
region: ap-guangzhou
queue: ${DRAIN_QUEUE}
channels:
  oncall:
    type: webhook
    url: \${env:HOOK}
rules:
  - name: failures
    on: TASK_INSTANCE_FAILED
    do:
      - alert: { channel: oncall, logs: { stream: stderr, lines: 30 } }
`;

export interface OfficialBundle {
  readonly file: string;
  readonly entryBytes: number;
  readonly gzipBytes: number;
}

export const buildOurBundles = async (tmp: string, minify = true): Promise<PackageResult> => {
  const configDir = join(tmp, 'config');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'bridge.yml'), BRIDGE_YML);
  return packageFunctions({
    root: ROOT,
    outDir: join(tmp, 'dist-scf'),
    env: { BATCH_BRIDGE_CONFIG_SOURCE: join(configDir, 'bridge.yml') },
    minify,
  });
};

export const buildOfficialBundle = async (tmp: string): Promise<OfficialBundle> => {
  const dir = join(tmp, 'official');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.cjs');
  await build({
    entryPoints: [OFFICIAL_HANDLER],
    outfile: file,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    logLevel: 'error',
  });
  const bytes = readFileSync(file);
  return { file, entryBytes: statSync(file).size, gzipBytes: gzipSync(bytes, { level: 9 }).length };
};
