import * as z from 'zod';
import { ConfigError } from '../errors.js';
import { defaultHttpFetch, type HttpFetch } from '../http/index.js';
import type { Logger } from '../logger.js';
import { PARSE_ONCE } from '../parse-once.js';
import type { CredentialProvider } from './credentials.js';
import type { Sleep } from './rate-limit.js';

export const DEFAULT_BATCH_ENDPOINT = 'https://batch.tencentcloudapi.com';

/** Only the two levels the client uses; nothing secret is ever passed to them. */
export type BatchClientLogger = Pick<Logger, 'debug' | 'warn'>;

const isFunction = (value: unknown): boolean => typeof value === 'function';
const fn = <T>(what: string) => z.custom<T>(isFunction, `${what} must be a function`);

export const BatchClientOptionsSchema = z.strictObject({
  credentials: fn<CredentialProvider>('credentials'),
  region: z.string().min(1),
  endpoint: z.url({ protocol: /^https?$/ }).default(DEFAULT_BATCH_ENDPOINT),
  /** Defaults to a keep-alive node:http transport; global `fetch` or any stand-in also fits. */
  fetch: fn<HttpFetch>('fetch').optional(),
  timeoutMs: z.number().int().positive().default(10_000),
  maxAttempts: z.number().int().min(1).max(10).default(5),
  /** Epoch ms by which everything must be done (the function's remaining time). */
  deadline: fn<() => number>('deadline').optional(),
  /** Requests per second per Tencent action name, over DEFAULT_RATE_LIMITS. */
  rateLimits: z.record(z.string().regex(/^[A-Z][A-Za-z]+$/), z.number().positive()).optional(),
  clock: fn<() => number>('clock').optional(),
  sleep: fn<Sleep>('sleep').optional(),
  random: fn<() => number>('random').optional(),
  logger: z
    .custom<BatchClientLogger>(
      (v) => typeof v === 'object' && v !== null && 'debug' in v && 'warn' in v,
      'logger needs debug and warn',
    )
    .optional(),
});

export type BatchClientOptions = z.input<typeof BatchClientOptionsSchema>;

export type ResolvedBatchClientOptions = z.output<typeof BatchClientOptionsSchema> & {
  readonly fetch: HttpFetch;
};

export const resolveBatchClientOptions = (
  options: BatchClientOptions,
): ResolvedBatchClientOptions => {
  const parsed = BatchClientOptionsSchema.safeParse(options, PARSE_ONCE);
  // One transport per client, so its sockets stay warm between the calls of a warm instance.
  if (parsed.success) return { ...parsed.data, fetch: parsed.data.fetch ?? defaultHttpFetch() };
  throw new ConfigError(
    'CONFIG_INVALID',
    `Batch client options: ${z.prettifyError(parsed.error)}`,
    { cause: parsed.error },
  );
};
