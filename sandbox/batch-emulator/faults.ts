import { ApiError } from './api-error.js';
import type { Random } from './random.js';

/** Knobs for injected failures, settable at runtime with `setFaults`. Rates are 0..1. */
export interface FaultSettings {
  /** `RequestLimitExceeded` rate, by action name; `'*'` applies to every other action. */
  readonly throttle: Readonly<Record<string, number>>;
  /** `InternalError` inside a normal HTTP 200 envelope. */
  readonly internalErrorRate: number;
  /** A bare HTTP 500 from the gateway, before the API sees the request. */
  readonly http500Rate: number;
  /** Real milliseconds added to every response (not scaled by `speed`). */
  readonly latencyMs: number;
  /** Extra real milliseconds, uniformly random in [0, latencyJitterMs). */
  readonly latencyJitterMs: number;
  /** Each published message is delivered a second time. */
  readonly duplicateRate: number;
  /** Each published message is held back, so later ones overtake it. */
  readonly reorderRate: number;
  /** How long a held-back message waits, in emulated milliseconds. */
  readonly reorderDelayMs: number;
  /** A new node ends in CREATION_FAILED instead of CREATED. */
  readonly nodeCreationFailureRate: number;
}

export const DEFAULT_FAULTS: FaultSettings = {
  throttle: {},
  internalErrorRate: 0,
  http500Rate: 0,
  latencyMs: 0,
  latencyJitterMs: 0,
  duplicateRate: 0,
  reorderRate: 0,
  reorderDelayMs: 3000,
  nodeCreationFailureRate: 0,
};

export interface Faults {
  current(): FaultSettings;
  set(patch: Partial<FaultSettings>): void;
  reset(): void;
  /** Real milliseconds to wait before answering. */
  latency(): number;
  /** Throws the injected API error for this call, if any. */
  injectApiFault(action: string): void;
  injectHttp500(): boolean;
  duplicate(): boolean;
  reorder(): boolean;
  nodeCreationFails(): boolean;
}

export const createFaults = (random: Random): Faults => {
  let settings = DEFAULT_FAULTS;
  const throttleRate = (action: string): number =>
    settings.throttle[action] ?? settings.throttle['*'] ?? 0;
  return {
    current: () => settings,
    set: (patch) => {
      settings = { ...settings, ...patch };
    },
    reset: () => {
      settings = DEFAULT_FAULTS;
    },
    latency: () => settings.latencyMs + Math.floor(random.next() * settings.latencyJitterMs),
    injectApiFault: (action) => {
      if (random.chance(throttleRate(action))) {
        throw new ApiError(
          'RequestLimitExceeded',
          'Your current request times exceeds the limit, please try again later.',
        );
      }
      if (random.chance(settings.internalErrorRate)) {
        throw new ApiError(
          'InternalError',
          'An internal error has occurred. Retry your request, but if the problem persists, contact us.',
        );
      }
    },
    injectHttp500: () => random.chance(settings.http500Rate),
    duplicate: () => random.chance(settings.duplicateRate),
    reorder: () => random.chance(settings.reorderRate),
    nodeCreationFails: () => random.chance(settings.nodeCreationFailureRate),
  };
};

/** Calls per action, counted for every request naming a known action, whatever its outcome. */
export interface CallLogEntry {
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** `Error.Code` of the answer, or `'HTTP 500'`; undefined when it succeeded. */
  readonly errorCode: string | undefined;
  readonly requestId: string;
}
