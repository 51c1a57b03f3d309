/**
 * The slice of the cross-delivery state store the live actions need. Defined here, not taken
 * from `lib/state`, so the actions depend on four operations rather than on a whole store;
 * the store's own implementations satisfy it as they stand.
 */
export interface ActionState {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** True when this call set the key, false when it was already set. */
  setIfAbsent(key: string, ttlMs: number): Promise<boolean>;
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>;
  /** Counts one occurrence in the sliding window; one that would exceed `limit` is refused. */
  hit(
    key: string,
    windowMs: number,
    limit: number,
  ): Promise<{ readonly count: number; readonly allowed: boolean }>;
}
