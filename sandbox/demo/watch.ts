import type { World } from '../world.js';

/** What the demo saw happen in the world, polled from the emulator and the sink. */

export interface ScaleChange {
  readonly env: string;
  readonly from: number;
  readonly to: number;
  readonly time: string;
}

export interface Observed {
  readonly scaleChanges: ScaleChange[];
  readonly jobsSeen: Set<string>;
  readonly alertsSeen: number;
}

export interface WatchEvents {
  readonly onScale: (change: ScaleChange) => void;
  readonly onJob: (jobId: string, jobName: string, state: string) => void;
  readonly onAlert: (text: string) => void;
}

const alertText = (body: unknown): string => {
  const content = (body as { markdown?: { content?: unknown } })?.markdown?.content;
  return typeof content === 'string' ? content : JSON.stringify(body);
};

export const watchWorld = (world: World, envId: string, on: WatchEvents) => {
  const observed: Observed = { scaleChanges: [], jobsSeen: new Set(), alertsSeen: 0 };
  const states = new Map<string, string>();
  let desired = world.emulator.env(envId)?.desired ?? 0;
  const poll = () => {
    const now = world.emulator.env(envId)?.desired ?? desired;
    if (now !== desired) {
      const change = { env: envId, from: desired, to: now, time: new Date().toISOString() };
      observed.scaleChanges.push(change);
      on.onScale(change);
      desired = now;
    }
    for (const job of world.emulator.jobs()) {
      observed.jobsSeen.add(job.jobId);
      if (states.get(job.jobId) !== job.state) on.onJob(job.jobId, job.jobName, job.state);
      states.set(job.jobId, job.state);
    }
    const received = world.sink.received();
    for (const message of received.slice(observed.alertsSeen)) on.onAlert(alertText(message.body));
    (observed as { alertsSeen: number }).alertsSeen = received.length;
  };
  const timer = setInterval(poll, 50);
  return {
    observed,
    stop: () => {
      clearInterval(timer);
      poll();
    },
  };
};
