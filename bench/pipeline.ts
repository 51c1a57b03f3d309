import { createDryRunExecutor } from '../lib/actions/index.js';
import { processDelivery } from '../lib/core/process-delivery.js';
import { silentLogger } from '../lib/logger.js';
import { compileRules } from '../lib/rules/index.js';
import { bareParse, makeConfig, makeDeliveries } from './pipeline-data.js';

export interface PipelineFigures {
  readonly deliveries: number;
  readonly events: number;
  readonly pipelineEventsPerSec: number;
  readonly bareParseEventsPerSec: number;
  readonly ratioToBareParse: number;
  readonly actionsPlanned: number;
  readonly peakRssMb: number;
}

const time = async (fn: () => Promise<void> | void): Promise<number> => {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
};

/** Throughput of decode, validate, normalise, match and plan, against the bare parse floor. */
export const benchPipeline = async (count = 100_000): Promise<PipelineFigures> => {
  const deliveries = makeDeliveries(count);
  const deps = {
    rules: compileRules(makeConfig()),
    executor: createDryRunExecutor(),
    logger: silentLogger,
  };
  let events = 0;
  let actions = 0;
  for (const d of deliveries.slice(0, 5000)) {
    bareParse(d);
    await processDelivery(d, deps);
  }
  const bareSeconds = await time(() => {
    for (const d of deliveries) events += bareParse(d);
  });
  const pipelineSeconds = await time(async () => {
    for (const d of deliveries) {
      const result = await processDelivery(d, deps);
      for (const e of result.events) actions += e.actions.length;
    }
  });
  return {
    deliveries: count,
    events,
    pipelineEventsPerSec: Math.round(events / pipelineSeconds),
    bareParseEventsPerSec: Math.round(events / bareSeconds),
    ratioToBareParse: Math.round((pipelineSeconds / bareSeconds) * 100) / 100,
    actionsPlanned: actions,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
};
