import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './package-world.js';

/**
 * The two deployment files and the keys their components document (platform.md 4 and 8.3):
 * a key outside these lists is most likely a typo the component would silently ignore.
 */

export type Yaml = Record<string, unknown>;

export const MULTI_SCF_FILE = 'serverless.yml';
export const FUNCTION_URL_FILE = 'deploy/function-url/serverless.yml';

export const INSTANCE_KEYS = ['app', 'stage', 'component', 'name', 'inputs'];

export const MULTI_SCF_INPUTS = [
  ...['src', 'region', 'runtime', 'memorySize', 'timeout', 'type', 'environments', 'layers'],
  ...['tags', 'vpc', 'cls', 'asyncRunEnable', 'msgTTL', 'retryNum', 'isAutoPublish'],
  ...['functions', 'triggers'],
];
export const MULTI_SCF_FUNCTION = ['handler', 'memorySize', 'timeout', 'type', 'environments'];
export const TRIGGER_KEYS = ['type', 'function', 'parameters'];
export const TRIGGER_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  timer: ['name', 'qualifier', 'cronExpression', 'enable', 'argument'],
  cmq: ['name', 'qualifier', 'enable', 'filterType', 'filterKey'],
};

export const SCF_INPUTS = [
  ...['name', 'src', 'type', 'handler', 'entryFile', 'region', 'runtime', 'memorySize'],
  ...['timeout', 'initTimeout', 'environment', 'layers', 'deadLetter', 'asyncRunEnable'],
  ...['traceEnable', 'msgTTL', 'retryNum', 'role', 'vpcConfig', 'cls', 'publicAccess'],
  ...['ignoreTriggers', 'events'],
];
export const HTTP_EVENT_PARAMETERS = ['netConfig', 'qualifier', 'authType'];

/** The whole value is one reference, so nothing literal (a secret least of all) is shipped. */
export const ENV_REFERENCE = /^\$\{env:[A-Z][A-Z0-9_]*\}$/;
/** SCF refuses user variables with these prefixes (platform.md 2.3). */
export const RESERVED_PREFIX = /^(SCF_|QCLOUD_|TENCENTCLOUD_)/;

export const isYaml = (value: unknown): value is Yaml =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const loadDeployFile = (file: string): Yaml => {
  const doc: unknown = parse(readFileSync(join(ROOT, file), 'utf8'));
  if (!isYaml(doc)) throw new Error(`${file}: not a YAML mapping`);
  return doc;
};

export const field = (node: unknown, key: string): unknown =>
  isYaml(node) ? node[key] : undefined;

export const mapping = (node: unknown, what: string): Yaml => {
  if (!isYaml(node)) throw new Error(`${what}: expected a mapping`);
  return node;
};

export const list = (node: unknown, what: string): unknown[] => {
  if (!Array.isArray(node)) throw new Error(`${what}: expected a list`);
  return node;
};

/** Keys present that the component does not document. */
export const unknownKeys = (node: unknown, allowed: readonly string[]): string[] =>
  Object.keys(mapping(node, 'keys')).filter((key) => !allowed.includes(key));

/** `dir/index.main_handler` → the bundle file `dir/index.js` and the export `main_handler`. */
export const splitHandler = (handler: unknown): { file: string; exportName: string } => {
  if (typeof handler !== 'string') throw new Error('handler: expected a string');
  const dot = handler.lastIndexOf('.');
  return { file: `${handler.slice(0, dot)}.js`, exportName: handler.slice(dot + 1) };
};
