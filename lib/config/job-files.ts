import { extname, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { type Env, type EnvUse, interpolateEnv } from './interpolate.js';
import { formatPath } from './paths.js';
import type { BridgeConfig, RuleAction } from './schema.js';
import { kindOf } from './schema-messages.js';
import { parseYamlSource } from './yaml-source.js';

export interface JobFileOptions {
  readonly baseDir: string;
  readonly env: Env;
  readonly readFile: (path: string) => string;
}

type Job = Record<string, unknown>;

/** A job read from a file, with the env references it could not resolve. */
interface LoadedJob {
  readonly job: Job;
  readonly missing: readonly EnvUse[];
}

const isJobFileRef = (job: Job): job is { file: string } => {
  const { file, ...rest } = job;
  return typeof file === 'string' && Object.keys(rest).length === 0;
};

const fileError = (where: string, file: string, reason: string, cause?: unknown): ConfigError =>
  new ConfigError('CONFIG_FILE', `${where}: job file ${file}: ${reason}`, {
    path: where,
    ...(cause === undefined ? {} : { cause }),
  });

const parseJobText = (text: string, file: string, where: string): unknown => {
  const ext = extname(file).toLowerCase();
  if (ext === '.yml' || ext === '.yaml') {
    try {
      return parseYamlSource(text, file).data;
    } catch (e) {
      throw fileError(where, file, e instanceof Error ? e.message : 'not valid YAML', e);
    }
  }
  if (ext !== '.json') throw fileError(where, file, 'use a .json, .yml or .yaml file');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw fileError(
      where,
      file,
      `not valid JSON (${e instanceof Error ? e.message : 'parse error'})`,
      e,
    );
  }
};

const readJobFile = (file: string, where: string, options: JobFileOptions): LoadedJob => {
  const absolute = resolve(options.baseDir, file);
  let text: string;
  try {
    text = options.readFile(absolute);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    const reason =
      code === 'ENOENT'
        ? `not found (looked for ${absolute})`
        : `cannot be read (${code ?? 'error'})`;
    throw fileError(where, file, reason, e);
  }
  const parsed = parseJobText(text, file, where);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw fileError(where, file, `must hold a Job object, got ${kindOf(parsed)}`);
  }
  const interpolated = interpolateEnv(parsed, options.env);
  if (interpolated.malformed.length > 0) {
    const at = interpolated.malformed.map((p) => formatPath(p)).join(', ');
    throw fileError(where, file, `malformed \${env:…} reference at ${at}`);
  }
  return { job: interpolated.value as Job, missing: interpolated.missing };
};

const missingError = (
  missing: readonly (EnvUse & { where: string; file: string })[],
): ConfigError => {
  const list = missing.map(
    (m) => `${m.name} (${m.file}: ${formatPath(m.path)}, loaded by ${m.where})`,
  );
  const message = `environment variables not set, with no default: ${list.join(', ')}`;
  return new ConfigError('CONFIG_ENV_MISSING', message, { path: missing[0]?.where ?? '' });
};

/**
 * Replaces every `submitJob.job: { file }` by the Job object the file holds, so consumers only
 * ever see inline jobs. Files resolve against the config's directory; each is read once.
 */
export const resolveJobFiles = (config: BridgeConfig, options: JobFileOptions): BridgeConfig => {
  const cache = new Map<string, LoadedJob>();
  const missing: (EnvUse & { where: string; file: string })[] = [];
  const rules = config.rules.map((rule, i) => ({
    ...rule,
    do: rule.do.map((action, j): RuleAction => {
      if (!('submitJob' in action) || !isJobFileRef(action.submitJob.job)) return action;
      const { file } = action.submitJob.job;
      const where = formatPath(['rules', i, 'do', j, 'submitJob', 'job']);
      const loaded = cache.get(file) ?? readJobFile(file, where, options);
      if (!cache.has(file)) missing.push(...loaded.missing.map((m) => ({ ...m, where, file })));
      cache.set(file, loaded);
      return { submitJob: { ...action.submitJob, job: structuredClone(loaded.job) } };
    }),
  }));
  if (missing.length > 0) throw missingError(missing);
  return { ...config, rules };
};
