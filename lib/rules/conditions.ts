import type { Condition, Conditions } from '../config/schema.js';
import type { BatchEvent } from '../ingest/event.js';
import { configErrorAt } from '../template/config-error.js';
import { compileField, type FieldGetter } from '../template/fields.js';
import { type CompiledCondition, compileCondition } from './condition.js';

/** A rule's `if`, compiled: every field clause and every `anyOf` group must hold. */
export interface CompiledConditions {
  test(event: BatchEvent): boolean;
  /** Why `test` failed: "jobName 'encode-1' does not start with 'render-'". */
  explain(event: BatchEvent): string;
}

interface Clause {
  readonly field: string;
  readonly get: FieldGetter;
  readonly condition: CompiledCondition;
}

export const ALWAYS: CompiledConditions = { test: () => true, explain: () => 'holds' };

const compileClause = (field: string, condition: Condition, path: string): Clause => {
  const compiled = compileField(field);
  if ('error' in compiled) throw configErrorAt(`${path}.${field}`, compiled.error);
  return { field, get: compiled.get, condition: compileCondition(condition, `${path}.${field}`) };
};

const compileAnyOf = (value: unknown, path: string): CompiledConditions[] => {
  if (!Array.isArray(value) || value.length === 0) {
    throw configErrorAt(path, 'anyOf needs a non-empty list of condition maps');
  }
  return value.map((alternative: Conditions, i) => compileConditions(alternative, `${path}[${i}]`));
};

const anyHolds = (group: readonly CompiledConditions[], event: BatchEvent): boolean => {
  for (let i = 0; i < group.length; i++)
    if ((group[i] as CompiledConditions).test(event)) return true;
  return false;
};

const build = (
  clauses: readonly Clause[],
  groups: readonly CompiledConditions[][],
): CompiledConditions => ({
  test: (event) => {
    for (let i = 0; i < clauses.length; i++) {
      const clause = clauses[i] as Clause;
      if (!clause.condition.test(clause.get(event))) return false;
    }
    for (let i = 0; i < groups.length; i++) {
      if (!anyHolds(groups[i] as CompiledConditions[], event)) return false;
    }
    return true;
  },
  explain: (event) => {
    for (const { field, get, condition } of clauses) {
      const value = get(event);
      if (!condition.test(value)) return `${field} ${condition.explain(value)}`;
    }
    const failed = groups.find((group) => !anyHolds(group, event));
    if (failed === undefined) return 'holds';
    return `anyOf: none holds (${failed.map((c) => c.explain(event)).join('; ')})`;
  },
});

/** Throws ConfigError with the path of the bad entry (`rules[0].if.anyOf[1].jobname`). */
export const compileConditions = (conditions: Conditions, path: string): CompiledConditions => {
  const clauses: Clause[] = [];
  const groups: CompiledConditions[][] = [];
  for (const [key, value] of Object.entries(conditions)) {
    if (value === undefined) continue;
    if (key === 'anyOf') groups.push(compileAnyOf(value, `${path}.anyOf`));
    else clauses.push(compileClause(key, value as Condition, path));
  }
  return clauses.length === 0 && groups.length === 0 ? ALWAYS : build(clauses, groups);
};
