/** What /healthz and stats() report: counts since start, never payloads. */
export interface ServerStats {
  /** Deliveries being read or processed now (each holds one of maxConcurrent slots). */
  readonly inFlight: number;
  /** Deliveries processed to a summary, whatever the answer. */
  readonly handled: number;
  /** Answered 200: done, or cleanly rejected and acknowledged. */
  readonly acknowledged: number;
  /** Answered 503 because an action must be retried. */
  readonly retried: number;
  /** Answered 503 because every slot was taken. */
  readonly busy: number;
  /** Answered 504: processing passed requestTimeoutMs (it may still finish). */
  readonly timedOut: number;
  readonly tooLarge: number;
  readonly unauthorized: number;
  /** The client left before its body was read. */
  readonly aborted: number;
  /** Answered 500. */
  readonly failed: number;
  readonly ticks: number;
  readonly tickErrors: number;
}

export type Counters = { -readonly [K in keyof ServerStats]: number };

export const createCounters = (): Counters => ({
  inFlight: 0,
  handled: 0,
  acknowledged: 0,
  retried: 0,
  busy: 0,
  timedOut: 0,
  tooLarge: 0,
  unauthorized: 0,
  aborted: 0,
  failed: 0,
  ticks: 0,
  tickErrors: 0,
});
