/**
 * Shares one lookup between the rules and events of a delivery: two alert rules on the same
 * failed instance read its log once. Entries live a few seconds, far shorter than any change
 * that matters (a log reaches COS once, when the instance ends); failures are not kept.
 */
export const memoizeFor = <A, R>(
  ttlMs: number,
  keyOf: (arg: A) => string,
  fn: (arg: A) => Promise<R>,
  now: () => number = Date.now,
): ((arg: A) => Promise<R>) => {
  const entries = new Map<string, { readonly at: number; readonly value: Promise<R> }>();
  return (arg) => {
    const key = keyOf(arg);
    const time = now();
    const hit = entries.get(key);
    if (hit !== undefined && time - hit.at < ttlMs) return hit.value;
    // Expired entries go as new ones arrive, so the map stays as small as a burst.
    for (const [k, e] of entries) if (time - e.at >= ttlMs) entries.delete(k);
    const value = fn(arg);
    entries.set(key, { at: time, value });
    value.catch(() => entries.delete(key));
    return value;
  };
};
