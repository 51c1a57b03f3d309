import type { Logger } from '../logger.js';

export interface TickLoopOptions {
  /** 0: no timer at all. */
  readonly everyMs: number;
  readonly run: () => Promise<unknown>;
  readonly logger: Logger;
  readonly onSettled: (failed: boolean) => void;
}

export interface TickLoop {
  /** Stops the timer and waits for a tick under way. */
  stop(): Promise<void>;
}

/**
 * The timer duties every `everyMs`. The next tick is scheduled when one ends, so a slow tick
 * delays the next instead of overlapping it. The timer does not keep the process alive alone.
 */
export const startTickLoop = (options: TickLoopOptions): TickLoop => {
  const { everyMs, run, logger, onSettled } = options;
  let stopped = everyMs === 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async (): Promise<void> => {
    try {
      await run();
      onSettled(false);
    } catch (e) {
      onSettled(true);
      logger.error('tick failed', { error: e });
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().then(schedule);
    }, everyMs);
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
