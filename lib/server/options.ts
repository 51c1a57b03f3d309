import * as z from 'zod';
import type { AppDeps } from '../app.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { PARSE_ONCE } from '../parse-once.js';

/** The push gives up after about 15 s; an answer must leave before that or it is a duplicate. */
export const PUSH_TIMEOUT_MS = 15_000;

export interface BridgeServerOptions {
  readonly deps: AppDeps;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: expose it on purpose (0.0.0.0 on an SCF web function). */
  readonly host?: string;
  /** When set, a push must carry it: in the path (/push/SECRET) or in x-bridge-secret. */
  readonly secret?: string;
  /** Default: the settings' maxBodyBytes. */
  readonly maxBodyBytes?: number;
  /** Deliveries read or processed at once; one more is answered 503 and redelivered. */
  readonly maxConcurrent?: number;
  /** From the request's headers to its answer; also bounds receiving the request. */
  readonly requestTimeoutMs?: number;
  /** 0 turns the timer duties off. */
  readonly tickEveryMs?: number;
  /** Default: the deps' logger. */
  readonly logger?: Logger;
  /** The timer duties; default runTick. Injected by tests. */
  readonly tick?: (deps: AppDeps) => Promise<unknown>;
}

// Unreserved URL characters only, so the secret reads the same in a path, a header and a shell.
const SecretSchema = z
  .string()
  .min(16, 'must be at least 16 characters: it is all that guards a public URL')
  .regex(/^[A-Za-z0-9._~-]+$/, 'may hold only letters, digits and . _ ~ -');

const ScalarsSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  secret: SecretSchema.optional(),
  maxBodyBytes: z.number().int().positive().optional(),
  maxConcurrent: z.number().int().positive().default(64),
  requestTimeoutMs: z
    .number()
    .int()
    .positive()
    .max(PUSH_TIMEOUT_MS - 1000, 'must stay well under the push timeout of about 15 s')
    .default(10_000),
  tickEveryMs: z.number().int().min(0).default(60_000),
});

export interface ServerLimits {
  readonly port: number;
  readonly host: string;
  readonly secret: string | undefined;
  readonly maxBodyBytes: number;
  readonly maxConcurrent: number;
  readonly requestTimeoutMs: number;
  readonly tickEveryMs: number;
}

/** Checks the scalar options once; a typo or a bad value fails loudly, naming it. */
export const resolveLimits = (options: BridgeServerOptions): ServerLimits => {
  const { deps, logger: _logger, tick: _tick, ...scalars } = options;
  const parsed = ScalarsSchema.safeParse(scalars, PARSE_ONCE);
  if (!parsed.success) {
    const message = `server options: ${z.prettifyError(parsed.error)}`;
    throw new ConfigError('CONFIG_INVALID', message, { cause: parsed.error });
  }
  const { maxBodyBytes, secret, ...rest } = parsed.data;
  return { ...rest, secret, maxBodyBytes: maxBodyBytes ?? deps.settings.maxBodyBytes };
};
