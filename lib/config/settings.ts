import * as z from 'zod';
import { ConfigError } from '../errors.js';
import { PARSE_ONCE } from '../parse-once.js';

/**
 * Process settings, read from the raw environment (UPPER_SNAKE) and turned into camelCase.
 * Unrelated variables are ignored: the environment holds far more than ours.
 */
// An empty variable counts as unset, as it does for the shell.
const optionalUrl = z
  .union([z.literal('').transform(() => undefined), z.url({ protocol: /^https?$/ })])
  .optional();

export const SettingsSchema = z
  .object({
    BATCH_BRIDGE_CONFIG: z.string().min(1).default('bridge.yml'),
    BATCH_BRIDGE_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
    BATCH_BRIDGE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    // stringbool, not coerce.boolean: "false" must be false.
    BATCH_BRIDGE_DRY_RUN: z.stringbool().default(false),
    // Endpoint overrides, e.g. the local world's http://127.0.0.1:PORT.
    BATCH_BRIDGE_BATCH_ENDPOINT: optionalUrl,
    BATCH_BRIDGE_COS_ENDPOINT: optionalUrl,
    BATCH_BRIDGE_CMQ_ENDPOINT: optionalUrl,
  })
  .transform((env) => ({
    configPath: env.BATCH_BRIDGE_CONFIG,
    maxBodyBytes: env.BATCH_BRIDGE_MAX_BODY_BYTES,
    logLevel: env.BATCH_BRIDGE_LOG_LEVEL,
    dryRun: env.BATCH_BRIDGE_DRY_RUN,
    endpoints: {
      batch: env.BATCH_BRIDGE_BATCH_ENDPOINT,
      cos: env.BATCH_BRIDGE_COS_ENDPOINT,
      cmq: env.BATCH_BRIDGE_CMQ_ENDPOINT,
    },
  }));

export type Settings = z.output<typeof SettingsSchema>;

/** Parses the settings once (per cold start); a bad variable fails loudly, naming it. */
export const loadSettings = (env: Readonly<Record<string, string | undefined>>): Settings => {
  const result = SettingsSchema.safeParse(env, PARSE_ONCE);
  if (result.success) return result.data;
  throw new ConfigError('CONFIG_INVALID', z.prettifyError(result.error), { cause: result.error });
};
