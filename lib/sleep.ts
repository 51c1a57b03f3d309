/** Waits `ms`; an injectable seam, so tests run retries and rate limits on a fake clock. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * A timer sleep that ends early, without throwing, when the signal aborts: the caller then
 * finds the signal aborted and reports that itself.
 */
export const timerSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
