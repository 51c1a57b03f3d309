import type { BatchEvent, EventSource } from './event.js';
import { eventId } from './event-id.js';
import type { IngestItem } from './message.js';
import { normalizeEventName, normalizeState } from './names.js';
import { at, describeType, hasProtoKey, isRecord, reject } from './reject.js';

/**
 * One entry of `Events[]` to a BatchEvent, checked by hand against the contract of
 * `BatchEventInputSchema` (schemas.ts): same fields, same order, same messages.
 * Why not zod here: this runs once per event, and the schema's safeParse (which also copies
 * every object) measured about a fifth of all ingest time; this reader reads each field once
 * and builds the event directly. event-reader.test.ts checks that both agree on random input.
 */

type Draft = { -readonly [K in keyof BatchEvent]: BatchEvent[K] };
type Loose = Readonly<Record<string, unknown>>;

/** The first thing wrong, relative to the event: `Batch.ExitCode`, `EventVars[1].Name`. */
interface Fault {
  readonly key: string;
  readonly problem: string;
}

const fault = (key: string, what: string, got: unknown): Fault => ({
  key,
  problem: `expected ${what}, got ${describeType(got)}`,
});

type TextKey = 'jobId' | 'jobName' | 'taskName' | 'stateReason' | 'envId' | 'envName';
type NodeKey = 'computeNodeId' | 'computeNodeInstanceId';
type StateKey = 'jobState' | 'taskState' | 'taskInstanceState' | 'computeNodeState';
type BatchField =
  | { readonly from: string; readonly to: TextKey | NodeKey; readonly kind: 'text' }
  | { readonly from: string; readonly to: StateKey; readonly kind: 'state' }
  | { readonly from: string; readonly to: 'taskInstanceIndex' | 'exitCode'; readonly kind: 'int' };

/** In the schema's key order, so the first fault is the one zod would report first. */
const BATCH_FIELDS: readonly BatchField[] = [
  { from: 'JobId', to: 'jobId', kind: 'text' },
  { from: 'JobName', to: 'jobName', kind: 'text' },
  { from: 'JobState', to: 'jobState', kind: 'state' },
  { from: 'TaskName', to: 'taskName', kind: 'text' },
  { from: 'TaskState', to: 'taskState', kind: 'state' },
  { from: 'TaskInstanceIndex', to: 'taskInstanceIndex', kind: 'int' },
  { from: 'TaskInstanceState', to: 'taskInstanceState', kind: 'state' },
  { from: 'ExitCode', to: 'exitCode', kind: 'int' },
  { from: 'StateReason', to: 'stateReason', kind: 'text' },
  { from: 'EnvId', to: 'envId', kind: 'text' },
  { from: 'EnvName', to: 'envName', kind: 'text' },
  { from: 'ComputeNodeId', to: 'computeNodeId', kind: 'text' },
  { from: 'ComputeNodeState', to: 'computeNodeState', kind: 'state' },
  { from: 'ComputeNodeInstanceId', to: 'computeNodeInstanceId', kind: 'text' },
];

const UNSIGNED = /^\d{1,15}$/;
const SIGNED = /^-?\d{1,15}$/;

/** Tencent sends numbers as numeric strings elsewhere (batch-api.md 7.5): accept both. */
const toInteger = (value: unknown, isIndex: boolean): number | undefined => {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && (!isIndex || value >= 0) ? value : undefined;
  }
  if (typeof value === 'string' && (isIndex ? UNSIGNED : SIGNED).test(value)) return Number(value);
  return undefined;
};

const readBatch = (batch: Loose, draft: Draft): Fault | undefined => {
  for (const f of BATCH_FIELDS) {
    const value = batch[f.from];
    if (value === undefined || value === null) continue;
    if (f.kind === 'int') {
      const isIndex = f.to === 'taskInstanceIndex';
      const n = toInteger(value, isIndex);
      if (n === undefined) {
        return fault(`Batch.${f.from}`, isIndex ? 'a non-negative integer' : 'an integer', value);
      }
      draft[f.to] = n;
    } else if (typeof value !== 'string') {
      return fault(`Batch.${f.from}`, 'a string', value);
    } else {
      draft[f.to] = f.kind === 'state' ? normalizeState(value) : value;
    }
  }
  return undefined;
};

