import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { parse } from 'yaml';

/**
 * The config a bundle reads at cold start: bridge.yml plus the job files its rules name
 * (`submitJob.job.file`, resolved against the config's directory), copied with the same layout.
 */

export interface ConfigFiles {
  /** Absolute path of the bridge.yml that was copied. */
  readonly source: string;
  /** Says where `source` came from, for the build log. */
  readonly origin: 'BATCH_BRIDGE_CONFIG_SOURCE' | 'default';
  /** Job files, relative to the config's directory. */
  readonly jobFiles: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const jobFileOf = (node: Record<string, unknown>): string | undefined => {
  const submit = node['submitJob'];
  if (!isRecord(submit) || !isRecord(submit['job'])) return undefined;
  const file = submit['job']['file'];
  return typeof file === 'string' ? file : undefined;
};

const collectJobFiles = (node: unknown, found: Set<string>): Set<string> => {
  if (Array.isArray(node)) {
    for (const item of node) collectJobFiles(item, found);
  } else if (isRecord(node)) {
    const file = jobFileOf(node);
    if (file !== undefined) found.add(file);
    for (const value of Object.values(node)) collectJobFiles(value, found);
  }
  return found;
};

/** A bundle is uploaded on its own, so a job file outside the config's directory would be lost. */
const checkPortable = (file: string, source: string): string => {
  const relative = normalize(file);
  if (isAbsolute(relative) || relative.startsWith(`..${sep}`) || file.includes('${')) {
    throw new Error(
      `${source}: job file ${file} must be a plain path inside the config's directory to be packaged`,
    );
  }
  return relative;
};

export const resolveConfigFiles = (
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): ConfigFiles => {
  const fromEnv = env['BATCH_BRIDGE_CONFIG_SOURCE'];
  const useEnv = fromEnv !== undefined && fromEnv !== '';
  const source = resolve(root, useEnv ? fromEnv : 'examples/bridge.yml');
  if (!existsSync(source)) throw new Error(`config source not found: ${source}`);
  const found = collectJobFiles(parse(readFileSync(source, 'utf8')) as unknown, new Set());
  return {
    source,
    origin: useEnv ? 'BATCH_BRIDGE_CONFIG_SOURCE' : 'default',
    jobFiles: [...found].map((file) => checkPortable(file, source)).sort(),
  };
};

/** Always lands as `bridge.yml`, the name BATCH_BRIDGE_CONFIG gives in serverless.yml. */
export const copyConfigFiles = (files: ConfigFiles, destDir: string): void => {
  mkdirSync(destDir, { recursive: true });
  copyFileSync(files.source, join(destDir, 'bridge.yml'));
  for (const file of files.jobFiles) {
    const target = join(destDir, file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(resolve(dirname(files.source), file), target);
  }
};
