/** What the handler keeps back for logging and replying once calls stop. */
export const DEADLINE_MARGIN_MS = 1500;

interface TimedContext {
  readonly getRemainingTimeInMillis?: () => number;
}

/**
 * The epoch ms by which this invocation's calls must be done. SCF's Node context has
 * getRemainingTimeInMillis; where it is missing, calls are bounded by their own timeouts.
 */
export const invocationDeadline = (context: unknown, now = Date.now()): number => {
  const remaining = (context as TimedContext | undefined)?.getRemainingTimeInMillis?.();
  return typeof remaining === 'number' && Number.isFinite(remaining)
    ? now + Math.max(0, remaining - DEADLINE_MARGIN_MS)
    : Number.POSITIVE_INFINITY;
};
