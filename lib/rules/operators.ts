import { configErrorAt } from '../template/config-error.js';
import { globToRegExp } from './glob.js';
import { asText, equalsScalar, formatValue, type Scalar, toNumber } from './values.js';

/** One operator of a condition: a test plus the words explain output uses. */
export interface Operator {
  test(value: unknown): boolean;
  /** "starts with 'render-'": what holds when the test passes. */
  readonly requirement: string;
  /** "does not start with 'render-'": what is wrong when it fails on a present value. */
  readonly failure: string;
}

export const equalsOperator = (expected: Scalar): Operator =>
  expected === null
    ? { test: equalsScalar(null), requirement: 'is absent', failure: 'is present' }
    : {
        test: equalsScalar(expected),
        requirement: `is ${formatValue(expected)}`,
        failure: `is not ${formatValue(expected)}`,
      };

export const inOperator = (list: readonly Scalar[]): Operator => {
  const tests = list.map(equalsScalar);
  const shown = list.map(formatValue).join(', ');
  return {
    test: (value) => {
      for (let i = 0; i < tests.length; i++)
        if ((tests[i] as (v: unknown) => boolean)(value)) return true;
      return false;
    },
    requirement: `is one of ${shown}`,
    failure: `is not one of ${shown}`,
  };
};

const textOperator = (
  test: (text: string) => boolean,
  requirement: string,
  failure: string,
): Operator => ({
  test: (value) => {
    const text = asText(value);
    return text !== undefined && test(text);
  },
  requirement,
  failure,
});

export const prefixOperator = (prefix: string): Operator =>
  textOperator(
    (t) => t.startsWith(prefix),
    `starts with '${prefix}'`,
    `does not start with '${prefix}'`,
  );

export const suffixOperator = (suffix: string): Operator =>
  textOperator((t) => t.endsWith(suffix), `ends with '${suffix}'`, `does not end with '${suffix}'`);

export const globOperator = (glob: string): Operator => {
  const re = globToRegExp(glob);
  return textOperator((t) => re.test(t), `matches glob '${glob}'`, `does not match glob '${glob}'`);
};

/** Compiled once; an invalid pattern is a ConfigError at `path`. */
export const regexOperator = (source: string, path: string): Operator => {
  let re: RegExp;
  try {
    re = new RegExp(source);
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'invalid';
    throw configErrorAt(path, `invalid regex /${source}/: ${reason}`);
  }
  return textOperator((t) => re.test(t), `matches /${source}/`, `does not match /${source}/`);
};

export const existsOperator = (exists: boolean): Operator =>
  exists
    ? { test: (v) => v !== undefined && v !== null, requirement: 'exists', failure: 'is absent' }
    : {
        test: (v) => v === undefined || v === null,
        requirement: 'is absent',
        failure: 'is present',
      };

export type Comparison = 'gt' | 'gte' | 'lt' | 'lte';

const COMPARE: Record<Comparison, { symbol: string; holds: (a: number, b: number) => boolean }> = {
  gt: { symbol: '>', holds: (a, b) => a > b },
  gte: { symbol: '>=', holds: (a, b) => a >= b },
  lt: { symbol: '<', holds: (a, b) => a < b },
  lte: { symbol: '<=', holds: (a, b) => a <= b },
};

/** Absent, NaN and non-numeric values never compare true. */
export const compareOperator = (kind: Comparison, bound: number): Operator => {
  const { symbol, holds } = COMPARE[kind];
  return {
    test: (value) => {
      const n = toNumber(value);
      return n !== undefined && holds(n, bound);
    },
    requirement: `is ${symbol} ${bound}`,
    failure: `is not ${symbol} ${bound}`,
  };
};
