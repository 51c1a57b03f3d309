import type { CallLogEntry } from '../batch-emulator/index.js';
import type { KillRecord } from './kill-switch.js';
import type { SoakChecks } from './soak-checks.js';
import { desiredCounts } from './soak-checks.js';
import type { SoakDrain } from './soak-drain.js';
import { SOAK_ENV_ID } from './soak-jobs.js';
import type { SoakLog } from './soak-logger.js';
import type { SoakWorld } from './soak-world.js';

/** The figures a soak run reports, from the emulator, the queue, the sink and the log. */

export interface SoakReport {
  readonly settled: boolean;
  readonly wallMs: number;
  readonly events: {
    /** Batch events published (duplicate deliveries not counted). */
    readonly published: number;
    readonly duplicatesInjected: number;
    readonly delayedInjected: number;
    readonly malformed: number;
    /** Messages put into the queue: every delivery, and the malformed ones. */
    readonly messages: number;
  };
  readonly drain: {
    readonly received: number;
    readonly redeliveries: number;
    readonly handled: number;
    readonly rejected: number;
    readonly keptForRetry: number;
    readonly kills: readonly KillRecord[];
    readonly passes: Readonly<Record<string, number>>;
    readonly drainMs: number;
    readonly messagesPerSec: number;
  };
  readonly duplicatesAbsorbed: {
    readonly processedMarkHits: number;
    readonly clientTokenResubmits: number;
    readonly alertDedupSkips: number;
    readonly total: number;
  };
  readonly api: {
    readonly calls: number;
    readonly byAction: Readonly<Record<string, number>>;
    readonly userCalls: Readonly<Record<string, number>>;
    readonly faulted: number;
    readonly measuredFaultRate: number;
  };
  readonly scaling: {
    readonly modifyComputeEnvCalls: number;
    readonly desiredCounts: readonly number[];
    readonly finalDesired: number | undefined;
  };
  readonly alerts: {
    readonly sent: number;
    readonly immediate: number;
    readonly summaries: number;
  };
  readonly chains: { readonly expected: number; readonly submitted: number };
  readonly checks: SoakChecks;
  readonly problems: Readonly<Record<string, readonly string[]>>;
  /** Error lines of the bridge other than the deliberate kills. */
  readonly errors: readonly string[];
}

const byAction = (calls: readonly CallLogEntry[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of calls) out[c.action] = (out[c.action] ?? 0) + 1;
  return out;
};

/** SubmitJob calls that succeeded with a ClientToken already answered: a chain absorbed. */
export const clientTokenResubmits = (calls: readonly CallLogEntry[]): number => {
  const seen = new Set<string>();
  let repeats = 0;
  for (const c of calls) {
    const token = c.params['ClientToken'];
    if (c.action !== 'SubmitJob' || c.errorCode !== undefined || typeof token !== 'string')
      continue;
    if (!token.startsWith('bb-')) continue;
    if (seen.has(token)) repeats += 1;
    seen.add(token);
  }
  return repeats;
};

export interface ReportInput {
  readonly world: SoakWorld;
  readonly drain: SoakDrain;
  readonly log: SoakLog;
  readonly malformed: number;
  readonly userCalls: Readonly<Record<string, number>>;
  readonly started: number;
  readonly settled: boolean;
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

const drainFigures = (input: ReportInput): SoakReport['drain'] => {
  const { drain } = input;
  const span = drain.span();
  const drainMs = Math.max(1, span.to - span.from);
  const finished = drain.kill.deleted().size;
  const received = drain.kill.received();
  return {
    received,
    redeliveries: received - finished,
    handled: drain.handled().size,
    rejected: drain.rejected().size,
    keptForRetry: drain.kept(),
    kills: drain.kill.kills(),
    passes: drain.passes(),
    drainMs,
    messagesPerSec: round(finished / (drainMs / 1000)),
  };
};

const absorbedFigures = (calls: readonly CallLogEntry[], log: SoakLog) => {
  const absorbed = {
    processedMarkHits: log.count('info', 'queue message already processed'),
    clientTokenResubmits: clientTokenResubmits(calls),
    alertDedupSkips: log.alertDedupSkips(),
  };
  return { ...absorbed, total: Object.values(absorbed).reduce((a, b) => a + b) };
};

export const buildReport = (
  input: ReportInput,
  verdict: Pick<SoakReport, 'checks' | 'problems' | 'alerts' | 'chains'>,
): SoakReport => {
  const { world, log } = input;
  const calls = world.emulator.calls();
  const published = world.emulator.published();
  const faulted = calls.filter((c) => c.errorCode !== undefined).length;
  return {
    settled: input.settled,
    wallMs: Date.now() - input.started,
    events: {
      published: published.filter((p) => !p.duplicate).length,
      duplicatesInjected: published.filter((p) => p.duplicate).length,
      delayedInjected: published.filter((p) => p.delayed && !p.duplicate).length,
      malformed: input.malformed,
      messages: world.published.length + input.malformed,
    },
    drain: drainFigures(input),
    duplicatesAbsorbed: absorbedFigures(calls, log),
    api: {
      calls: calls.length,
      byAction: byAction(calls),
      userCalls: input.userCalls,
      faulted,
      measuredFaultRate: round(faulted / Math.max(1, calls.length), 3),
    },
    scaling: {
      modifyComputeEnvCalls: world.emulator.callCount('ModifyComputeEnv'),
      desiredCounts: desiredCounts(calls),
      finalDesired: world.emulator.env(SOAK_ENV_ID)?.desired,
    },
    ...verdict,
    errors: log.errors().filter((e) => !e.includes('soak: drain killed')),
  };
};
