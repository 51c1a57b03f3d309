import type { AlertPlan } from '../actions/plan.js';
import type { AlertMessage } from '../alerts/index.js';
import type { BatchEvent } from '../ingest/event.js';
import type { TailResult } from '../logs/index.js';

/**
 * The alert a person on call can act on: what failed (the plan's text), the error signature,
 * the tail of the log or why there is none, and a link to the job in the console.
 */

/** Where the console shows a job. The URL scheme is UNVERIFIED (no public source states it). */
export const consoleJobUrl = (region: string, jobId: string): string =>
  `https://console.cloud.tencent.com/batch/job/detail?rid=${encodeURIComponent(region)}&jobId=${encodeURIComponent(jobId)}`;

const severityOf = (event: BatchEvent): 'error' | 'info' =>
  /FAILED|ABNORMAL/.test(event.name) ? 'error' : 'info';

export interface ComposeInput {
  readonly plan: AlertPlan;
  readonly event: BatchEvent;
  readonly tail?: TailResult | { readonly status: 'error'; readonly reason: string } | undefined;
  readonly signature?: string | undefined;
  readonly region: string;
}

const logNote = (input: ComposeInput): string | undefined => {
  const { tail, plan } = input;
  if (tail === undefined || plan.logs === undefined) return undefined;
  if (tail.status === 'ok') {
    const from = tail.source === 'cos' ? 'COS' : 'DescribeTaskLogs (at most 2 KB)';
    return `Last ${tail.lines.length} lines of ${plan.logs.stream}, from ${from}:`;
  }
  return `No ${plan.logs.stream} to show: ${tail.reason}`;
};

export const composeAlert = (input: ComposeInput): AlertMessage => {
  const { plan, event, tail, signature } = input;
  const lines = [plan.text];
  if (signature !== undefined) lines.push(`Error: ${signature}`);
  const note = logNote(input);
  if (note !== undefined) lines.push('', note);
  const message: AlertMessage = {
    title: plan.title,
    text: lines.join('\n'),
    severity: severityOf(event),
  };
  const withTail =
    tail?.status === 'ok' && tail.lines.length > 0
      ? { ...message, codeBlock: tail.lines.join('\n') }
      : message;
  if (event.jobId === undefined) return withTail;
  const link = {
    label: 'Open the job in the console',
    url: consoleJobUrl(event.region ?? input.region, event.jobId),
  };
  return { ...withTail, link };
};

/** One line per folded alert in a group's summary. */
export const memberLine = (event: BatchEvent): string => {
  const parts = [event.jobName ?? event.jobId ?? event.envId ?? event.name];
  if (event.taskName !== undefined) {
    parts.push(
      event.taskInstanceIndex === undefined
        ? event.taskName
        : `${event.taskName}[${event.taskInstanceIndex}]`,
    );
  }
  if (event.exitCode !== undefined) parts.push(`exit ${event.exitCode}`);
  if (event.computeNodeId !== undefined) parts.push(event.computeNodeId);
  return parts.join(' ');
};
