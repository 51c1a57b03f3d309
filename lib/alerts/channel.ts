import { defaultHttpFetch, type HttpFetch } from '../http/index.js';
import { type Logger, silentLogger } from '../logger.js';
import { adapterFor } from './adapters.js';
import { type DeliveryPolicy, deliver } from './deliver.js';
import { type ChannelRateLimiter, createSlidingWindowLimiter, timerSleep } from './rate-limiter.js';
import { urlSecrets } from './redact.js';
import type { Channel, ChannelSettings, Sleep } from './types.js';

export type RetryOptions = Partial<DeliveryPolicy>;

export interface ChannelOptions {
  /** lib/http's keep-alive node:http transport by default; global `fetch` also fits. */
  readonly fetch?: HttpFetch;
  /** Epoch ms; also the signing timestamp. */
  readonly now?: () => number;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly logger?: Logger;
  /** Per attempt; cut shorter when the deadline is nearer. */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Share one between channel instances that post to the same bot. */
  readonly limiter?: ChannelRateLimiter;
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_POLICY: DeliveryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 4000,
  budgetMs: 15_000,
};

/**
 * A channel of bridge.yml, ready to send. Throws ConfigError for an unusable webhook body
 * template; sends nothing until `send`.
 */
export const createChannel = (
  name: string,
  settings: ChannelSettings,
  options: ChannelOptions = {},
): Channel => {
  const adapter = adapterFor(name, settings);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const ctx = {
    name,
    settings,
    adapter,
    secrets: [
      ...urlSecrets(settings.url),
      ...(settings.secret === undefined ? [] : [settings.secret]),
    ],
    fetch: options.fetch ?? defaultHttpFetch(),
    now,
    sleep,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    policy: { ...DEFAULT_POLICY, ...options.retry },
    limiter:
      options.limiter ?? createSlidingWindowLimiter({ windows: adapter.windows, now, sleep }),
  };
  return {
    name,
    type: settings.type,
    send: (message, sendOptions = {}) => deliver(ctx, message, sendOptions),
  };
};
