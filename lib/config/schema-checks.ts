/** Cross-field checks of bridge.yml that a shape alone cannot express. */

import { EVENT_FIELDS } from '../ingest/event.js';

export const isValidRegex = (source: string): boolean => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

/** The fields of DESIGN 3.1 a condition may name, besides `vars.NAME`, `batch.Field` and `source.Field`. */
export const isConditionField = (key: string): boolean =>
  key === 'anyOf' ||
  (EVENT_FIELDS as readonly string[]).includes(key) ||
  /^(vars|batch|source)\.[^.\s]\S*$/.test(key);

export interface RuleCheckIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

// The checks also run when other parts of the config are broken, so they read it defensively.
const asArray = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const alertChannel = (action: unknown): string | undefined => {
  const channel = asRecord(asRecord(action)['alert'])['channel'];
  return typeof channel === 'string' ? channel : undefined;
};

/** Rule names are unique (they are part of idempotency keys); alerts name defined channels. */
export const checkRules = (config: unknown): RuleCheckIssue[] => {
  const c = asRecord(config);
  const issues: RuleCheckIssue[] = [];
  const firstIndex = new Map<string, number>();
  const channels = Object.keys(asRecord(c['channels']));
  const defined =
    channels.length === 0 ? 'no channels are defined' : `defined: ${channels.join(', ')}`;
  asArray(c['rules']).forEach((item, i) => {
    const rule = asRecord(item);
    const name = rule['name'];
    const first = typeof name === 'string' ? firstIndex.get(name) : undefined;
    if (typeof name === 'string' && first === undefined) firstIndex.set(name, i);
    else if (first !== undefined) {
      const message = `duplicate rule name '${String(name)}' (also rules[${first}].name)`;
      issues.push({ path: ['rules', i, 'name'], message });
    }
    asArray(rule['do']).forEach((action, j) => {
      const channel = alertChannel(action);
      if (channel === undefined || channels.includes(channel)) return;
      const message = `unknown channel '${channel}' (${defined})`;
      issues.push({ path: ['rules', i, 'do', j, 'alert', 'channel'], message });
    });
  });
  return issues;
};
