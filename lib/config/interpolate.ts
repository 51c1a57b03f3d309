import type { PathSegment } from './paths.js';

/** One `${env:NAME}` found in a string value, and where. */
export interface EnvUse {
  readonly name: string;
  readonly path: readonly PathSegment[];
}

export interface Interpolated {
  readonly value: unknown;
  /** References to variables that are unset and have no default. */
  readonly missing: readonly EnvUse[];
  /** `${env:` references that are not `${env:NAME}` or `${env:NAME:-default}`. */
  readonly malformed: readonly (readonly PathSegment[])[];
  /** Variables whose value was substituted: where a value came from, and what to scrub. */
  readonly used: readonly EnvUse[];
}

export type Env = Readonly<Record<string, string | undefined>>;

// `$${` is an escaped literal `${`; `${env:BODY}` a reference; an unclosed one is malformed.
const TOKEN = /\$\$\{|\$\{env:([^}]*)(\})?/g;
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

interface Collector {
  readonly env: Env;
  readonly missing: EnvUse[];
  readonly malformed: PathSegment[][];
  readonly used: EnvUse[];
}

const expandString = (text: string, path: PathSegment[], c: Collector): string =>
  text.replace(TOKEN, (token, body: string | undefined, close: string | undefined) => {
    if (token === '$${') return '${';
    const ref = close === undefined ? null : REFERENCE.exec(body ?? '');
    if (ref === null) {
      c.malformed.push(path);
      return token;
    }
    const name = ref[1] ?? '';
    const fallback = ref[2];
    const value = c.env[name];
    // Like the shell's `:-`, an empty variable also takes the default.
    if (fallback !== undefined && (value === undefined || value === '')) return fallback;
    if (value === undefined) {
      c.missing.push({ name, path });
      return '';
    }
    c.used.push({ name, path });
    return value;
  });

const walk = (value: unknown, path: PathSegment[], c: Collector): unknown => {
  if (typeof value === 'string') return expandString(value, path, c);
  if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i], c));
  if (typeof value === 'object' && value !== null) {
    // Keys are left alone: they name things, and a rename by environment would be a trap.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key], c)]),
    );
  }
  return value;
};

/** Expands `${env:NAME}` and `${env:NAME:-default}` in every string value of parsed data. */
export const interpolateEnv = (value: unknown, env: Env): Interpolated => {
  const c: Collector = { env, missing: [], malformed: [], used: [] };
  const expanded = walk(value, [], c);
  return { value: expanded, missing: c.missing, malformed: c.malformed, used: c.used };
};

// Values shorter than this are too common to scrub without mangling the message around them.
const MIN_SCRUBBED_LENGTH = 4;

/** Replaces every substituted env value in a message by the reference it came from. */
export const scrubEnvValues = (message: string, used: readonly EnvUse[], env: Env): string => {
  const names = [...new Set(used.map((u) => u.name))];
  const values = names
    .map((name) => ({ name, value: env[name] ?? '' }))
    .filter((v) => v.value.length >= MIN_SCRUBBED_LENGTH)
    // Longest first, so a value containing another is replaced whole.
    .sort((a, b) => b.value.length - a.value.length);
  return values.reduce((out, v) => out.split(v.value).join(`\${env:${v.name}}`), message);
};
