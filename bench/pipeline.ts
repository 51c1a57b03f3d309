import { createDryRunExecutor } from '../lib/actions/index.js';
import { processDelivery } from '../lib/core/process-delivery.js';
import { silentLogger } from '../lib/logger.js';
import { compileRules } from '../lib/rules/index.js';
import { bareParse, makeConfig, makeDeliveries } from './pipeline-data.js';

export interface PipelineFigures {
  readonly deliveries: number;
  readonly events: number;
  readonly rounds: number;
  readonly pipelineEventsPerSec: number;
  readonly bareParseEventsPerSec: number;
  readonly ratioToBareParse: number;
  readonly actionsPlannedPerEvent: number;
  readonly peakRssMb: number;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/**
 * Throughput of decode, validate, normalise, match and plan, against the floor of parsing the
 * same JSON (outer envelope and inner message) and nothing else. Bare and pipeline rounds
 * alternate over the same deliveries, and the ratio is the median of the per-round ratios, so
 * load from other processes shifts both sides alike.
 */
export const benchPipeline = async (count = 100_000, rounds = 7): Promise<PipelineFigures> => {
  // A pool of distinct deliveries, cycled: the input itself should not dominate the memory figure.
  const pool = makeDeliveries(10_000);
  const deps = {
    rules: compileRules(makeConfig()),
    executor: createDryRunExecutor(),
    logger: silentLogger,
  };
  const perRound = Math.ceil(count / rounds);
  let events = 0;
  let actions = 0;
  for (const d of pool) {
    events += bareParse(d);
    for (const e of (await processDelivery(d, deps)).events) actions += e.actions.length;
  }
  const eventsPerRound = (events / pool.length) * perRound;
  const bare: number[] = [];
  const pipeline: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    let start = performance.now();
    for (let i = 0; i < perRound; i += 1) bareParse(pool[i % pool.length] as string);
    bare.push(performance.now() - start);
    start = performance.now();
    for (let i = 0; i < perRound; i += 1)
      await processDelivery(pool[i % pool.length] as string, deps);
    pipeline.push(performance.now() - start);
  }
  return {
    deliveries: perRound * rounds,
    events: Math.round(eventsPerRound * rounds),
    rounds,
    pipelineEventsPerSec: Math.round(eventsPerRound / (median(pipeline) / 1000)),
    bareParseEventsPerSec: Math.round(eventsPerRound / (median(bare) / 1000)),
    ratioToBareParse:
      Math.round(median(pipeline.map((p, i) => p / (bare[i] as number))) * 100) / 100,
    actionsPlannedPerEvent: Math.round((actions / events) * 100) / 100,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
};
