import type { AppDeps } from '../../lib/app.js';
import {
  createDrainDeps,
  type DrainDeps,
  type DrainFunctionDeps,
  type DrainResult,
  drainQueue,
  type MessageProcessor,
} from '../../lib/drain/index.js';
import { createKillSwitch, type KillSwitch } from './kill-switch.js';

/**
 * The timer function's drain, pass after pass as successive invocations would run it, over
 * the real CMQ client and core processor, with the kill switch between them and the queue.
 */

export interface SoakDrainOptions {
  readonly killAtBatches: readonly number[];
}

export interface SoakDrain {
  readonly kill: KillSwitch;
  /** msgIds whose events went through the rules (the processor said handled, not retry). */
  handled(): ReadonlySet<string>;
  /** msgIds the processor cleanly rejected (no event could be read). */
  rejected(): ReadonlySet<string>;
  /** Messages a retryable failure kept for redelivery. */
  kept(): number;
  passes(): Readonly<Passes>;
  /** Epoch ms of the first message received and of the last one processed. */
  span(): { readonly from: number; readonly to: number };
  stop(): Promise<void>;
}

const recording = (
  process: MessageProcessor,
  into: { handled: Set<string>; rejected: Set<string>; kept: number; from: number; to: number },
): MessageProcessor => {
  return async (body, message) => {
    if (into.from === 0) into.from = Date.now();
    const outcome = await process(body, message);
    if (outcome.retry) into.kept += 1;
    else (outcome.handled ? into.handled : into.rejected).add(message.msgId);
    into.to = Date.now();
    return outcome;
  };
};

type Passes = Record<DrainResult['stoppedBecause'], number>;

/** One drainQueue call per invocation; a killed one is followed by the next, as a timer would. */
const runPasses = async (
  deps: DrainDeps,
  settings: DrainFunctionDeps['settings'],
  run: { readonly passes: Passes; readonly control: { stopped: boolean } },
): Promise<void> => {
  const { control } = run;
  while (!control.stopped) {
    const remainingMs = () => (control.stopped ? 0 : 60_000);
    const result = await drainQueue({ ...settings, remainingMs }, deps);
    run.passes[result.stoppedBecause] += 1;
    if (result.stoppedBecause === 'queue-failed') await new Promise((r) => setTimeout(r, 50));
  }
};

export const startSoakDrain = (
  app: AppDeps,
  env: Readonly<Record<string, string>>,
  options: SoakDrainOptions,
): SoakDrain => {
  const base = createDrainDeps(app, env, {
    settings: { pollingWaitSeconds: 1, safetyMarginMs: 1000 },
  });
  const kill = createKillSwitch(base.queue, base.state, { atBatches: options.killAtBatches });
  const seen = { handled: new Set<string>(), rejected: new Set<string>(), kept: 0, from: 0, to: 0 };
  const deps: DrainDeps = {
    queue: kill.queue,
    state: kill.state,
    logger: base.logger,
    process: recording(base.process, seen),
  };
  const passes = { empty: 0, deadline: 0, 'max-batches': 0, once: 0, 'queue-failed': 0 };
  const control = { stopped: false };
  const loop = runPasses(deps, base.settings, { passes, control });
  return {
    kill,
    handled: () => seen.handled,
    rejected: () => seen.rejected,
    kept: () => seen.kept,
    passes: () => ({ ...passes }),
    span: () => ({ from: seen.from, to: seen.to }),
    stop: async () => {
      control.stopped = true;
      await loop;
    },
  };
};
