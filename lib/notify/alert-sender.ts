import type { AlertSender } from '../actions/live-executor.js';
import type { ActionOutcome, AlertPlan } from '../actions/plan.js';
import type { Channel } from '../alerts/index.js';
import { isBridgeError, summarizeError } from '../errors.js';
import type { BatchEvent } from '../ingest/event.js';
import type { Logger } from '../logger.js';
import type { InstanceTailInput, TailResult } from '../logs/index.js';
import type { StateStore } from '../state/index.js';
import { composeAlert, memberLine } from './compose.js';
import { errorSignature } from './error-signature.js';

/**
 * Sends one planned alert: once per event however often it is delivered, grouped with its
 * like within the rule's window (the first at once, the rest in one summary later), with the
 * tail of the failed instance's log.
 */

export interface AlertSenderDeps {
  readonly channels: ReadonlyMap<string, Channel>;
  readonly state: Pick<StateStore, 'setIfAbsent' | 'delete' | 'set' | 'addToGroup'>;
  /** Reads the tail of a task instance's log; absent when no log store is configured. */
  readonly tailLog?: (input: InstanceTailInput) => Promise<TailResult>;
  readonly region: string;
  readonly logger: Logger;
  /** Epoch ms by which sending must be done (the function's remaining time). */
  readonly deadline?: () => number;
}

/** How long "this event was alerted" is remembered: longer than any redelivery. */
export const ALERT_DEDUP_TTL_MS = 48 * 3_600_000;

/** The key of a group in the state store: rule, channel, groupBy values, signature. */
export const groupKeyOf = (rule: string, plan: AlertPlan, signature: string | undefined): string =>
  JSON.stringify([
    rule,
    plan.channel,
    plan.group.key,
    plan.group.bySignature ? (signature ?? '') : null,
  ]);

export const sentMarkOf = (groupKey: string): string => `alert-sent:${groupKey}`;

const readTail = async (plan: AlertPlan, event: BatchEvent, deps: AlertSenderDeps) => {
  const { jobId, taskName, taskInstanceIndex: index } = event;
  if (plan.logs === undefined || deps.tailLog === undefined) return undefined;
  if (jobId === undefined || taskName === undefined || index === undefined) return undefined;
  try {
    return await deps.tailLog({
      jobId,
      taskName,
      index,
      stream: plan.logs.stream,
      lines: plan.logs.lines,
    });
  } catch (e) {
    // A log we cannot read must not cost the alert itself.
    deps.logger.warn('log tail failed', { jobId, taskName, index, error: summarizeError(e) });
    return {
      status: 'error' as const,
      reason: isBridgeError(e) ? e.message : 'the log could not be read',
    };
  }
};

const failed = (e: unknown): ActionOutcome => ({
  status: 'failed',
  error: summarizeError(e),
  retryable: isBridgeError(e) ? e.retryable : false,
});

export const createAlertSender =
  (deps: AlertSenderDeps): AlertSender =>
  async (rule, plan, event) => {
    const channel = deps.channels.get(plan.channel);
    if (channel === undefined) return { status: 'skipped', reason: `no channel '${plan.channel}'` };
    const dedupKey = `alert:${plan.dedupKey}`;
    if (!(await deps.state.setIfAbsent(dedupKey, ALERT_DEDUP_TTL_MS))) {
      return { status: 'skipped', reason: 'already alerted for this event' };
    }
    const tail = await readTail(plan, event, deps);
    const lines = tail?.status === 'ok' ? tail.lines : undefined;
    const signature = errorSignature({
      lines,
      stateReason: event.stateReason,
      exitCode: event.exitCode,
    });
    const groupKey = groupKeyOf(rule, plan, signature);
    const group = await deps.state.addToGroup(groupKey, memberLine(event), plan.group.windowMs);
    if (!group.first) return { status: 'done', detail: { grouped: true, groupCount: group.count } };
    const message = composeAlert({ plan, event, tail, signature, region: deps.region });
    try {
      const result = await channel.send(
        message,
        deps.deadline ? { deadline: deps.deadline() } : {},
      );
      if (result.status === 'deferred') {
        // Held back, not dropped: the group's summary will carry this one.
        return { status: 'done', detail: { deferred: true, retryAfterMs: result.retryAfterMs } };
      }
      await deps.state.set(sentMarkOf(groupKey), '1', plan.group.windowMs + ALERT_DEDUP_TTL_MS);
      return { status: 'done', detail: { sent: true, truncated: result.truncated } };
    } catch (e) {
      // Forget the event so a redelivery tries again; the open group keeps its place.
      await deps.state.delete(dedupKey);
      return failed(e);
    }
  };
