import { bulkJob, POOL_MAX, poolJob, qcJob, renderJob, type SoakJob } from './soak-jobs.js';

/**
 * What the user submits to reach a number of events: a few pool jobs on the named env (2 of
 * `POOL_MAX + 2` instances, so demand exceeds the scaler's max), render jobs to chain, failing
 * QC jobs to alert on, and bulk jobs that make up the volume. Every count is known in advance.
 */

export interface SoakPlan {
  readonly jobs: readonly SoakJob[];
  /** Events the submitted jobs will publish, duplicates aside. */
  readonly userEvents: number;
  /** Events of the chained jobs (one JOB_SUCCEED each). */
  readonly chainedEvents: number;
  readonly renders: number;
  /** Failed instances per QC job name. */
  readonly failures: ReadonlyMap<string, number>;
}

export interface PlanOptions {
  readonly events: number;
  readonly bulkInstances: number;
  readonly runId: string;
}

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** Round-robin, so chain and alert work is spread through the volume instead of bunched. */
const interleave = (groups: readonly (readonly SoakJob[])[]): SoakJob[] => {
  const out: SoakJob[] = [];
  const longest = Math.max(...groups.map((g) => g.length));
  for (let i = 0; i < longest; i += 1) {
    for (const group of groups) {
      const job = group[i];
      if (job !== undefined) out.push(job);
    }
  }
  return out;
};

export const planSoak = (options: PlanOptions): SoakPlan => {
  const { runId } = options;
  const pools = [poolJob(1, POOL_MAX + 2, runId), poolJob(2, POOL_MAX + 2, runId)];
  const renderCount = clamp(Math.round(options.events / 100), 10, 80);
  const renders = Array.from({ length: renderCount }, (_, i) => renderJob(i + 1, runId));
  const qcCount = clamp(Math.round(options.events / 300), 5, 30);
  const qcs = Array.from({ length: qcCount }, (_, i) => qcJob(i + 1, 1 + (i % 4), runId));
  const fixed = [...pools, ...renders, ...qcs];
  // Chained jobs report JOB_SUCCEED to the bridge's topic; node events are not counted here.
  const fixedEvents = fixed.reduce((n, j) => n + j.events, 0) + renderCount;
  const perBulk = bulkJob(0, options.bulkInstances, runId).events;
  const bulkCount = Math.max(1, Math.ceil((options.events - fixedEvents) / perBulk));
  const bulks = Array.from({ length: bulkCount }, (_, i) =>
    bulkJob(i + 1, options.bulkInstances, runId),
  );
  const jobs = [...pools, ...interleave([bulks, renders, qcs])];
  return {
    jobs,
    userEvents: jobs.reduce((n, j) => n + j.events, 0),
    chainedEvents: renderCount,
    renders: renderCount,
    failures: new Map(qcs.map((j) => [j.name, j.instances])),
  };
};
