import { fileURLToPath } from 'node:url';
import { createBatchClient, staticCredentials } from '../../lib/tencent/index.js';
import { S3RVER_KEYS } from '../cos/s3-server.js';
import { startLocalWorld, type World } from '../world.js';
import { createDemoLogger } from './demo-logger.js';
import { type DemoSummary, summarize } from './goals.js';
import { envNotifications, qcJob, renderJob } from './jobs.js';
import { watchWorld } from './watch.js';

/**
 * The demo: a render job on an empty named env (scaled up to its demand and back to zero),
 * chained to an encode job by a rule while the topic duplicates deliveries, a QC job whose five
 * instances die (one alert with the stderr tail, then one summary), and a node that goes
 * abnormal mid-render (replaced).
 */

const TOPIC = 'batch-events';
const ENV = 'env-demo0001';

export interface DemoOptions {
  readonly say: (line: string) => void;
  readonly speed?: number;
  readonly timeoutMs?: number;
  /** How the topic reaches the bridge: the queue and its drain (default), or HTTP push. */
  readonly feed?: 'queue' | 'push';
}

const startDemoWorld = (options: DemoOptions, errors: string[]) =>
  startLocalWorld({
    configPath: fileURLToPath(new URL('./bridge.yml', import.meta.url)),
    envs: [
      {
        envId: ENV,
        envName: 'render-pool',
        desiredComputeNodeCount: 0,
        notifications: envNotifications(TOPIC),
      },
    ],
    buckets: ['demo-logs-1251000000'],
    topic: TOPIC,
    speed: options.speed ?? 20,
    tickMs: 500,
    logger: createDemoLogger(options.say, errors),
    feed: options.feed ?? 'queue',
    faults: { duplicateRate: 0.3 },
  });

/** A node running a frame, once there is one: it is the one that goes abnormal. */
const breakANode = (world: World): string | undefined => {
  const node = world.emulator
    .env(ENV)
    ?.nodes.find((n) => n.state === 'RUNNING' && n.occupant !== null);
  if (node !== undefined) world.emulator.setNodeAbnormal(node.nodeId);
  return node?.nodeId;
};

export const runDemo = async (
  options: DemoOptions,
): Promise<{ summary: DemoSummary; world: World }> => {
  const { say } = options;
  const started = Date.now();
  const errors: string[] = [];
  const world = await startDemoWorld(options, errors);
  say(
    `local world up: Batch API ${world.emulator.url}, COS ${world.s3.endpoint}, bridge ${world.bridgeUrl}, sink ${world.sink.url}`,
  );
  const watch = watchWorld(world, ENV, {
    onScale: (c) => say(`env ${c.env}: DesiredComputeNodeCount ${c.from} -> ${c.to}`),
    onJob: (id, name, state) => say(`job ${name} (${id}): ${state}`),
    onAlert: (text) => say(`channel oncall received: ${text.split('\n')[0]}`),
  });
  const user = createBatchClient({
    credentials: staticCredentials(S3RVER_KEYS),
    region: 'ap-guangzhou',
    endpoint: world.emulator.url,
  });
  await user.submitJob(renderJob(TOPIC, ENV));
  await user.submitJob(qcJob(TOPIC));
  say('user: submitted render-demo (4 frames on render-pool, which has no nodes) and qc-demo');
  let abnormal: string | undefined;
  const summary = () =>
    summarize(world, { envId: ENV, abnormal, observed: watch.observed, errors, started });
  const deadline = started + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline && !summary().ok) {
    await new Promise((r) => setTimeout(r, 100));
    if (abnormal === undefined) {
      abnormal = breakANode(world);
      if (abnormal !== undefined) say(`world: node ${abnormal} went ABNORMAL`);
    }
  }
  watch.stop();
  return { summary: summary(), world };
};
