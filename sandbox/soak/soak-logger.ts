import type { LogFields, Logger } from '../../lib/logger.js';

/**
 * The bridge's log, counted instead of printed: a soak writes tens of thousands of lines. It
 * keeps what the report needs (absorbed duplicates, rejected messages) and every error line.
 */

export interface SoakLog {
  readonly logger: Logger;
  /** Lines per `level message`, e.g. `info queue message already processed`. */
  counts(): Readonly<Record<string, number>>;
  count(level: string, message: string): number;
  /** Alert actions skipped because the event was alerted already. */
  alertDedupSkips(): number;
  /** msgIds the drain logged as cleanly rejected. */
  rejectedMessages(): ReadonlySet<string>;
  errors(): readonly string[];
}

const MAX_KEPT_ERRORS = 200;

const plainErrors = (_key: string, value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message } : value;

const isAlertDedupSkip = (fields: LogFields): boolean => {
  const outcome = fields['outcome'] as { status?: unknown; reason?: unknown } | undefined;
  return (
    fields['action'] === 'alert' &&
    outcome?.status === 'skipped' &&
    outcome.reason === 'already alerted for this event'
  );
};

export const createSoakLog = (): SoakLog => {
  const counts: Record<string, number> = {};
  const rejected = new Set<string>();
  const errors: string[] = [];
  let dedupSkips = 0;
  const log =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields: LogFields = {}): void => {
      const key = `${level} ${message}`;
      counts[key] = (counts[key] ?? 0) + 1;
      if (message === 'action' && isAlertDedupSkip(fields)) dedupSkips += 1;
      if (message === 'queue message rejected') rejected.add(String(fields['msgId']));
      if (level === 'error' && errors.length < MAX_KEPT_ERRORS) {
        errors.push(`${message} ${JSON.stringify(fields, plainErrors)}`);
      }
    };
  return {
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    counts: () => ({ ...counts }),
    count: (level, message) => counts[`${level} ${message}`] ?? 0,
    alertDedupSkips: () => dedupSkips,
    rejectedMessages: () => rejected,
    errors: () => [...errors],
  };
};
