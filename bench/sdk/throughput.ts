import { type Caller, loadCaller, type Side } from './clients.js';
import { type LoadOptions, type LoadResult, median, round, runLoad } from './load.js';

/** Requests per second of each client against the same emulator, sides alternating per round. */

export interface ThroughputOptions extends LoadOptions {
  readonly rounds: number;
  readonly warmupRequests: number;
}

export interface ThroughputFigures {
  readonly requestsPerRound: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly warmupRequests: number;
  readonly oursRequestsPerSec: number;
  readonly officialRequestsPerSec: number;
  /** Median of the per-round ratios: load from other processes shifts both sides alike. */
  readonly ratioOursToOfficial: number;
  readonly oursClientCpuUsPerRequest: number;
  readonly officialClientCpuUsPerRequest: number;
  readonly clientCpuRatioOursToOfficial: number;
}

const perRoundRatio = (
  ours: readonly LoadResult[],
  official: readonly LoadResult[],
  key: keyof LoadResult,
): number => round(median(ours.map((o, i) => o[key] / (official[i] as LoadResult)[key])));

export const measureThroughput = async (
  url: string,
  options: ThroughputOptions,
): Promise<ThroughputFigures> => {
  const callers: Record<Side, Caller> = {
    ours: await loadCaller('ours', url, true),
    official: await loadCaller('official', url),
  };
  const load = { requests: options.requests, concurrency: options.concurrency };
  for (const side of ['ours', 'official'] as const) {
    await runLoad(callers[side], { ...load, requests: options.warmupRequests });
  }
  const results: Record<Side, LoadResult[]> = { ours: [], official: [] };
  for (let r = 0; r < options.rounds; r += 1) {
    const order: Side[] = r % 2 === 0 ? ['ours', 'official'] : ['official', 'ours'];
    for (const side of order) results[side].push(await runLoad(callers[side], load));
  }
  const med = (side: Side, key: keyof LoadResult): number =>
    median(results[side].map((x) => x[key]));
  return {
    requestsPerRound: options.requests,
    concurrency: options.concurrency,
    rounds: options.rounds,
    warmupRequests: options.warmupRequests,
    oursRequestsPerSec: Math.round(med('ours', 'requestsPerSec')),
    officialRequestsPerSec: Math.round(med('official', 'requestsPerSec')),
    ratioOursToOfficial: perRoundRatio(results.ours, results.official, 'requestsPerSec'),
    oursClientCpuUsPerRequest: round(med('ours', 'cpuUsPerRequest'), 1),
    officialClientCpuUsPerRequest: round(med('official', 'cpuUsPerRequest'), 1),
    clientCpuRatioOursToOfficial: perRoundRatio(results.ours, results.official, 'cpuUsPerRequest'),
  };
};
