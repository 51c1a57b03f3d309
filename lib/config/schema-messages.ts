/**
 * Error messages for the bridge.yml schema. They name keys and kinds, never values: a value may
 * have come from `${env:…}` and be a secret.
 */

import type * as z from 'zod';

export const ACTION_KINDS = ['alert', 'submitJob', 'scaleEnv', 'terminateNode'] as const;

export const CONDITION_OPERATORS = [
  'in',
  'prefix',
  'suffix',
  'glob',
  'regex',
  'exists',
  'gt',
  'gte',
  'lt',
  'lte',
  'not',
] as const;

const quote = (s: string): string => `'${s}'`;

/** `a, b or c`: readable lists of allowed names. */
export const listOf = (names: readonly string[]): string =>
  names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;

/** A value's JSON-ish kind, so messages can say what was found without showing it. */
export const kindOf = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
};

/** `error` option for strict objects: names the unknown keys, where, and the allowed ones. */
export const unknownKeys =
  (noun: string, allowed: readonly string[], where?: string) =>
  (iss: z.core.$ZodRawIssue): string | undefined => {
    if (iss.code !== 'unrecognized_keys') return undefined;
    const plural = iss.keys.length === 1 ? noun : `${noun}s`;
    const place = where === undefined ? '' : ` in ${where}`;
    return `unknown ${plural} ${iss.keys.map(quote).join(', ')}${place}: expected ${listOf(allowed)}`;
  };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why an action object matched none of the four kinds (only called when all failed). */
export const explainAction = (input: unknown): string => {
  const expected = `expected one of ${ACTION_KINDS.join(', ')}`;
  if (!isPlainObject(input))
    return `an action is an object such as { alert: {…} }, got ${kindOf(input)}`;
  const keys = Object.keys(input);
  const known = keys.filter((k) => (ACTION_KINDS as readonly string[]).includes(k));
  if (keys.length === 0) return `empty action: ${expected}`;
  if (known.length > 1) return `an action has exactly one kind, got ${known.join(' and ')}`;
  const unknown = keys.filter((k) => !known.includes(k));
  const [first] = unknown;
  if (known.length === 0 && first !== undefined)
    return `unknown action ${quote(first)}: ${expected}`;
  return `invalid ${known.join('')} action`;
};

/** A key next to the action kind, as in `- alert: {…}` followed by `  extra: 1`. */
export const extraActionKeys = (iss: z.core.$ZodRawIssue): string | undefined =>
  iss.code === 'unrecognized_keys'
    ? `an action has exactly one key (${listOf(ACTION_KINDS)}); unexpected ${iss.keys.map(quote).join(', ')}`
    : undefined;

export const explainJob = (input: unknown): string =>
  isPlainObject(input) && 'file' in input
    ? `{ file: path } must stand alone; found it next to ${Object.keys(input)
        .filter((k) => k !== 'file')
        .map(quote)
        .join(', ')}`
    : `expected { file: path/to/job.json } or an inline Job object, got ${kindOf(input)}`;

export const explainCondition = (input: unknown): string =>
  `a condition is a string, number, boolean, null or an object of operators ` +
  `(${CONDITION_OPERATORS.join(', ')}), got ${kindOf(input)}`;

/** Case-insensitive near miss, for "did you mean" hints on field names. */
export const didYouMean = (name: string, candidates: readonly string[]): string => {
  const hit = candidates.find((c) => c.toLowerCase() === name.toLowerCase());
  return hit === undefined ? '' : ` (did you mean ${quote(hit)}?)`;
};

export const describeUnion =
  (explain: (input: unknown) => string) =>
  (iss: z.core.$ZodRawIssue): string | undefined =>
    iss.code === 'invalid_union' ? explain(iss.input) : undefined;
