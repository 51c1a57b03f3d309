import type { Logger } from '../../../lib/logger.js';

/** Shared by the alert integration tests. */

export interface LogCall {
  readonly level: string;
  readonly message: string;
  readonly fields: unknown;
}

export const recordingLogger = () => {
  const calls: LogCall[] = [];
  const at =
    (level: string) =>
    (message: string, fields?: unknown): void => {
      calls.push({ level, message, fields });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { calls, logger };
};

/**
 * A clock that runs in real time plus whatever the code under test chose to sleep: backoff
 * and rate-limit waits cost no wall time, yet signatures carry a plausible timestamp.
 */
export const virtualTime = () => {
  let skipped = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now() + skipped,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      skipped += ms;
    },
  };
};

/** Options for createChannel that make a test deterministic and fast. */
export const testOptions = (extra: { timeoutMs?: number } = {}) => {
  const time = virtualTime();
  const log = recordingLogger();
  return {
    time,
    log,
    options: {
      now: time.now,
      sleep: time.sleep,
      random: () => 1,
      logger: log.logger,
      timeoutMs: extra.timeoutMs ?? 2000,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 15_000 },
    },
  };
};

/** Every text an operator could see for this error: message, JSON, the cause chain. */
export const everyTextOf = (error: unknown): string => {
  const texts: string[] = [String(error), JSON.stringify(error) ?? ''];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    texts.push(e.message, e.stack ?? '', JSON.stringify(e) ?? '');
  }
  return texts.join('\n');
};

/** Runs `fn` and returns what it threw; fails the test when it did not throw. */
export const thrownBy = async (fn: () => Promise<unknown>): Promise<unknown> => {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};
