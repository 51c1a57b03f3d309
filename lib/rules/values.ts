/** Value coercions shared by the condition operators (DESIGN 3.2). */

export type Scalar = string | number | boolean | null;

// Decimal only: `0x10`, `Infinity` and '' are not numbers to a rule author.
const NUMERIC = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

export const isAbsent = (value: unknown): value is null | undefined =>
  value === undefined || value === null;

/** Numbers and numeric strings count as numbers; NaN and everything else do not. */
export const toNumber = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
};

/** The text that string operators (prefix, glob, regex…) look at; objects have none. */
export const asText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

/** Bare-value equality: 137 equals "137", true equals "true", null equals absent. */
export const equalsScalar = (expected: Scalar): ((actual: unknown) => boolean) => {
  if (expected === null) return isAbsent;
  if (typeof expected === 'number') return (actual) => toNumber(actual) === expected;
  if (typeof expected === 'boolean') {
    const text = String(expected);
    return (actual) => actual === expected || actual === text;
  }
  const asNumber = toNumber(expected);
  return (actual) => {
    if (typeof actual === 'string') return actual === expected;
    if (typeof actual === 'number') return asNumber === actual;
    return typeof actual === 'boolean' && String(actual) === expected;
  };
};

const MAX_SHOWN = 80;

/** A value as explanations show it: strings quoted, long ones cut. */
export const formatValue = (value: unknown): string => {
  if (value === undefined) return 'absent';
  let text: string;
  if (typeof value === 'string') text = `'${value}'`;
  else if (typeof value === 'object' && value !== null) text = safeJson(value);
  else text = String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
};

const safeJson = (value: object): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '[object]';
  }
};
