import { EVENT_NAMES } from '../ingest/event.js';
import { configErrorAt } from '../template/config-error.js';
import { isValidEventPattern, normaliseEventPattern } from './event-names.js';
import { globToRegExp, isGlob } from './glob.js';

/** A rule's `on`, compiled: exact names in a Set, globs as anchored RegExps. */
export interface OnMatcher {
  /** Normalised patterns, in config order. */
  readonly patterns: readonly string[];
  matches(name: string): boolean;
  /** "TASK_RUNNING is not JOB_SUCCEED": for explain output. */
  describeMiss(name: string): string;
}

export interface CompiledOn {
  readonly matcher: OnMatcher;
  readonly warnings: readonly string[];
}

const compilePattern = (raw: string, path: string): string => {
  const pattern = normaliseEventPattern(raw);
  if (!isValidEventPattern(pattern)) {
    throw configErrorAt(
      path,
      `'${raw}' is not an event name or glob (letters, digits, '_', '*' and '?' only)`,
    );
  }
  return pattern;
};

const buildMatcher = (patterns: readonly string[]): OnMatcher => {
  const exact = new Set(patterns.filter((p) => !isGlob(p)));
  const globs = patterns.filter(isGlob).map(globToRegExp);
  const verb = globs.length === 0 ? 'is not' : 'does not match';
  const list = patterns.join(' or ');
  return {
    patterns,
    matches: (name) => {
      if (exact.has(name)) return true;
      for (let i = 0; i < globs.length; i++) if ((globs[i] as RegExp).test(name)) return true;
      return false;
    },
    describeMiss: (name) => `${name} ${verb} ${list}`,
  };
};

/** Throws ConfigError with `rules[i].on` or `rules[i].on[j]` for an invalid entry. */
export const compileOn = (
  on: string | readonly string[],
  path: string,
  rule: string,
): CompiledOn => {
  const entries = typeof on === 'string' ? [on] : on;
  const patterns = entries.map((raw, j) =>
    compilePattern(raw, typeof on === 'string' ? path : `${path}[${j}]`),
  );
  const warnings: string[] = [];
  patterns.forEach((pattern, j) => {
    const single = buildMatcher([pattern]);
    if (!EVENT_NAMES.some((name) => single.matches(name))) {
      warnings.push(
        `rule '${rule}': \`on\` '${entries[j]}' matches none of the ${EVENT_NAMES.length} known event names`,
      );
    }
  });
  return { matcher: buildMatcher(patterns), warnings };
};
