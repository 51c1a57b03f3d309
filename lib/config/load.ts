import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as z from 'zod';
import { ConfigError } from '../errors.js';
import { PARSE_ONCE } from '../parse-once.js';
import { type Env, type Interpolated, interpolateEnv, scrubEnvValues } from './interpolate.js';
import { type ConfigIssue, flattenIssues } from './issues.js';
import { resolveJobFiles } from './job-files.js';
import { formatPath } from './paths.js';
import { type BridgeConfig, BridgeConfigSchema } from './schema.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface LoadConfigOptions {
  /** Where `${env:NAME}` is read from. */
  readonly env: Env;
  /** Reads a file as UTF-8 text; defaults to the file system. */
  readonly readFile?: (path: string) => string;
}

export interface ParseConfigOptions extends LoadConfigOptions {
  /** Directory that job files (`submitJob.job.file`) are relative to. */
  readonly baseDir: string;
  /** Names the text in messages; defaults to `bridge.yml`. */
  readonly sourceName?: string;
}

const readUtf8 = (path: string): string => readFileSync(path, 'utf8');

const at = (source: YamlSource, path: readonly PropertyKey[]): string => {
  const line = source.lineOf(path);
  return line === undefined ? formatPath(path) : `${formatPath(path)}, line ${line}`;
};

const assertEnvResolved = (
  interpolated: Interpolated,
  source: YamlSource,
  sourceName: string,
): void => {
  const [firstMalformed] = interpolated.malformed;
  if (firstMalformed !== undefined) {
    const places = interpolated.malformed.map((p) => at(source, p)).join('; ');
    const message = `${sourceName}: malformed \${env:…} reference (use \${env:NAME} or \${env:NAME:-default}; $\${ for a literal \${) at ${places}`;
    throw new ConfigError('CONFIG_INVALID', message, { path: formatPath(firstMalformed) });
  }
  const [first] = interpolated.missing;
  if (first === undefined) return;
  const list = interpolated.missing.map((m) => `${m.name} (${at(source, m.path)})`).join(', ');
  const message = `${sourceName}: environment variables not set, with no default: ${list}`;
  throw new ConfigError('CONFIG_ENV_MISSING', message, { path: formatPath(first.path) });
};

const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean =>
  a.length === b.length && a.every((segment, i) => segment === b[i]);

/** Says which variable a bad value came from, since the value itself is never shown. */
const attributeEnv = (issue: ConfigIssue, interpolated: Interpolated): string => {
  const names = interpolated.used.filter((u) => samePath(u.path, issue.path)).map((u) => u.name);
  if (names.length === 0) return issue.message;
  return `the value of ${[...new Set(names)].join(' and ')} is invalid: ${issue.message}`;
};

const invalidConfig = (
  error: z.ZodError,
  interpolated: Interpolated,
  source: YamlSource,
  options: { readonly sourceName: string; readonly env: Env },
): ConfigError => {
  const issues = flattenIssues(error.issues, interpolated.value)
    .map((issue) => ({ ...issue, line: source.lineOf(issue.path) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.line - b.line);
  const lines = issues.map((issue) => {
    const line = issue.line === Number.MAX_SAFE_INTEGER ? '' : ` (line ${issue.line})`;
    return `  ${formatPath(issue.path)}: ${attributeEnv(issue, interpolated)}${line}`;
  });
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const message = `${options.sourceName} is invalid (${count}):\n${lines.join('\n')}`;
  return new ConfigError(
    'CONFIG_INVALID',
    scrubEnvValues(message, interpolated.used, options.env),
    {
      path: formatPath(issues[0]?.path ?? []),
      cause: error,
    },
  );
};

/**
 * Parses bridge.yml text: YAML, then `${env:…}` in string values, then the schema, then job
 * files. Every failure is one ConfigError that lists all the problems of its stage.
 */
export const parseConfig = (text: string, options: ParseConfigOptions): BridgeConfig => {
  const sourceName = options.sourceName ?? 'bridge.yml';
  const source = parseYamlSource(text, sourceName);
  if (source.data === null || source.data === undefined) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `${sourceName} is empty: expected at least "version: 1"`,
    );
  }
  const interpolated = interpolateEnv(source.data, options.env);
  assertEnvResolved(interpolated, source, sourceName);
  const result = BridgeConfigSchema.safeParse(interpolated.value, PARSE_ONCE);
  if (!result.success) {
    throw invalidConfig(result.error, interpolated, source, { sourceName, env: options.env });
  }
  const readFile = options.readFile ?? readUtf8;
  return resolveJobFiles(result.data, { baseDir: options.baseDir, env: options.env, readFile });
};

/** Reads and parses a bridge.yml; job files are relative to its directory. */
export const loadConfigFile = (path: string, options: LoadConfigOptions): BridgeConfig => {
  const readFile = options.readFile ?? readUtf8;
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    const message =
      code === 'ENOENT'
        ? `config file not found: ${path}`
        : `cannot read config file ${path} (${code ?? 'error'})`;
    throw new ConfigError('CONFIG_NOT_FOUND', message, { cause: e });
  }
  return parseConfig(text, { ...options, readFile, baseDir: dirname(path), sourceName: path });
};
