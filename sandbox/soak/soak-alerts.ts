import type { ReceivedMessage } from '../webhook-sink/webhook-sink.js';

/**
 * Reads what the webhook sink received back into "which failure was reported how": the first
 * alert of a group names its instance, a summary says how many more it folds and lists them.
 * Every failed instance must be reported exactly once, one way or the other.
 */

export interface AlertAccount {
  readonly ok: boolean;
  readonly immediate: number;
  readonly summaries: number;
  readonly problems: readonly string[];
}

interface WebhookBody {
  readonly title?: unknown;
  readonly text?: unknown;
}

const IMMEDIATE = /^TASK_INSTANCE_FAILED: (\S+) \([^)]*\), task (\S+)$/;
const SUMMARY = /^(\d+) more alerts? from rule /;
const MEMBER = /^- (\S+) \S+\[\d+\]/m;

interface Tally {
  readonly instances: Map<string, Set<string>>;
  readonly folded: Map<string, number>;
  readonly problems: string[];
}

const add = (tally: Tally, title: string, text: string): 'immediate' | 'summary' | undefined => {
  const first = IMMEDIATE.exec(title);
  if (first !== null) {
    const [, job = '', instance = ''] = first;
    const seen = tally.instances.get(job) ?? new Set<string>();
    if (seen.has(instance)) tally.problems.push(`alert sent twice for ${job} ${instance}`);
    tally.instances.set(job, seen.add(instance));
    return 'immediate';
  }
  const summary = SUMMARY.exec(title);
  const job = MEMBER.exec(text)?.[1];
  if (summary !== null && job !== undefined) {
    tally.folded.set(job, (tally.folded.get(job) ?? 0) + Number(summary[1]));
    return 'summary';
  }
  tally.problems.push(`unexpected alert: ${title}`);
  return undefined;
};

export const accountAlerts = (
  received: readonly ReceivedMessage[],
  failures: ReadonlyMap<string, number>,
): AlertAccount => {
  const tally: Tally = { instances: new Map(), folded: new Map(), problems: [] };
  let immediate = 0;
  let summaries = 0;
  for (const message of received) {
    const body = message.body as WebhookBody;
    const kind = add(tally, String(body.title ?? ''), String(body.text ?? ''));
    if (kind === 'immediate') immediate += 1;
    if (kind === 'summary') summaries += 1;
  }
  const jobs = new Set([...failures.keys(), ...tally.instances.keys(), ...tally.folded.keys()]);
  for (const job of jobs) {
    const expected = failures.get(job) ?? 0;
    const reported = (tally.instances.get(job)?.size ?? 0) + (tally.folded.get(job) ?? 0);
    if (reported !== expected) {
      tally.problems.push(`${job}: ${expected} failed instances, ${reported} reported`);
    }
  }
  return { ok: tally.problems.length === 0, immediate, summaries, problems: tally.problems };
};
