import type * as z from 'zod';

/**
 * A fast path in front of the envelope schemas. Envelopes are checked once per delivery, and a
 * zod `safeParse` (which copies the object) cost as much as the rest of ingestion's own work;
 * for the common well-formed envelope a few `typeof` checks say the same. Anything that fails
 * them goes through the schema, which then also writes the error message. The property test in
 * test/unit/ingest/shape.test.ts holds the two to the same verdicts.
 */

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'strings';

/** Field -> the kinds it may have; `null` and absent are allowed unless the field is required. */
export interface Shape {
  readonly fields: Readonly<Record<string, readonly Kind[]>>;
  readonly required: readonly string[];
}

const isKind = (value: unknown, kind: Kind): boolean => {
  switch (kind) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === kind;
  }
};

export const hasShape = (value: unknown, shape: Shape): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  for (const field of shape.required) if (record[field] == null) return false;
  for (const field in shape.fields) {
    const v = record[field];
    if (v == null) continue;
    if (!(shape.fields[field] as readonly Kind[]).some((kind) => isKind(v, kind))) return false;
  }
  return true;
};

export type ParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: z.ZodError };

/** The shape check first; the schema only for what it rejects (and to say why). */
export const parseWithShape = <S extends z.ZodType>(
  schema: S,
  conforms: (value: unknown) => boolean,
  value: unknown,
): ParseResult<z.output<S>> => {
  if (conforms(value)) return { success: true, data: value as z.output<S> };
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, error: parsed.error };
};
