import {
  ApiError,
  invalidType,
  invalidValue,
  missingParameter,
  unknownParameter,
} from './api-error.js';
import type { JsonObject } from './types.js';

/** Readers for action parameters: they throw the ApiError Tencent would answer with. */

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const at = (params: JsonObject, name: string): unknown => params[name];

export const optString = (params: JsonObject, name: string, path = name): string | undefined => {
  const value = at(params, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidType(path, 'String');
  return value;
};

export const reqString = (params: JsonObject, name: string, path = name): string => {
  const value = optString(params, name, path);
  if (value === undefined || value === '') throw missingParameter(path);
  return value;
};

/** GET and form requests carry every value as a string, so numeric strings are accepted. */
export const optInt = (params: JsonObject, name: string, path = name): number | undefined => {
  const value = at(params, name);
  if (value === undefined || value === null) return undefined;
  const parsed = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isInteger(parsed)) throw invalidType(path, 'Integer');
  return parsed;
};

export interface IntRange {
  readonly min: number;
  readonly max: number;
  readonly fallback: number;
}

export const intInRange = (params: JsonObject, name: string, range: IntRange): number => {
  const value = optInt(params, name) ?? range.fallback;
  if (value < range.min || value > range.max) {
    throw invalidValue(name, `must be between ${range.min} and ${range.max}`);
  }
  return value;
};

export const optObject = (
  params: JsonObject,
  name: string,
  path = name,
): JsonObject | undefined => {
  const value = at(params, name);
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidType(path, 'Object');
  return value;
};

export const reqObject = (params: JsonObject, name: string, path = name): JsonObject => {
  const value = optObject(params, name, path);
  if (value === undefined) throw missingParameter(path);
  return value;
};

export const optArray = (params: JsonObject, name: string, path = name): unknown[] | undefined => {
  const value = at(params, name);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidType(path, 'Array');
  return value;
};

export const optStringArray = (params: JsonObject, name: string): string[] | undefined => {
  const values = optArray(params, name);
  values?.forEach((value, i) => {
    if (typeof value !== 'string') throw invalidType(`${name}.${i}`, 'String');
  });
  return values as string[] | undefined;
};

/** Tencent answers UnknownParameter for a top-level name the action does not define. */
export const rejectUnknown = (params: JsonObject, allowed: readonly string[]): void => {
  const extra = Object.keys(params).find((key) => !allowed.includes(key));
  if (extra !== undefined) throw unknownParameter(extra);
};

export interface FilterSpec {
  readonly name: string;
  readonly values: readonly string[];
}

const readFilter = (raw: unknown, path: string): FilterSpec => {
  if (!isObject(raw)) throw invalidType(path, 'Filter');
  const name = reqString(raw, 'Name', `${path}.Name`);
  const values = raw['Values'];
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
    throw invalidType(`${path}.Values`, 'Array of String');
  }
  return { name, values: values as string[] };
};

/** DescribeComputeEnvActivities types `Filters` as one Filter; every other action as a list. */
export const readFilters = (params: JsonObject, allowedNames: readonly string[]): FilterSpec[] => {
  const raw = params['Filters'];
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const filters = list.map((item, i) => readFilter(item, `Filters.${i}`));
  for (const filter of filters) {
    const known = allowedNames.includes(filter.name) || filter.name.startsWith('tag:');
    if (!known)
      throw new ApiError(
        'InvalidParameterValue',
        `The filter name \`${filter.name}\` is not supported.`,
      );
  }
  return filters;
};

/** `Filters.0.Values.1=x` (GET query or form body) back into nested objects and arrays. */
export const unflatten = (flat: Iterable<[string, string]>): JsonObject => {
  const root: JsonObject = {};
  for (const [key, value] of flat) {
    const parts = key.split('.');
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[i + 1] ?? '');
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
};
