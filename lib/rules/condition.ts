import type { Condition, OperatorCondition } from '../config/schema.js';
import { configErrorAt } from '../template/config-error.js';
import {
  compareOperator,
  equalsOperator,
  existsOperator,
  globOperator,
  inOperator,
  type Operator,
  prefixOperator,
  regexOperator,
  suffixOperator,
} from './operators.js';
import { formatValue, isAbsent } from './values.js';

/** One field's condition, compiled: every operator in it must hold. */
export interface CompiledCondition {
  test(value: unknown): boolean;
  /** Why `test` failed: "'encode-1' does not start with 'render-'", "is absent". */
  explain(value: unknown): string;
  readonly requirement: string;
}

const fromOperator = (op: Operator): CompiledCondition => ({
  test: op.test,
  requirement: op.requirement,
  explain: (value) => (isAbsent(value) ? 'is absent' : `${formatValue(value)} ${op.failure}`),
});

const negate = (inner: CompiledCondition): CompiledCondition => ({
  test: (value) => !inner.test(value),
  requirement: `not (${inner.requirement})`,
  explain: (value) =>
    `${isAbsent(value) ? '(absent)' : formatValue(value)} ${inner.requirement}, which \`not\` excludes`,
});

const allOf = (parts: readonly CompiledCondition[]): CompiledCondition => {
  if (parts.length === 1) return parts[0] as CompiledCondition;
  return {
    test: (value) => {
      for (let i = 0; i < parts.length; i++)
        if (!(parts[i] as CompiledCondition).test(value)) return false;
      return true;
    },
    requirement: parts.map((p) => p.requirement).join(' and '),
    explain: (value) => parts.find((p) => !p.test(value))?.explain(value) ?? 'holds',
  };
};

const operatorFor = (
  key: string,
  c: OperatorCondition,
  path: string,
): CompiledCondition | undefined => {
  const at = `${path}.${key}`;
  switch (key) {
    case 'in':
      return c.in === undefined ? undefined : fromOperator(inOperator(c.in));
    case 'prefix':
      return c.prefix === undefined ? undefined : fromOperator(prefixOperator(c.prefix));
    case 'suffix':
      return c.suffix === undefined ? undefined : fromOperator(suffixOperator(c.suffix));
    case 'glob':
      return c.glob === undefined ? undefined : fromOperator(globOperator(c.glob));
    case 'regex':
      return c.regex === undefined ? undefined : fromOperator(regexOperator(c.regex, at));
    case 'exists':
      return c.exists === undefined ? undefined : fromOperator(existsOperator(c.exists));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = c[key];
      return bound === undefined ? undefined : fromOperator(compareOperator(key, bound));
    }
    case 'not':
      return c.not === undefined ? undefined : negate(compileCondition(c.not, at));
    default:
      throw configErrorAt(at, `unknown operator '${key}'`);
  }
};

/** Throws ConfigError with the operator's path (`rules[2].if.jobName.regex`). */
export const compileCondition = (condition: Condition, path: string): CompiledCondition => {
  if (condition === null || typeof condition !== 'object') {
    return fromOperator(equalsOperator(condition));
  }
  if (Array.isArray(condition))
    throw configErrorAt(path, 'a list is not a condition; use { in: [...] }');
  const parts: CompiledCondition[] = [];
  for (const key of Object.keys(condition)) {
    const part = operatorFor(key, condition, path);
    if (part !== undefined) parts.push(part);
  }
  if (parts.length === 0) throw configErrorAt(path, 'a condition needs at least one operator');
  return allOf(parts);
};
