import type * as z from 'zod';
import { type ValidationCode, ValidationError } from '../errors.js';

/** A rejected item, or the value that made it through a step. */
export type Step<T> = { readonly ok: true; readonly value: T } | Rejection;

export interface Rejection {
  readonly ok: false;
  readonly error: ValidationError;
  readonly where: string;
}

/** `where` locates the rejected item (`Events[2]`); `field`, when finer, the culprit inside it. */
export const reject = (
  code: ValidationCode,
  where: string,
  problem: string,
  field: string = where,
): Rejection => ({
  ok: false,
  error: new ValidationError(code, `${field}: ${problem}`, { path: field }),
  where,
});

/** Joins a location and a key the way messages print them: `Records[1].CMQ`, `Events[2]`. */
export const at = (where: string, key: string | number): string => {
  if (typeof key === 'number') return `${where}[${key}]`;
  return where === '' ? key : `${where}.${key}`;
};

/** Names what we got without echoing it: input may be large, hostile or secret. */
export const describeType = (value: unknown): string => {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
};

/** A zod `error` option that says what came instead: `expected a string, got a number`. */
export const expected = (what: string) => ({
  error: (issue: { readonly input: unknown }) =>
    `expected ${what}, got ${describeType(issue.input)}`,
});

export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * JSON.parse keeps a `__proto__` key as an own property; any later copy with `Object.assign`
 * or `obj[key] = v` would then swap the prototype of the copy. Refusing it here keeps every
 * object we hand on safe to copy.
 */
export const hasProtoKey = (value: Readonly<Record<string, unknown>>): boolean =>
  Object.hasOwn(value, '__proto__');

type Issue = z.core.$ZodIssue;

const joinPath = (where: string, path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => at(acc, typeof key === 'number' ? key : String(key)), where);

/** A union's own message hides which field failed; prefer a branch issue that names one. */
const deepest = (issue: Issue): { path: readonly PropertyKey[]; message: string } => {
  if (issue.code === 'invalid_union') {
    for (const branch of issue.errors) {
      const inner = branch.find((i) => i.path.length > 0);
      if (inner !== undefined) {
        const found = deepest(inner);
        return { path: [...issue.path, ...found.path], message: found.message };
      }
    }
  }
  return { path: issue.path, message: issue.message };
};

/**
 * The first zod issue as a rejection naming the field: `Events[2].Batch.ExitCode: …`.
 * `base` is where field paths start when it differs from the item's `where` (top level: '').
 */
export const rejectIssues = (
  code: ValidationCode,
  where: string,
  error: z.ZodError,
  base: string = where,
): Rejection => {
  const first = error.issues[0];
  if (first === undefined) return reject(code, where, 'invalid');
  const { path, message } = deepest(first);
  return reject(code, where, message, joinPath(base, path) || where);
};
