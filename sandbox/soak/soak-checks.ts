import type { CallLogEntry } from '../batch-emulator/index.js';
import { accountAlerts } from './soak-alerts.js';
import { SOAK_DEAD_LETTERS, SOAK_QUEUE } from './soak-config.js';
import type { SoakDrain } from './soak-drain.js';
import { POOL_MAX, SOAK_ENV_ID } from './soak-jobs.js';
import type { SoakPlan } from './soak-plan.js';
import type { SoakWorld } from './soak-world.js';

/** The assertions, read from the world itself: the emulator, the queue, the sink. */

export interface SoakChecks {
  readonly chainedExactlyOnce: boolean;
  readonly alertedExactlyOnce: boolean;
  readonly scaledToDemandAndBack: boolean;
  readonly noMessageLost: boolean;
  readonly queueAndDeadLettersEmpty: boolean;
  readonly malformedRejectedAndDeleted: boolean;
}

export interface CheckInput {
  readonly world: SoakWorld;
  readonly plan: SoakPlan;
  readonly drain: SoakDrain;
  readonly malformed: readonly string[];
  /** msgIds the drain logged as cleanly rejected. */
  readonly loggedRejected: ReadonlySet<string>;
}

const okCalls = (calls: readonly CallLogEntry[], action: string) =>
  calls.filter((c) => c.action === action && c.errorCode === undefined);

export const desiredCounts = (calls: readonly CallLogEntry[]): number[] =>
  okCalls(calls, 'ModifyComputeEnv').map((c) => Number(c.params['DesiredComputeNodeCount']));

const checkChains = (input: CheckInput, problems: string[]): boolean => {
  const jobs = input.world.emulator.jobs();
  const renders = jobs.filter((j) => j.jobName.startsWith('render-'));
  const follow = jobs.filter((j) => j.jobName.startsWith('encode-'));
  for (const r of renders) {
    const n = follow.filter((j) => j.jobName === `encode-${r.jobName}`).length;
    if (r.state !== 'SUCCEED') problems.push(`${r.jobName} ended ${r.state}`);
    if (n !== 1) problems.push(`${r.jobName} chained ${n} times`);
  }
  if (renders.length !== input.plan.renders) problems.push(`${renders.length} render jobs`);
  if (follow.length !== input.plan.renders) problems.push(`${follow.length} chained jobs`);
  return problems.length === 0;
};

const checkScaling = (input: CheckInput, problems: string[]): boolean => {
  const counts = desiredCounts(input.world.emulator.calls());
  const env = input.world.emulator.env(SOAK_ENV_ID);
  const peak = Math.max(0, ...counts);
  if (peak !== POOL_MAX) problems.push(`peak desired ${peak}, expected ${POOL_MAX}`);
  if (env?.desired !== 0) problems.push(`final desired ${String(env?.desired)}, expected 0`);
  if ((env?.nodes.length ?? 0) !== 0) problems.push(`${String(env?.nodes.length)} nodes left`);
  return problems.length === 0;
};

const missing = (ids: readonly string[], from: ReadonlySet<string>): string[] =>
  ids.filter((id) => !from.has(id));

const checkMessages = (input: CheckInput, problems: string[]): boolean => {
  const { world, drain, malformed } = input;
  const all = [...world.published, ...malformed];
  const undeleted = missing(all, drain.kill.deleted());
  const unhandled = missing(world.published, drain.handled());
  if (undeleted.length > 0) problems.push(`never deleted: ${undeleted.slice(0, 10).join(', ')}`);
  if (unhandled.length > 0) problems.push(`never handled: ${unhandled.slice(0, 10).join(', ')}`);
  if (world.emulator.published().length !== world.published.length) {
    problems.push('the topic did not enqueue every published message');
  }
  return problems.length === 0;
};

const checkQueue = (input: CheckInput, problems: string[]): boolean => {
  const { queue } = input.world;
  const left = {
    depth: queue.depth(SOAK_QUEUE),
    inFlight: queue.inFlight(SOAK_QUEUE),
    deadLettered: queue.deadLetters(SOAK_QUEUE).length,
    deadLetterDepth: queue.depth(SOAK_DEAD_LETTERS) + queue.inFlight(SOAK_DEAD_LETTERS),
  };
  if (Object.values(left).some((n) => n !== 0)) problems.push(`left: ${JSON.stringify(left)}`);
  return problems.length === 0;
};

const checkMalformed = (input: CheckInput, problems: string[]): boolean => {
  const notRejected = missing(input.malformed, input.drain.rejected());
  const notLogged = missing(input.malformed, input.loggedRejected);
  if (notRejected.length > 0) problems.push(`malformed not rejected: ${notRejected.join(', ')}`);
  if (notLogged.length > 0) problems.push(`malformed not logged: ${notLogged.join(', ')}`);
  return problems.length === 0;
};

export const runChecks = (input: CheckInput) => {
  const problems: Record<string, string[]> = {};
  const run = (name: string, check: (i: CheckInput, p: string[]) => boolean): boolean => {
    const found: string[] = [];
    const ok = check(input, found);
    if (!ok) problems[name] = found;
    return ok;
  };
  const alerts = accountAlerts(input.world.sink.received(), input.plan.failures);
  if (!alerts.ok) problems['alertedExactlyOnce'] = [...alerts.problems];
  const checks: SoakChecks = {
    chainedExactlyOnce: run('chainedExactlyOnce', checkChains),
    alertedExactlyOnce: alerts.ok,
    scaledToDemandAndBack: run('scaledToDemandAndBack', checkScaling),
    noMessageLost: run('noMessageLost', checkMessages),
    queueAndDeadLettersEmpty: run('queueAndDeadLettersEmpty', checkQueue),
    malformedRejectedAndDeleted: run('malformedRejectedAndDeleted', checkMalformed),
  };
  return { checks, problems, alerts };
};
