import type { BridgeConfig, Settings } from '../config/index.js';
import type { ProcessDeps } from '../core/process-delivery.js';
import { ConfigError, UpstreamError } from '../errors.js';
import { defaultHttpFetch, type HttpFetch } from '../http/index.js';
import { countingHttpFetch, type Metrics } from '../observe/index.js';
import { createCmqQueueClient } from '../tencent/cmq-index.js';
import {
  type CredentialProvider,
  createEnvCredentialProvider,
  type Environment,
} from '../tencent/credentials.js';
import { createCoreProcessor } from './core-processor.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_POLLING_WAIT_SECONDS } from './drain-queue.js';
import type { DrainDeps, DrainInput, DrainResult, QueuePort } from './types.js';

/** Wiring of the drain function from the app's deps: the queue client and the core processor. */

/** Short codes of the public data-plane hosts (platform.md 8.1); others: set the endpoint. */
export const CMQ_REGION_CODES: Readonly<Record<string, string>> = {
  'ap-guangzhou': 'gz',
  'ap-shanghai': 'sh',
  'ap-beijing': 'bj',
  'ap-chengdu': 'cd',
  'ap-hongkong': 'hk',
  'ap-singapore': 'sg',
  'ap-nanjing': 'nj',
};

export const cmqEndpointForRegion = (region: string): string => {
  const code = Object.hasOwn(CMQ_REGION_CODES, region) ? CMQ_REGION_CODES[region] : undefined;
  if (code === undefined) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `no TDMQ-CMQ endpoint is known for region ${region}: set BATCH_BRIDGE_CMQ_ENDPOINT ` +
        "to the queue's API request address from the console",
    );
  }
  return `https://cmq-${code}.public.tencenttdmq.com`;
};

export type DrainSettings = Required<
  Pick<DrainInput, 'safetyMarginMs' | 'batchSize' | 'pollingWaitSeconds'>
>;

/** The margin covers one message's actions plus the delete that follows it. */
export const DEFAULT_DRAIN_SETTINGS: DrainSettings = {
  safetyMarginMs: 10_000,
  batchSize: DEFAULT_BATCH_SIZE,
  pollingWaitSeconds: DEFAULT_POLLING_WAIT_SECONDS,
};

/** Calls stop this long before the function's end, so the last delete still fits. */
export const DEADLINE_RESERVE_MS = 1_000;

export interface DrainFunctionDeps extends DrainDeps {
  readonly settings: DrainSettings;
  setDeadline(epochMs: number): void;
}

/** What the drain takes of lib/app's AppDeps, named here so lib/drain never imports lib/app. */
export interface DrainAppDeps extends ProcessDeps {
  readonly settings: Pick<Settings, 'maxBodyBytes' | 'endpoints'>;
  readonly config: Pick<BridgeConfig, 'queue' | 'region'>;
  readonly state: DrainDeps['state'];
  /** Counts the queue's API calls beside the Batch API's, when given. */
  readonly metrics?: Metrics;
  setDeadline(epochMs: number): void;
  deadline(): number;
}

export interface DrainOverrides {
  readonly queue?: QueuePort;
  readonly credentials?: CredentialProvider;
  readonly fetch?: HttpFetch;
  readonly settings?: Partial<DrainSettings>;
}

const buildQueue = (app: DrainAppDeps, env: Environment, overrides: DrainOverrides) => {
  const queueName = app.config.queue;
  if (queueName === undefined) {
    throw new ConfigError('CONFIG_INVALID', 'bridge.yml sets no `queue` for the drain to empty', {
      path: 'queue',
    });
  }
  const configured = app.settings.endpoints.cmq;
  return createCmqQueueClient({
    credentials: overrides.credentials ?? createEnvCredentialProvider(env),
    endpoint: configured ?? cmqEndpointForRegion(app.config.region),
    queueName,
    deadline: app.deadline,
    logger: app.logger,
    ...(configured === undefined ? { region: CMQ_REGION_CODES[app.config.region] } : {}),
    ...queueFetch(app, overrides),
  });
};

const queueFetch = (app: DrainAppDeps, overrides: DrainOverrides) => {
  const inner = overrides.fetch ?? defaultHttpFetch();
  if (app.metrics === undefined) return overrides.fetch === undefined ? {} : { fetch: inner };
  return { fetch: countingHttpFetch(inner, { metrics: app.metrics, service: 'cmq' }) };
};

export const createDrainDeps = (
  app: DrainAppDeps,
  env: Environment,
  overrides: DrainOverrides = {},
): DrainFunctionDeps => ({
  queue: overrides.queue ?? buildQueue(app, env, overrides),
  process: createCoreProcessor(app, { maxBytes: app.settings.maxBodyBytes }),
  state: app.state,
  logger: app.logger,
  settings: { ...DEFAULT_DRAIN_SETTINGS, ...overrides.settings },
  setDeadline: app.setDeadline,
});

/** Thrown by the function so the invocation shows as failed; what was done is in the log. */
export const drainFailure = (result: DrainResult): UpstreamError =>
  new UpstreamError('CMQ_API', `queue drain stopped: ${result.error?.message ?? 'queue failed'}`, {
    service: 'cmq',
    operation: 'drain',
    retryable: true,
  });
