import { resolve } from 'node:path';
import { buildHandler } from '../functions/http.js';
import { type AppDeps, createDeps } from '../lib/app.js';
import { loadSettings } from '../lib/config/index.js';
import { runTick } from '../lib/core/tick.js';
import type { Logger } from '../lib/logger.js';
import { type BatchEmulator, createBatchEmulator, type SeedEnv } from './batch-emulator/index.js';
import { createCosWriter } from './cos/cos-writer.js';
import { S3RVER_KEYS, type S3Server, startS3Server } from './cos/s3-server.js';
import { type FunctionUrlServer, serveFunctionUrl } from './function-url-server.js';
import type { LocalQueueServer } from './queue/index.js';
import { createLocalTopic, type LocalTopic } from './topic/local-topic.js';
import { startWebhookSink, type WebhookSink } from './webhook-sink/webhook-sink.js';
import { INBOX, startDrainLoop, startLocalQueue } from './world-queue.js';

/**
 * The local world: the Batch API emulator, COS on a local S3 server, the topic pushing to the
 * bridge's function URL, a webhook sink for the channels, and the bridge itself (the HTTP
 * function and the timer), all on loopback. One key pair opens the emulator and the S3 server,
 * as one role's keys open Batch and COS.
 */

export interface WorldOptions {
  readonly configPath: string;
  readonly envs: readonly SeedEnv[];
  readonly buckets: readonly string[];
  readonly topic: string;
  readonly speed: number;
  readonly tickMs: number;
  readonly logger: Logger;
  readonly faults?: Parameters<BatchEmulator['setFaults']>[0];
  /** How the topic reaches the bridge: a queue drained as in production (default), or HTTP push. */
  readonly feed?: 'queue' | 'push';
}

export interface World {
  readonly emulator: BatchEmulator;
  readonly s3: S3Server;
  readonly topic: LocalTopic;
  readonly sink: WebhookSink;
  readonly bridgeUrl: string;
  /** The queue the topic feeds, in `queue` mode. */
  readonly queue: LocalQueueServer | undefined;
  readonly deps: AppDeps;
  /** What a user's own scripts would set to talk to this world. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

const startBridge = async (options: WorldOptions, env: Record<string, string>) => {
  const settings = loadSettings({ ...env, BATCH_BRIDGE_CONFIG: resolve(options.configPath) });
  const deps = createDeps(settings, env, { logger: options.logger });
  const handler = buildHandler(deps);
  const context = { getRemainingTimeInMillis: () => 10_000 } as Parameters<typeof handler>[1];
  const server = await serveFunctionUrl((event) => handler(event, context));
  return { deps, server };
};

/** A tick still running when the next is due is not queued behind: the next one is skipped. */
export const startTicks = (deps: AppDeps, everyMs: number, logger: Logger) => {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running !== undefined) return;
    running = runTick(deps)
      .catch((e: unknown) => logger.error('tick failed', { error: e }))
      .finally(() => {
        running = undefined;
      });
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
};

export const startLocalWorld = async (options: WorldOptions): Promise<World> => {
  const s3 = await startS3Server({ buckets: options.buckets });
  const cos = await createCosWriter(s3.endpoint);
  const sink = await startWebhookSink();
  const topic = createLocalTopic();
  const emulator = await createBatchEmulator({
    credentials: [S3RVER_KEYS],
    speed: options.speed,
    envs: options.envs,
    publish: (name, message) => topic.publish(name, message),
    writeLog: cos.writeLog,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  });
  const queue = options.feed === 'push' ? undefined : await startLocalQueue();
  const env = {
    ...(queue === undefined ? {} : { BATCH_BRIDGE_CMQ_ENDPOINT: queue.url }),
    TENCENTCLOUD_SECRET_ID: S3RVER_KEYS.secretId,
    TENCENTCLOUD_SECRET_KEY: S3RVER_KEYS.secretKey,
    BATCH_BRIDGE_BATCH_ENDPOINT: emulator.url,
    BATCH_BRIDGE_COS_ENDPOINT: s3.endpoint,
    DEMO_SINK_URL: sink.url,
  };
  const bridge: { deps: AppDeps; server: FunctionUrlServer } = await startBridge(options, env);
  if (queue === undefined) {
    const push = {
      name: 'bridge-push',
      endpoint: bridge.server.url,
      format: 'SIMPLIFIED' as const,
    };
    topic.subscribe(options.topic, push);
  } else topic.subscribeQueue(options.topic, queue.asSubscriber(INBOX));
  const stopDrain =
    queue === undefined ? async () => {} : startDrainLoop(bridge.deps, env, options.logger);
  const stopTicks = startTicks(bridge.deps, options.tickMs, options.logger);
  return {
    emulator,
    s3,
    topic,
    sink,
    bridgeUrl: bridge.server.url,
    queue,
    deps: bridge.deps,
    env,
    close: async () => {
      await stopTicks();
      await emulator.close();
      await topic.idle();
      await stopDrain();
      await queue?.close();
      await bridge.server.close();
      await bridge.deps.state.close();
      await sink.close();
      cos.close();
      await s3.stop();
    },
  };
};
