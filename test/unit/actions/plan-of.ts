import type { BridgeConfig } from '../../../lib/config/schema.js';
import type { BatchEvent } from '../../../lib/ingest/event.js';
import { compileRules, evaluateRules } from '../../../lib/rules/index.js';
import { configWith } from '../rules/helpers.js';

/** Compiles one rule with `actions` on every event and evaluates `event` against it. */
export const evaluateOne = (
  actions: unknown[],
  event: BatchEvent,
  extra: Record<string, unknown> = {},
): ReturnType<typeof evaluateRules> & { config: BridgeConfig } => {
  const config = configWith([{ name: 'rule-1', on: '*', do: actions }], extra);
  return { ...evaluateRules(compileRules(config), event), config };
};
