import type * as z from 'zod';
import { valueAt } from './paths.js';

/** One problem in the file: where, and what, in words a config author can act on. */
export interface ConfigIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * Whether a union branch failed because the value is not of its shape at all (wrong type, or
 * its one identifying key is absent), rather than because something inside it is wrong.
 */
const isShapeMismatch = (issue: Issue, value: unknown): boolean => {
  if (issue.path.length === 0) {
    if (issue.code === 'invalid_type' || issue.code === 'invalid_value') return true;
    if (issue.code === 'invalid_union') {
      return issue.errors.every((branch) => branch.some((i) => isShapeMismatch(i, value)));
    }
    return false;
  }
  return (
    issue.code === 'invalid_type' &&
    issue.path.length === 1 &&
    valueAt(value, issue.path) === undefined
  );
};

/** The one branch the value was evidently meant for, when there is exactly one. */
const meantBranch = (issue: z.core.$ZodIssueInvalidUnion, value: unknown): Issue[] | undefined => {
  const candidates = issue.errors.filter(
    (branch) => !branch.some((i) => isShapeMismatch(i, value)),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
};

/**
 * Flattens zod issues into one entry per problem. A failed union is replaced by the issues of
 * the branch the value was meant for (`scaleEnv: { max: "x" }` reports `scaleEnv.max`), or
 * kept with the schema's own explanation when no branch fits. An unknown key points at itself.
 */
export const flattenIssues = (
  issues: readonly Issue[],
  data: unknown,
  base: readonly PropertyKey[] = [],
): ConfigIssue[] =>
  issues.flatMap((issue): ConfigIssue[] => {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
      return [{ path: [...path, issue.keys[0]], message: issue.message }];
    }
    if (issue.code === 'invalid_union') {
      const branch = meantBranch(issue, valueAt(data, path));
      if (branch !== undefined) return flattenIssues(branch, data, path);
    }
    return [{ path, message: issue.message }];
  });
