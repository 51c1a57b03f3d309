import { type AppDeps, createDeps } from '../../lib/app.js';
import { loadSettings } from '../../lib/config/index.js';
import type { Logger } from '../../lib/logger.js';
import {
  type BatchEmulator,
  createBatchEmulator,
  type FaultSettings,
} from '../batch-emulator/index.js';
import { createLocalQueueServer, type LocalQueueServer } from '../queue/index.js';
import { createLocalTopic, type LocalTopic } from '../topic/local-topic.js';
import { startWebhookSink, type WebhookSink } from '../webhook-sink/webhook-sink.js';
import { startTicks } from '../world.js';
import { SOAK_DEAD_LETTERS, SOAK_QUEUE, soakConfig } from './soak-config.js';
import { poolEnvNotifications, SOAK_ENV_ID, SOAK_TOPIC } from './soak-jobs.js';

/**
 * The soak's local world: the Batch emulator, the topic feeding a TDMQ-CMQ queue with a short
 * visibility timeout (so killed passes come back within seconds), the webhook sink, and the
 * bridge's deps with its timer. The drain is run by the soak itself (see soak-drain.ts).
 */

export const SOAK_KEYS = { secretId: 'AKIDsoakLOCAL00000001', secretKey: 'soak-local-secret-0001' };

export interface SoakWorldOptions {
  readonly speed: number;
  readonly seed: number;
  readonly tickMs: number;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly faults: Partial<FaultSettings>;
  readonly logger: Logger;
}

export interface SoakWorld {
  readonly emulator: BatchEmulator;
  readonly topic: LocalTopic;
  readonly queue: LocalQueueServer;
  readonly sink: WebhookSink;
  readonly deps: AppDeps;
  readonly env: Readonly<Record<string, string>>;
  /** msgIds of what the topic put into the queue, in order. */
  readonly published: readonly string[];
  close(): Promise<void>;
}

const startQueue = (options: SoakWorldOptions) =>
  createLocalQueueServer({
    credentials: SOAK_KEYS,
    queues: [
      {
        name: SOAK_QUEUE,
        visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
        retentionSeconds: 43_200,
        maxReceiveCount: options.maxReceiveCount,
        deadLetterQueue: SOAK_DEAD_LETTERS,
      },
      { name: SOAK_DEAD_LETTERS, visibilityTimeoutSeconds: 30, retentionSeconds: 43_200 },
    ],
  });

const startBridge = (env: Record<string, string>, sinkUrl: string, logger: Logger): AppDeps => {
  const settings = loadSettings(env);
  return createDeps(settings, env, { config: soakConfig(sinkUrl), logger });
};

const startEmulator = (options: SoakWorldOptions, topic: LocalTopic) =>
  createBatchEmulator({
    credentials: [SOAK_KEYS],
    speed: options.speed,
    seed: options.seed,
    envs: [
      {
        envId: SOAK_ENV_ID,
        envName: 'soak-pool',
        desiredComputeNodeCount: 0,
        notifications: poolEnvNotifications(),
      },
    ],
    publish: (name, message) => topic.publish(name, message),
    faults: options.faults,
  });

export const startSoakWorld = async (options: SoakWorldOptions): Promise<SoakWorld> => {
  const sink = await startWebhookSink();
  const topic = createLocalTopic();
  const queue = await startQueue(options);
  const published: string[] = [];
  topic.subscribeQueue(SOAK_TOPIC, (_topic, message) => {
    published.push(queue.send(SOAK_QUEUE, JSON.stringify(message)));
  });
  const emulator = await startEmulator(options, topic);
  const env = {
    TENCENTCLOUD_SECRET_ID: SOAK_KEYS.secretId,
    TENCENTCLOUD_SECRET_KEY: SOAK_KEYS.secretKey,
    BATCH_BRIDGE_BATCH_ENDPOINT: emulator.url,
    BATCH_BRIDGE_CMQ_ENDPOINT: queue.url,
  };
  const deps = startBridge(env, sink.url, options.logger);
  const stopTicks = startTicks(deps, options.tickMs, options.logger);
  return {
    ...{ emulator, topic, queue, sink, deps, env, published },
    close: async () => {
      await stopTicks();
      await emulator.close();
      await topic.idle();
      await queue.close();
      await deps.state.close();
      await sink.close();
    },
  };
};
