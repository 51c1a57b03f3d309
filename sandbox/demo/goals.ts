import type { World } from '../world.js';
import type { Observed, ScaleChange } from './watch.js';

/** The demo's goals, read from the world itself (the emulator's state and the sink). */

export interface DemoSummary {
  readonly ok: boolean;
  readonly goals: Readonly<Record<string, boolean>>;
  readonly submittedJobs: readonly {
    readonly jobId: string;
    readonly jobName: string;
    readonly state: string;
  }[];
  readonly duplicateDeliveries: number;
  readonly scaleChanges: readonly ScaleChange[];
  readonly alerts: readonly {
    readonly title: string;
    readonly summary: boolean;
    readonly withStderr: boolean;
  }[];
  readonly terminatedNodes: readonly string[];
  readonly errors: readonly string[];
  readonly elapsedMs: number;
}

const STDERR_LINE = 'ERROR: command exited with code 137';

/** The first line of what the channel showed, without markdown marks or tags. */
const titleOf = (body: unknown): string => {
  const content = (body as { markdown?: { content?: unknown } } | undefined)?.markdown?.content;
  const first = (typeof content === 'string' ? content : JSON.stringify(body)).split('\n')[0] ?? '';
  return first
    .replace(/<[^>]+>/g, '')
    .replace(/^#+\s*/, '')
    .trim();
};

const alertsOf = (world: World) =>
  world.sink.received().map((m) => {
    const text = JSON.stringify(m.body);
    return {
      title: titleOf(m.body),
      summary: /more alerts? from rule/.test(text),
      withStderr: text.includes(STDERR_LINE),
    };
  });

export const summarize = (
  world: World,
  input: {
    envId: string;
    abnormal: string | undefined;
    observed: Observed;
    errors: string[];
    started: number;
  },
): DemoSummary => {
  const jobs = world.emulator
    .jobs()
    .map((j) => ({ jobId: j.jobId, jobName: j.jobName, state: j.state }));
  const env = world.emulator.env(input.envId);
  const alerts = alertsOf(world);
  const terminatedNodes =
    input.abnormal !== undefined &&
    !env?.nodes.some((n) => n.nodeId === input.abnormal && n.state !== 'DELETING')
      ? [input.abnormal]
      : [];
  const render = jobs.find((j) => j.jobName === 'render-demo');
  const goals = {
    chainedExactlyOnce: jobs.filter((j) => j.jobName === 'encode-render-demo').length === 1,
    duplicatesInjected: world.emulator.published().some((p) => p.duplicate),
    scaledUpToDemand: input.observed.scaleChanges.some((c) => c.to >= 4),
    scaledBackDown: render?.state === 'SUCCEED' && env?.desired === 0,
    alertWithStderr: alerts.filter((a) => !a.summary && a.withStderr).length === 1,
    burstSummarised: alerts.filter((a) => a.summary).length === 1,
    abnormalNodeReplaced:
      terminatedNodes.length === 1 && world.emulator.callCount('TerminateComputeNode') >= 1,
    noErrors: input.errors.length === 0 && world.emulator.errors().length === 0,
  };
  return {
    ok: Object.values(goals).every(Boolean),
    goals,
    submittedJobs: jobs,
    duplicateDeliveries: world.emulator.published().filter((p) => p.duplicate).length,
    scaleChanges: input.observed.scaleChanges,
    alerts,
    terminatedNodes,
    errors: [...input.errors, ...world.emulator.errors().map(String)],
    elapsedMs: Date.now() - input.started,
  };
};
