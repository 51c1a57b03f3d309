import type { ScalingApi, ScalingMethod } from './types.js';

/** Counts the calls one reconcile makes, for its result and the logs: the figure to watch
 *  under rate limits of 2-3 requests a second. */

const METHODS: readonly ScalingMethod[] = [
  'describeComputeEnv',
  'describeJobs',
  'describeJobSubmitInfo',
  'describeTask',
  'modifyComputeEnv',
  'terminateComputeNodes',
];

export interface CountedApi {
  readonly api: ScalingApi;
  readonly calls: Readonly<Record<string, number>>;
}

export const countCalls = (batch: ScalingApi): CountedApi => {
  const calls: Record<string, number> = {};
  const wrap = <M extends ScalingMethod>(method: M): ScalingApi[M] => {
    const original = batch[method] as (...args: unknown[]) => Promise<unknown>;
    const counted = (...args: unknown[]) => {
      calls[method] = (calls[method] ?? 0) + 1;
      return original.apply(batch, args);
    };
    // Same signature as the wrapped method: only the counting is added.
    return counted as unknown as ScalingApi[M];
  };
  const api = Object.fromEntries(METHODS.map((m) => [m, wrap(m)])) as unknown as ScalingApi;
  return { api, calls };
};