const stringify = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/** `[{Name, Value}]` as documented, or a plain map; `__proto__` was refused before. */
const readVars = (input: unknown, draft: Draft): Fault | undefined => {
  const vars: Record<string, string> = {};
  draft.vars = vars;
  if (input === undefined || input === null) return undefined;
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) {
      const entry: unknown = input[i];
      if (!isRecord(entry)) return fault(`EventVars[${i}]`, 'an object', entry);
      const name = entry['Name'];
      if (typeof name !== 'string') return fault(`EventVars[${i}].Name`, 'a string', name);
      vars[name] = stringify(entry['Value']);
    }
    return undefined;
  }
  if (!isRecord(input)) return fault('EventVars', 'an array of {Name, Value} or an object', input);
  for (const name of Object.keys(input)) vars[name] = stringify(input[name]);
  return undefined;
};

const isText = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'string';

/** Everything but the id; returns the first fault instead when there is one. */
const readFields = (entry: Loose, draft: Draft): Fault | undefined => {
  const version = entry['EventVersion'];
  if (!isText(version) && typeof version !== 'number') {
    return fault('EventVersion', 'a string or a number', version);
  }
  const time = entry['EventTime'];
  if (!isText(time)) return fault('EventTime', 'a string', time);
  if (typeof time === 'string') draft.time = time;
  const region = entry['Region'];
  if (!isText(region)) return fault('Region', 'a string', region);
  if (typeof region === 'string') draft.region = region;
  const batch = entry['Batch'];
  if (isRecord(batch)) {
    draft.batch = batch;
    const bad = readBatch(batch, draft);
    if (bad !== undefined) return bad;
  } else if (batch !== undefined && batch !== null) {
    return fault('Batch', 'an object', batch);
  }
  return readVars(entry['EventVars'], draft);
};

const EMPTY_BATCH: Loose = Object.freeze({});

/** Where a `__proto__` key hides in what we keep (see hasProtoKey), if anywhere. */
const protoKeyAt = (entry: Loose): string | undefined => {
  if (hasProtoKey(entry)) return '';
  const batch = entry['Batch'];
  if (isRecord(batch) && hasProtoKey(batch)) return 'Batch';
  const vars = entry['EventVars'];
  if (isRecord(vars) && hasProtoKey(vars)) return 'EventVars';
  if (!Array.isArray(vars)) return undefined;
  const index = vars.findIndex((v) => isRecord(v) && v['Name'] === '__proto__');
  return index === -1 ? undefined : `EventVars[${index}].Name`;
};

const EMPTY_NAME: Fault = { key: 'EventName', problem: 'expected a non-empty name' };

/** Beyond the schema, so checked after it: `--` passes `min(1)` but names nothing. */
const NAMELESS: Fault = { key: 'EventName', problem: 'expected a name with letters or digits' };

/** One entry of `Events[]`: a normalised event, or a rejection naming the field at fault. */
export const readEvent = (entry: unknown, source: EventSource, where: string): IngestItem => {
  if (!isRecord(entry)) {
    return reject('EVENT_INVALID', where, `expected an object, got ${describeType(entry)}`);
  }
  const proto = protoKeyAt(entry);
  if (proto !== undefined) {
    const culprit = proto === '' ? where : at(where, proto);
    return reject('EVENT_INVALID', where, 'key __proto__ is not allowed', culprit);
  }
  const raw = entry['EventName'];
  if (typeof raw !== 'string' || raw === '') {
    const bad = typeof raw === 'string' ? EMPTY_NAME : fault('EventName', 'a string', raw);
    return reject('EVENT_INVALID', where, bad.problem, at(where, bad.key));
  }
  const { name, family } = normalizeEventName(raw);
  const draft: Draft = { id: '', name, family, vars: {}, batch: EMPTY_BATCH, source };
  const bad = readFields(entry, draft) ?? (name === '' ? NAMELESS : undefined);
  if (bad !== undefined) return reject('EVENT_INVALID', where, bad.problem, at(where, bad.key));
  draft.id = eventId(draft);
  return { ok: true, event: draft };
};
