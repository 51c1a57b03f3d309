/**
 * Masks what must not be kept in an audit record. By key: anything named like a secret
 * (`Authentications[].SecretId/SecretKey`, passwords, tokens, `…Key`). By pair: a
 * `{ Name, Value }` entry (Batch `EnvVars`) whose name looks secret has its value masked.
 * ClientToken and dedupKey are hashes of the rule and event, kept because they tie the record
 * to redeliveries.
 */

export const MASK = '[redacted]';

const SECRET_KEY = /secret|password|passwd|token|credential|authorization|signature|key$/i;
const SECRET_NAME = /secret|password|passwd|token|credential|auth|key/i;
const NOT_SECRET = new Set(['ClientToken', 'clientToken', 'dedupKey']);
const MAX_DEPTH = 12;

export const isSecretKey = (key: string): boolean => !NOT_SECRET.has(key) && SECRET_KEY.test(key);

const maskPair = (record: Record<string, unknown>): boolean => {
  const name = record['Name'];
  return typeof name === 'string' && 'Value' in record && SECRET_NAME.test(name);
};

const maskAt = (value: unknown, depth: number): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((v) => maskAt(v, depth + 1));
  const record = value as Record<string, unknown>;
  const pairIsSecret = maskPair(record);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    const secret = isSecretKey(k) || (pairIsSecret && k === 'Value');
    out[k] = secret && v !== undefined && v !== null ? MASK : maskAt(v, depth + 1);
  }
  return out;
};

/** A deep copy of `value` with secrets replaced by MASK; the input is left as it was. */
export const maskSecrets = (value: unknown): unknown => maskAt(value, 0);
