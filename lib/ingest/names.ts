import { EVENT_NAMES, type EventFamily, type EventName } from './event.js';

export interface NormalizedName {
  readonly name: string;
  readonly family: EventFamily;
}

/** Longest prefix first: TASK_INSTANCE_ must win over TASK_. */
const FAMILY_PREFIXES: readonly (readonly [string, EventFamily])[] = [
  ['TASK_INSTANCE_', 'taskInstance'],
  ['TASK_', 'task'],
  ['JOB_', 'job'],
  ['COMPUTE_ENV_', 'env'],
  ['COMPUTE_NODE_', 'node'],
];

const familyOf = (name: EventName): EventFamily =>
  FAMILY_PREFIXES.find(([prefix]) => name.startsWith(prefix))?.[1] ?? 'unknown';

/** State values of batch-api.md 3.1 (jobs, tasks, instances and nodes). */
const KNOWN_STATES = [
  'SUBMITTED',
  'PENDING',
  'RUNNABLE',
  'STARTING',
  'RUNNING',
  'SUCCEED',
  'FAILED',
  'FAILED_INTERRUPTED',
  'CREATING',
  'CREATED',
  'CREATION_FAILED',
  'ABNORMAL',
  'DELETING',
] as const;

/**
 * batch-api.md 7.3: compare with separators stripped and case folded, so `JobFailed`,
 * `job-failed` and `jobfailed` all meet `JOB_FAILED`. SUCCEEDED is the 2017 spelling.
 */
const compactKey = (text: string): string =>
  text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/SUCCEEDED/g, 'SUCCEED');

/** Fallback for names we do not know: CamelCase and separators to UPPER_SNAKE. */
const toUpperSnake = (text: string): string =>
  text
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
    .replace(/(^|_)SUCCEEDED(?=_|$)/g, '$1SUCCEED');

const EVENTS_BY_KEY = new Map<string, NormalizedName>(
  EVENT_NAMES.map((name) => [compactKey(name), { name, family: familyOf(name) }]),
);
const STATES_BY_KEY = new Map<string, string>(KNOWN_STATES.map((s) => [compactKey(s), s]));

/** Canonical names skip all string work: nearly every event arrives spelled this way. */
const CANONICAL_EVENTS = new Map<string, NormalizedName>(
  EVENT_NAMES.map((name) => [name, { name, family: familyOf(name) }]),
);
const CANONICAL_STATES = new Set<string>(KNOWN_STATES);

/** Bounded so that a stream of random names cannot grow memory. */
const CACHE_LIMIT = 512;
const eventCache = new Map<string, NormalizedName>();
const stateCache = new Map<string, string>();

const remember = <T>(cache: Map<string, T>, key: string, value: T): T => {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
};

/** `JobFailed` -> `JOB_FAILED`; unknown names kept as UPPER_SNAKE with family `unknown`. */
export const normalizeEventName = (name: string): NormalizedName => {
  const hit = CANONICAL_EVENTS.get(name) ?? eventCache.get(name);
  if (hit !== undefined) return hit;
  const known = EVENTS_BY_KEY.get(compactKey(name));
  const result: NormalizedName = known ?? { name: toUpperSnake(name), family: 'unknown' };
  return remember(eventCache, name, result);
};

/** `Succeeded` / `SUCCEEDED` -> `SUCCEED`, `CreationFailed` -> `CREATION_FAILED`. */
export const normalizeState = (state: string): string => {
  if (CANONICAL_STATES.has(state)) return state;
  const hit = stateCache.get(state);
  if (hit !== undefined) return hit;
  const result = STATES_BY_KEY.get(compactKey(state)) ?? toUpperSnake(state);
  return remember(stateCache, state, result);
};
