import { runSoak } from '../sandbox/soak/index.js';

/**
 * The soak at full size: at least 10,000 Batch events through the queue with 30% of Batch API
 * calls throttled or failing, duplicated and reordered deliveries, and the drain killed between
 * receive and delete. The figures of the issue, and whether every check held.
 */

export interface SoakBenchOptions {
  readonly events?: number;
  readonly faultRate?: number;
  readonly kills?: number;
}

export const benchSoak = async (options: SoakBenchOptions = {}) => {
  const report = await runSoak({
    events: options.events ?? 10_000,
    faultRate: options.faultRate ?? 0.3,
    kills: options.kills ?? 10,
    timeoutMs: 280_000,
  });
  return {
    ok: report.settled && Object.values(report.checks).every(Boolean),
    checks: report.checks,
    problems: report.problems,
    wallMs: report.wallMs,
    eventsPublished: report.events.published,
    messages: report.events.messages,
    duplicatesInjected: report.events.duplicatesInjected,
    delayedInjected: report.events.delayedInjected,
    messagesPerSec: report.drain.messagesPerSec,
    drainMs: report.drain.drainMs,
    redeliveries: report.drain.redeliveries,
    kills: report.drain.kills.length,
    duplicatesAbsorbed: report.duplicatesAbsorbed,
    apiCalls: report.api.calls,
    apiCallsByAction: report.api.byAction,
    userCalls: report.api.userCalls,
    measuredFaultRate: report.api.measuredFaultRate,
    modifyComputeEnvCalls: report.scaling.modifyComputeEnvCalls,
    desiredCounts: report.scaling.desiredCounts,
    alerts: report.alerts,
    chains: report.chains,
    errors: report.errors.length,
  };
};
