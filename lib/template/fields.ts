import { type BatchEvent, EVENT_FIELDS } from '../ingest/event.js';

/** Reads one field of an event; `undefined` when the event does not carry it. */
export type FieldGetter = (event: BatchEvent) => unknown;

export type CompiledField = { readonly get: FieldGetter } | { readonly error: string };

const TOP_LEVEL: ReadonlySet<string> = new Set(EVENT_FIELDS);
const SOURCE_FIELDS: ReadonlySet<string> = new Set([
  'kind',
  'topic',
  'subscription',
  'messageId',
  'publishTime',
  'attempt',
  'tags',
]);
// Segments that lead into the prototype chain resolve to nothing, whatever the data holds.
const FORBIDDEN: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const absent: FieldGetter = () => undefined;

/** Own data only: events come from outside, so inherited members must never be reachable. */
export const ownValue = (container: unknown, key: string): unknown => {
  if (container === null || typeof container !== 'object') return undefined;
  return Object.hasOwn(container, key) ? (container as Record<string, unknown>)[key] : undefined;
};

const topLevel = (field: string): FieldGetter => {
  return (event) => ownValue(event, field);
};

const varsField = (name: string): FieldGetter => {
  if (FORBIDDEN.has(name)) return absent;
  return (event) => ownValue(event.vars, name);
};

const batchField = (segments: readonly string[]): FieldGetter => {
  if (segments.some((s) => FORBIDDEN.has(s))) return absent;
  const [first] = segments;
  if (segments.length === 1 && first !== undefined) return (event) => ownValue(event.batch, first);
  return (event) => {
    let value: unknown = event.batch;
    for (const segment of segments) {
      value = ownValue(value, segment);
      if (value === undefined) return undefined;
    }
    return value;
  };
};

const nested = (path: string, head: string): CompiledField => {
  const rest = path.slice(head.length + 1);
  if (head === 'vars') return { get: varsField(rest) };
  if (head === 'source') {
    return SOURCE_FIELDS.has(rest)
      ? { get: (event) => ownValue(event.source, rest) }
      : { error: `unknown field '${path}' (source has ${[...SOURCE_FIELDS].join(', ')})` };
  }
  const segments = rest.split('.');
  if (segments.includes('')) return { error: `empty segment in field '${path}'` };
  return { get: batchField(segments) };
};

/**
 * Compiles a field path of DESIGN 3.1: a top-level event field, `vars.NAME` (the rest is the
 * name, dots included), `batch.Path.To.Field` (into the raw Batch object, array indexes
 * allowed) or `source.messageId`.
 */
export const compileField = (path: string): CompiledField => {
  if (TOP_LEVEL.has(path)) return { get: topLevel(path) };
  const dot = path.indexOf('.');
  const head = dot === -1 ? path : path.slice(0, dot);
  if (head === 'vars' || head === 'batch' || head === 'source') {
    if (dot === -1 || dot === path.length - 1) {
      return { error: `field '${path}' needs a name, as in ${head}.NAME` };
    }
    return nested(path, head);
  }
  return { error: `unknown field '${path}'` };
};
