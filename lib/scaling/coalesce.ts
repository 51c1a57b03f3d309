/**
 * Single flight per key, with one follow-up: a call that arrives while a run is in progress
 * joins the next run, which starts when the current one ends. Every caller gets a result that
 * saw the world no earlier than its own call, yet a burst of N calls costs at most two runs,
 * and two runs for one env never overlap (both would read the same count and modify twice).
 */

export interface Coalescer<T> {
  run(key: string, task: () => Promise<T>): Promise<T>;
}

interface Slot<T> {
  running: Promise<T>;
  queued: Promise<T> | undefined;
}

const ignore = (): void => {};

export const createCoalescer = <T>(): Coalescer<T> => {
  const slots = new Map<string, Slot<T>>();
  const release = (key: string, finished: Promise<T>): void => {
    const slot = slots.get(key);
    if (slot?.running === finished && slot.queued === undefined) slots.delete(key);
  };
  return {
    run(key, task) {
      const slot = slots.get(key);
      if (slot === undefined) {
        const running: Promise<T> = task().finally(() => release(key, running));
        slots.set(key, { running, queued: undefined });
        return running;
      }
      if (slot.queued !== undefined) return slot.queued;
      const queued: Promise<T> = slot.running
        .then(ignore, ignore)
        .then(() => {
          slot.running = queued;
          slot.queued = undefined;
          return task();
        })
        .finally(() => release(key, queued));
      slot.queued = queued;
      return queued;
    },
  };
};
