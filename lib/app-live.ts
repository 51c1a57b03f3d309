import { createLiveExecutor } from './actions/index.js';
import type { Executor } from './actions/plan.js';
import { type Channel, createChannel } from './alerts/index.js';
import type { BridgeConfig, Settings } from './config/index.js';
import { defaultHttpFetch, type HttpFetch } from './http/index.js';
import type { Logger } from './logger.js';
import { createCosLogStore, loadS3Module, tailInstanceLog } from './logs/index.js';
import { createAlertSender } from './notify/alert-sender.js';
import { memoizeFor } from './notify/memo.js';
import {
  type AuditSink,
  auditingExecutor,
  countingHttpFetch,
  type MeteredService,
  type Metrics,
} from './observe/index.js';
import { createJobTaskCache, type JobTaskCache } from './scaling/index.js';
import type { StateStore } from './state/index.js';
import { type BatchApi, type CredentialProvider, createBatchClient } from './tencent/index.js';

/**
 * The peers of the live side, built once per cold start. Nothing connects here: clients open
 * their connections on first use.
 */

/** Long enough for one delivery's rules and events to share a log read. */
const LOG_MEMO_MS = 5_000;

export interface LiveParts {
  readonly batch: BatchApi;
  readonly channels: ReadonlyMap<string, Channel>;
  readonly executor: Executor;
  readonly jobTasks: JobTaskCache;
}

export interface LivePartsInput {
  readonly config: BridgeConfig;
  readonly settings: Settings;
  readonly credentials: CredentialProvider;
  readonly state: StateStore;
  readonly logger: Logger;
  /** Epoch ms by which the current invocation must be done. */
  readonly deadline: () => number;
  readonly fetch?: HttpFetch;
  /** Counts every API call (lib/observe); without it nothing is counted. */
  readonly metrics?: Metrics | undefined;
  /** Where each action taken is recorded; without sinks nothing is. */
  readonly audit?: readonly AuditSink[] | undefined;
}

interface Metered {
  readonly service: MeteredService;
  /** The client's own default transport, wrapped when no fetch was given. */
  readonly fallback: () => HttpFetch;
  readonly name?: string;
}

const fetchOption = (
  input: Pick<LivePartsInput, 'fetch' | 'metrics'>,
  metered: Metered,
): { fetch?: HttpFetch } => {
  const { metrics } = input;
  if (metrics === undefined) return input.fetch === undefined ? {} : { fetch: input.fetch };
  const { fallback, ...labels } = metered;
  return { fetch: countingHttpFetch(input.fetch ?? fallback(), { metrics, ...labels }) };
};

const channelFetch = (name: string): Metered => ({
  service: 'channel',
  name,
  fallback: defaultHttpFetch,
});

export const createChannels = (
  input: Pick<LivePartsInput, 'config' | 'logger' | 'fetch' | 'metrics'>,
) =>
  new Map(
    Object.entries(input.config.channels).map(([name, settings]) => [
      name,
      createChannel(name, settings, {
        logger: input.logger,
        ...fetchOption(input, channelFetch(name)),
      }),
    ]),
  );

export const createLiveParts = (input: LivePartsInput): LiveParts => {
  const { config, settings, credentials, state, logger, deadline } = input;
  const batchEndpoint = settings.endpoints.batch;
  const batch = createBatchClient({
    credentials,
    region: config.region,
    deadline,
    logger,
    ...(batchEndpoint === undefined ? {} : { endpoint: batchEndpoint }),
    ...fetchOption(input, { service: 'batch', fallback: defaultHttpFetch }),
  });
  const cosEndpoint = settings.endpoints.cos;
  const store = createCosLogStore({
    credentials,
    region: config.region,
    logger,
    ...(cosEndpoint === undefined ? {} : { endpoint: cosEndpoint }),
  });
  const channels = createChannels(input);
  const alerts = createAlertSender({
    channels,
    state,
    tailLog: memoizeFor(
      LOG_MEMO_MS,
      (ref) => JSON.stringify(ref),
      (ref) => {
        // Load the S3 SDK while DescribeTask's round trip is under way: a microtask would run
        // before the request is even written; setImmediate runs once the loop has sent it.
        setImmediate(() => loadS3Module().catch(() => {}));
        return tailInstanceLog(ref, { batch, store, logger });
      },
    ),
    region: config.region,
    logger,
    deadline,
  });
  const jobTasks = createJobTaskCache();
  const live = createLiveExecutor({ batch, state, clock: Date.now, logger, alerts, jobTasks });
  const audit = input.audit ?? [];
  const executor =
    audit.length === 0 ? live : auditingExecutor(live, audit, { logger, metrics: input.metrics });
  return { batch, channels, executor, jobTasks };
};
