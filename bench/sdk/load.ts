import type { Caller } from './clients.js';

/** Closed-loop load: `concurrency` callers in flight until `requests` have completed. */

export interface LoadOptions {
  readonly requests: number;
  readonly concurrency: number;
}

export interface LoadResult {
  readonly requestsPerSec: number;
  /** User plus system CPU of this process per request: the client's own cost. */
  readonly cpuUsPerRequest: number;
}

export const runLoad = async (call: Caller, options: LoadOptions): Promise<LoadResult> => {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < options.requests) {
      started += 1;
      await call();
    }
  };
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requestsPerSec: options.requests / (elapsedMs / 1000),
    cpuUsPerRequest: (cpu.user + cpu.system) / options.requests,
  };
};

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export const round = (n: number, places = 2): number => Math.round(n * 10 ** places) / 10 ** places;
