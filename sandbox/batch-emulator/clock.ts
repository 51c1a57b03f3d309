/**
 * Time for the emulator. `now()` is wall-clock time (signatures are checked against it, so it
 * must match the caller's clock); lifecycle delays are emulated milliseconds divided by `speed`,
 * so a test can run a ten-minute scenario in a fraction of a second.
 */

export interface EmulatorClock {
  now(): number;
}

export interface EmulatorTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Scheduler {
  now(): number;
  /** Runs `callback` after `emulatedMs`, scaled by the speed factor. */
  after(emulatedMs: number, callback: () => void): void;
  /** Real milliseconds for an emulated duration, e.g. for polling helpers. */
  realMs(emulatedMs: number): number;
  cancelAll(): void;
}

export const systemClock: EmulatorClock = { now: () => Date.now() };

export const systemTimers: EmulatorTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const createScheduler = (
  clock: EmulatorClock,
  timers: EmulatorTimers,
  speed: number,
): Scheduler => {
  const pending = new Set<unknown>();
  let stopped = false;
  const realMs = (emulatedMs: number): number => Math.max(0, Math.round(emulatedMs / speed));
  return {
    now: () => clock.now(),
    realMs,
    after(emulatedMs, callback) {
      if (stopped) return;
      const handle = timers.setTimeout(() => {
        pending.delete(handle);
        if (!stopped) callback();
      }, realMs(emulatedMs));
      pending.add(handle);
    },
    cancelAll() {
      stopped = true;
      for (const handle of pending) timers.clearTimeout(handle);
      pending.clear();
    },
  };
};

/** Tencent prints times as ISO-8601 UTC without milliseconds. */
export const isoTime = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
