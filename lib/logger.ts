/**
 * Structured JSON logging, one line per record. Callers pass plain fields; anything that looks
 * like a credential is masked here as a last line of defence, so a mistake upstream cannot put a
 * secret into the function's log.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY =
  /secret|token|signature|authorization|password|credential|webhook|^url$|(access|api)[-_]?key/i;
const MAX_DEPTH = 6;

const redact = (value: unknown, depth: number): unknown => {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && v !== undefined ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
};

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly write?: (line: string) => void;
  readonly base?: LogFields;
}

export const createLogger = (options: LoggerOptions = {}): Logger => {
  const min = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (RANK[level] < min) return;
    const record = { level, time: new Date().toISOString(), message, ...options.base, ...fields };
    write(JSON.stringify(redact(record, 0)));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
};

/** For tests and the CLI's quiet mode. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
