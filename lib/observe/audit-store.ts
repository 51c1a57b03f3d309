import { BridgeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { MAX_HITS_PER_KEY, type StateStore } from '../state/state-store.js';
import { type AuditRecord, AuditRecordSchema, auditDay, jobsOf } from './audit-record.js';
import type { AuditSink } from './auditing-executor.js';

/**
 * The audit trail in the state store, with only the operations every store has. The store has
 * no lists, so a counter hands out sequence numbers: `hit` is atomic and answers with the count
 * including this hit, so concurrent instances each get their own number.
 *
 *   counter audit:day:<day>          one hit per record of the UTC day
 *   value   audit:rec:<day>:<n>      the record, JSON
 *   counter audit:job:<day>:<jobId>      one hit per record of the day about the job
 *   value   audit:job:<day>:<jobId>:<m>  `n`, the record's number in the day
 *
 * Reading is `count` then `get` 1..n; a number whose record is missing (expired, or its writer
 * died between the two steps) is skipped. Every counter's hits fall within one day, so none
 * expires before the others and a number is never handed out twice. Everything expires after
 * `ttlMs`.
 */

export const DEFAULT_AUDIT_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const DEFAULT_AUDIT_MAX_RECORDS = 5000;
export const DEFAULT_AUDIT_MAX_PER_JOB = 1000;

export interface StateAuditOptions {
  readonly ttlMs?: number;
  /** Records kept per UTC day; later ones are dropped (and counted as audit failures). */
  readonly maxRecords?: number;
  /** Index entries kept per job; the records themselves are still kept by day. */
  readonly maxPerJob?: number;
}

const dayCounter = (day: string) => `audit:day:${day}`;
const recordKey = (day: string, n: number | string) => `audit:rec:${day}:${n}`;
const jobCounter = (day: string, jobId: string) => `audit:job:${day}:${jobId}`;
const jobEntry = (day: string, jobId: string, n: number) => `audit:job:${day}:${jobId}:${n}`;

const cap = (name: string, value: number): number => {
  if (Number.isSafeInteger(value) && value >= 1 && value <= MAX_HITS_PER_KEY) return value;
  throw new BridgeError('INTERNAL', `${name} must be an integer from 1 to ${MAX_HITS_PER_KEY}`);
};

export const createStateAuditSink = (
  state: StateStore,
  options: StateAuditOptions = {},
): AuditSink => {
  const ttlMs = options.ttlMs ?? DEFAULT_AUDIT_TTL_MS;
  const maxRecords = cap('maxRecords', options.maxRecords ?? DEFAULT_AUDIT_MAX_RECORDS);
  const maxPerJob = cap('maxPerJob', options.maxPerJob ?? DEFAULT_AUDIT_MAX_PER_JOB);
  const indexJob = async (day: string, jobId: string, n: number): Promise<void> => {
    const { count, allowed } = await state.hit(jobCounter(day, jobId), ttlMs, maxPerJob);
    if (allowed) await state.set(jobEntry(day, jobId, count), String(n), ttlMs);
  };
  return {
    name: 'state',
    write: async (record) => {
      const day = auditDay(record);
      const { count, allowed } = await state.hit(dayCounter(day), ttlMs, maxRecords);
      if (!allowed) {
        throw new BridgeError('INTERNAL', `audit trail of ${day} is full (${maxRecords} records)`);
      }
      await Promise.all([
        state.set(recordKey(day, count), JSON.stringify(record), ttlMs),
        ...jobsOf(record).map((jobId) => indexJob(day, jobId, count)),
      ]);
    },
  };
};

/** One `audit` log line per record: CLS keeps and indexes it whatever the state store. */
export const createLogAuditSink = (logger: Pick<Logger, 'info'>): AuditSink => ({
  name: 'log',
  write: async (record) => logger.info('audit', record),
});

export interface AuditQuery {
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  /** Only the day's records about this job (the event's job, or the job an action submitted). */
  readonly jobId?: string;
}

export interface ReadAuditOptions {
  /** The sink's ttlMs: how far back counters are read. */
  readonly ttlMs?: number;
  /** Gets issued at a time. */
  readonly concurrency?: number;
}

const parseRecord = (text: string | undefined): AuditRecord | undefined => {
  if (text === undefined) return undefined;
  try {
    const parsed = AuditRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

interface Resolved {
  readonly window: number;
  readonly concurrency: number;
}

/** Gets in slices of `concurrency`, in order. */
const getAll = async (
  keys: readonly string[],
  state: Pick<StateStore, 'get'>,
  { concurrency }: Resolved,
): Promise<(string | undefined)[]> => {
  const out: (string | undefined)[] = [];
  for (let i = 0; i < keys.length; i += concurrency) {
    const slice = keys.slice(i, i + concurrency);
    out.push(...(await Promise.all(slice.map((key) => state.get(key)))));
  }
  return out;
};

const numbered = (n: number, key: (i: number) => string): string[] =>
  Array.from({ length: n }, (_, i) => key(i + 1));

/** The record numbers of the query's day, of the job when one is named. */
const numbersOf = async (state: StateStore, query: AuditQuery, options: Resolved) => {
  const { day, jobId } = query;
  if (jobId === undefined) {
    const n = await state.count(dayCounter(day), options.window);
    return numbered(n, String);
  }
  const m = await state.count(jobCounter(day, jobId), options.window);
  const found = await getAll(
    numbered(m, (i) => jobEntry(day, jobId, i)),
    state,
    options,
  );
  return [...new Set(found.filter((n): n is string => n !== undefined))];
};

export const AUDIT_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day's records (of one job, when named), oldest first. */
export const readAudit = async (
  state: StateStore,
  query: AuditQuery,
  options: ReadAuditOptions = {},
): Promise<AuditRecord[]> => {
  if (!AUDIT_DAY.test(query.day)) {
    throw new BridgeError('INTERNAL', `audit day must be YYYY-MM-DD, got "${query.day}"`);
  }
  const resolved = {
    window: options.ttlMs ?? DEFAULT_AUDIT_TTL_MS,
    concurrency: options.concurrency ?? 32,
  };
  const numbers = await numbersOf(state, query, resolved);
  const keys = numbers.map((n) => recordKey(query.day, n));
  const texts = await getAll(keys, state, resolved);
  const records = texts.map(parseRecord).filter((r): r is AuditRecord => r !== undefined);
  return records.sort((a, b) => a.time.localeCompare(b.time));
};

export interface DefaultAuditSinkOptions {
  readonly state: StateStore;
  readonly logger: Pick<Logger, 'info'>;
  /**
   * True when the store is shared (Redis): the trail goes there too. A process's memory store
   * is read by nobody else, and audit keys would crowd out its dedup marks, so it is skipped.
   */
  readonly sharedState: boolean;
  readonly stateOptions?: StateAuditOptions;
}

/** Always the log; the state store too when it is shared. */
export const createDefaultAuditSinks = (options: DefaultAuditSinkOptions): AuditSink[] => {
  const log = createLogAuditSink(options.logger);
  if (!options.sharedState) return [log];
  return [log, createStateAuditSink(options.state, options.stateOptions)];
};
