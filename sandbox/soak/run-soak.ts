import type { Logger } from '../../lib/logger.js';
import type { FaultSettings } from '../batch-emulator/index.js';
import { accountAlerts } from './soak-alerts.js';
import { runChecks } from './soak-checks.js';
import { SOAK_QUEUE } from './soak-config.js';
import { startSoakDrain } from './soak-drain.js';
import { SOAK_ENV_ID } from './soak-jobs.js';
import { createSoakLog } from './soak-logger.js';
import { planSoak, type SoakPlan } from './soak-plan.js';
import { buildReport, type SoakReport } from './soak-report.js';
import { createSoakUser } from './soak-user.js';
import { SOAK_KEYS, type SoakWorld, startSoakWorld } from './soak-world.js';

/**
 * The soak: thousands of Batch events through the queue while the Batch API throttles or fails
 * `faultRate` of all calls, the topic duplicates and reorders deliveries, the drain is killed
 * between receive and delete, and malformed messages sit among the rest. Waits until the world
 * has settled (or `timeoutMs`), then checks it and reports.
 */

export interface SoakOptions {
  /** Batch events to publish, at least; duplicates are on top. */
  readonly events: number;
  /** Share of Batch API calls throttled, failed with InternalError or with a bare HTTP 500. */
  readonly faultRate?: number;
  readonly duplicateRate?: number;
  readonly reorderRate?: number;
  /** Drain passes killed between receive and delete. */
  readonly kills?: number;
  readonly timeoutMs?: number;
  readonly world?: {
    readonly speed?: number;
    readonly seed?: number;
    readonly visibilityTimeoutSeconds?: number;
  };
}

/** Kept as sent: each must be cleanly rejected, logged and deleted (lib/drain's semantics). */
export const MALFORMED_BODIES: readonly string[] = [
  'not json at all',
  '{"Events": "nope"}',
  '{"Events": []}',
  '[1, 2, 3]',
  '{"Events": [{"EventName": 42, "Batch": null}]}',
];

/** Three independent faults whose union is `rate`: throttling, InternalError, HTTP 500. */
export const apiFaults = (rate: number): Partial<FaultSettings> => {
  const each = 1 - (1 - rate) ** (1 / 3);
  return { throttle: { '*': each }, internalErrorRate: each, http500Rate: each };
};

/** Kills spread over the batches a backlog of full (16-message) batches would take. */
export const killBatches = (messages: number, kills: number): number[] => {
  const spacing = Math.max(1, Math.floor(messages / 16 / (kills + 1)));
  return Array.from({ length: kills }, (_, i) => (i + 1) * spacing);
};

const TERMINAL = new Set(['SUCCEED', 'FAILED', 'FAILED_INTERRUPTED']);

const isSettled = (world: SoakWorld, plan: SoakPlan): boolean => {
  const jobs = world.emulator.jobs();
  const env = world.emulator.env(SOAK_ENV_ID);
  return (
    jobs.length >= plan.jobs.length + plan.renders &&
    jobs.every((j) => TERMINAL.has(j.state)) &&
    world.emulator.published().length === world.published.length &&
    world.queue.depth(SOAK_QUEUE) + world.queue.inFlight(SOAK_QUEUE) === 0 &&
    env?.desired === 0 &&
    env.nodes.length === 0 &&
    accountAlerts(world.sink.received(), plan.failures).ok
  );
};

/** True once the world has stayed settled for `quietMs`; false at the deadline. */
const waitSettled = async (world: SoakWorld, plan: SoakPlan, deadline: number) => {
  const quietMs = 1500;
  let since: number | undefined;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (!isSettled(world, plan)) since = undefined;
    else if (since === undefined) since = Date.now();
    else if (Date.now() - since >= quietMs) return true;
  }
  return false;
};

const startWorld = (options: SoakOptions, duplicateRate: number, logger: Logger) =>
  startSoakWorld({
    speed: options.world?.speed ?? 50,
    seed: options.world?.seed ?? 7,
    tickMs: 2000,
    visibilityTimeoutSeconds: options.world?.visibilityTimeoutSeconds ?? 2,
    maxReceiveCount: 5,
    faults: {
      ...apiFaults(options.faultRate ?? 0.3),
      duplicateRate,
      reorderRate: options.reorderRate ?? 0.1,
    },
    logger,
  });

export const runSoak = async (options: SoakOptions): Promise<SoakReport> => {
  const started = Date.now();
  const log = createSoakLog();
  const runId = started.toString(36);
  const plan = planSoak({ events: options.events, bulkInstances: 40, runId });
  const duplicateRate = options.duplicateRate ?? 0.1;
  const world = await startWorld(options, duplicateRate, log.logger);
  const messages = Math.round((plan.userEvents + plan.chainedEvents) * (1 + duplicateRate));
  const drain = startSoakDrain(world.deps, world.env, {
    killAtBatches: killBatches(messages, options.kills ?? 6),
  });
  const malformed = MALFORMED_BODIES.map((body) => world.queue.send(SOAK_QUEUE, body));
  const user = createSoakUser({ endpoint: world.emulator.url, keys: SOAK_KEYS });
  try {
    await user.submitAll(plan.jobs);
    const settled = await waitSettled(world, plan, started + (options.timeoutMs ?? 240_000));
    await drain.stop();
    const loggedRejected = log.rejectedMessages();
    const verdict = runChecks({ world, plan, drain, malformed, loggedRejected });
    const chains = { expected: plan.renders, submitted: countChained(world) };
    const { immediate, summaries } = verdict.alerts;
    const alerts = { sent: world.sink.received().length, immediate, summaries };
    const input = { world, drain, log, malformed: malformed.length, userCalls: user.calls() };
    return buildReport({ ...input, started, settled }, { ...verdict, alerts, chains });
  } finally {
    await drain.stop();
    await world.close();
  }
};

const countChained = (world: SoakWorld): number =>
  world.emulator.jobs().filter((j) => j.jobName.startsWith('encode-')).length;
