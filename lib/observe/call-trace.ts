import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which outgoing calls an action made, without threading anything through the clients: the
 * counting fetch records each attempt into the traces open around it (an action's audit record
 * and its log line each open one), found through the async context.
 */

export interface ApiCallRecord {
  readonly service: string;
  readonly action: string;
  /** HTTP status; absent when no response came. */
  readonly status?: number;
  /** Tencent's Error.Code, `HTTP_nnn` or `NETWORK`; absent on success. */
  readonly code?: string;
  readonly requestId?: string;
  readonly durationMs: number;
}

interface Trace {
  readonly calls: ApiCallRecord[];
  readonly parent: Trace | undefined;
}

const traces = new AsyncLocalStorage<Trace>();

export const recordCall = (call: ApiCallRecord): void => {
  for (let t = traces.getStore(); t !== undefined; t = t.parent) t.calls.push(call);
};

export interface Traced<T> {
  readonly value: T;
  readonly calls: readonly ApiCallRecord[];
  readonly durationMs: number;
}

export const roundMs = (ms: number): number => Math.round(ms * 100) / 100;

/** Runs `run` with a fresh trace open; a rejection passes through, calls and all lost. */
export const withCallTrace = async <T>(run: () => T | Promise<T>): Promise<Traced<T>> => {
  const trace: Trace = { calls: [], parent: traces.getStore() };
  const started = performance.now();
  const value = await traces.run(trace, run);
  return { value, calls: trace.calls, durationMs: roundMs(performance.now() - started) };
};

/** The request ids of a trace's calls, in order, without repeats. */
export const requestIdsOf = (
  calls: readonly { readonly requestId?: string | undefined }[],
): string[] => [...new Set(calls.flatMap((c) => (c.requestId === undefined ? [] : [c.requestId])))];
