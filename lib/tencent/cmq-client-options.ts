import * as z from 'zod';
import { ConfigError } from '../errors.js';
import type { HttpFetch } from '../http/index.js';
import type { Logger } from '../logger.js';
import { PARSE_ONCE } from '../parse-once.js';
import { CmqQueueNameSchema } from './cmq-schemas.js';
import type { CredentialProvider } from './credentials.js';
import type { Sleep } from './rate-limit.js';

/** The path the docs and most SDKs post to (platform.md 8.1). */
export const CMQ_DEFAULT_PATH = '/v2/index.php';

/** Only the two levels the client uses; nothing secret is ever passed to them. */
export type CmqClientLogger = Pick<Logger, 'debug' | 'warn'>;

const fn = <T>(what: string) =>
  z.custom<T>((v) => typeof v === 'function', `${what} must be a function`);

export const CmqQueueClientOptionsSchema = z.strictObject({
  credentials: fn<CredentialProvider>('credentials'),
  /** `https://cmq-gz.public.tencenttdmq.com`; a path other than `/` is posted to as given. */
  endpoint: z.url({ protocol: /^https?$/ }),
  queueName: CmqQueueNameSchema,
  /** Short region code sent as `Region`; informative only, the host decides. */
  region: z
    .string()
    .regex(/^[a-z]{2,8}$/, 'a short region code such as gz')
    .optional(),
  fetch: fn<HttpFetch>('fetch').optional(),
  /** Added to a receive's polling wait; the whole budget of a delete. */
  timeoutMs: z.number().int().positive().default(5_000),
  maxAttempts: z.number().int().min(1).max(10).default(4),
  /** Epoch ms by which every call and retry must be done (the function's remaining time). */
  deadline: fn<() => number>('deadline').optional(),
  clock: fn<() => number>('clock').optional(),
  random: fn<() => number>('random').optional(),
  sleep: fn<Sleep>('sleep').optional(),
  logger: z
    .custom<CmqClientLogger>(
      (v) => typeof v === 'object' && v !== null && 'debug' in v && 'warn' in v,
      'logger needs debug and warn',
    )
    .optional(),
});

export type CmqQueueClientOptions = z.input<typeof CmqQueueClientOptionsSchema>;
export type ResolvedCmqQueueClientOptions = z.output<typeof CmqQueueClientOptionsSchema>;

export const resolveCmqQueueClientOptions = (
  options: CmqQueueClientOptions,
): ResolvedCmqQueueClientOptions => {
  const parsed = CmqQueueClientOptionsSchema.safeParse(options, PARSE_ONCE);
  if (parsed.success) return parsed.data;
  throw new ConfigError('CONFIG_INVALID', `CMQ client options: ${z.prettifyError(parsed.error)}`, {
    cause: parsed.error,
  });
};

/** The endpoint with the path resolved: `/` or none means the documented `/v2/index.php`. */
export const resolveCmqUrl = (endpoint: string): URL => {
  const url = new URL(endpoint);
  if (url.pathname === '/' || url.pathname === '') url.pathname = CMQ_DEFAULT_PATH;
  url.search = '';
  return url;
};
