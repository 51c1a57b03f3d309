import { isBridgeError } from '../errors.js';
import { AUDIT_DAY, type AuditRecord, readAudit, requestIdsOf } from '../observe/index.js';
import { createStateStoreFromEnv, REDIS_URL_VARIABLE, type StateStore } from '../state/index.js';
import { type CliIo, EXIT } from './io.js';

export interface AuditQueryOptions {
  /** `YYYY-MM-DD` (UTC); today when absent. */
  readonly day: string | undefined;
  readonly jobId: string | undefined;
  readonly json: boolean;
}

export interface AuditQueryOverrides {
  /** The store to read instead of the one BATCH_BRIDGE_REDIS_URL names. */
  readonly state?: StateStore;
  readonly now?: () => number;
}

const NO_STORE = `the audit trail is kept in the shared state store: set ${REDIS_URL_VARIABLE} to the Redis the functions use (without Redis, query the "audit" log lines in CLS)`;

const outcomeText = (record: AuditRecord): string => {
  const { outcome } = record;
  if (outcome.error !== undefined) return `${outcome.error.code}: ${outcome.error.message}`;
  if (outcome.reason !== undefined) return outcome.reason;
  return outcome.detail === undefined ? '' : JSON.stringify(outcome.detail);
};

/** One line a person reads: when, what, whose rule, about which event and job, what came back. */
export const formatAuditLine = (record: AuditRecord): string => {
  const ids = requestIdsOf(record.calls);
  const parts = [
    record.time,
    record.action,
    record.outcome.status,
    `rule=${record.rule}`,
    `event=${record.event}`,
    ...(record.jobId === undefined ? [] : [`job=${record.jobId}`]),
    `eventId=${record.eventId}`,
    ...(ids.length === 0 ? [] : [`requestIds=${ids.join(',')}`]),
    outcomeText(record),
  ];
  return parts.filter((p) => p !== '').join('  ');
};

const openStore = (io: CliIo, overrides: AuditQueryOverrides): StateStore | undefined => {
  if (overrides.state !== undefined) return overrides.state;
  const url = io.env[REDIS_URL_VARIABLE];
  return url === undefined || url === '' ? undefined : createStateStoreFromEnv(io.env);
};

/** `batch-bridge audit [--day YYYY-MM-DD] [--job ID] [--json]`: the actions taken, oldest first. */
export const runAuditQuery = async (
  options: AuditQueryOptions,
  io: CliIo,
  overrides: AuditQueryOverrides = {},
): Promise<number> => {
  const day = options.day ?? new Date((overrides.now ?? Date.now)()).toISOString().slice(0, 10);
  if (!AUDIT_DAY.test(day)) {
    io.stderr('--day must be YYYY-MM-DD (UTC)\n');
    return EXIT.usage;
  }
  let state: StateStore | undefined;
  try {
    state = openStore(io, overrides);
    if (state === undefined) {
      io.stderr(`${NO_STORE}\n`);
      return EXIT.failed;
    }
    const query = options.jobId === undefined ? { day } : { day, jobId: options.jobId };
    const records = await readAudit(state, query);
    for (const r of records)
      io.stdout(`${options.json ? JSON.stringify(r) : formatAuditLine(r)}\n`);
    io.stderr(`${records.length} record${records.length === 1 ? '' : 's'} on ${day}\n`);
    return EXIT.ok;
  } catch (e) {
    io.stderr(`${isBridgeError(e) ? `${e.code}: ${e.message}` : 'INTERNAL: reading failed'}\n`);
    return EXIT.failed;
  } finally {
    if (overrides.state === undefined) await state?.close();
  }
};
