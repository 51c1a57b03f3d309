import { type BridgeConfig, BridgeConfigSchema } from '../../../lib/config/schema.js';
import { ConfigError } from '../../../lib/errors.js';
import type { BatchEvent } from '../../../lib/ingest/event.js';
import { compileRules, evaluateRules } from '../../../lib/rules/index.js';

/** A parsed config with one webhook channel, `oncall`, plus whatever the test adds. */
export const configWith = (rules: unknown[], extra: Record<string, unknown> = {}): BridgeConfig =>
  BridgeConfigSchema.parse({
    version: 1,
    channels: { oncall: { type: 'wecom', url: 'https://example.com/hook' } },
    rules,
    ...extra,
  });

/** One alert rule on every event, guarded by `conditions`. */
export const alertIf = (conditions: unknown): BridgeConfig =>
  configWith([{ name: 'r', on: '*', if: conditions, do: [{ alert: { channel: 'oncall' } }] }]);

export const holdsFor = (conditions: unknown, event: BatchEvent): boolean =>
  evaluateRules(compileRules(alertIf(conditions)), event).actions.length === 1;

/** The ConfigError `fn` throws; fails the test when it throws nothing or something else. */
export const configErrorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
};

/**
 * `config` with rule `index` given `patch`, past the schema: compileRules must hold its own
 * line even when the schema (owned elsewhere) lets something through, or rejects it first.
 */
export const patchRule = (
  config: BridgeConfig,
  index: number,
  patch: Record<string, unknown>,
): BridgeConfig => ({
  ...config,
  rules: config.rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)),
});
