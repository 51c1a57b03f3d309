import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ActionOutcome, Executor } from '../lib/actions/plan.js';
import { type AppOverrides, createDeps } from '../lib/app.js';
import { loadSettings } from '../lib/config/index.js';
import { createLogger } from '../lib/logger.js';
import { type BridgeServer, createBridgeServer, type ServerStats } from '../lib/server/index.js';

/**
 * `batch-bridge serve` under load on loopback. The server runs in a child process (so its peak
 * RSS is its own), dry run, with the examples' bridge.yml; autocannon sends a mix of SIMPLIFIED
 * and JSON pushes. Then a burst past the concurrency cap against a slow executor: the extra
 * requests get 503 and, retried as the push would, none is lost.
 */

// autocannon ships no types: the part used here, typed by hand.
interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly total: number;
}
interface CannonResult {
  readonly requests: Histogram;
  readonly latency: Histogram;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
}
type Cannon = (options: Readonly<Record<string, unknown>>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const CHILD_FLAG = 'BENCH_SERVE_LOAD_CHILD';

/** bridge.yml of the examples, from bench/ under tsx or dist/bench/ once built. */
const exampleConfig = (): string => {
  for (const up of ['../examples/bridge.yml', '../../examples/bridge.yml']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('examples/bridge.yml not found');
};

const NAMES = ['TASK_INSTANCE_RUNNING', 'TASK_INSTANCE_SUCCEED', 'TASK_INSTANCE_FAILED'] as const;

/** One Batch message of one event, as the topic publishes it. */
const message = (i: number): string => {
  const name = i % 10 === 9 ? 'JOB_SUCCEED' : (NAMES[i % 3] as string);
  const batch = name.startsWith('JOB')
    ? { JobId: `job-${i}`, JobName: `render-${i}`, JobState: 'SUCCEED', EnvId: 'env-ptoxdb1t' }
    : { JobId: `job-${i % 50}`, JobName: `render-${i % 50}`, TaskName: 'frame' };
  const time = new Date(Date.UTC(2026, 0, 1, 0, 0, i % 3600)).toISOString();
  const event = { EventVersion: '1.0', EventTime: time, Region: 'ap-guangzhou', EventName: name };
  const vars = [{ Name: 'pipeline', Value: 'films' }];
  const rest = name.startsWith('TASK')
    ? { TaskInstanceIndex: i % 200, TaskInstanceState: name.slice(14), EnvId: 'env-ptoxdb1t' }
    : {};
  return JSON.stringify({ Events: [{ ...event, Batch: { ...batch, ...rest }, EventVars: vars }] });
};

/** Every other push SIMPLIFIED (message as body, ids in x-cmq-*), the rest JSON-wrapped. */
export const pushRequest = (i: number) => {
  const msgId = String(14_073_749_000 + i);
  if (i % 2 === 0) {
    const headers = { 'x-cmq-message-id': msgId, 'x-cmq-request-id': String(i) };
    return { method: 'POST', path: '/', headers, body: message(i) };
  }
  const envelope = { TopicOwner: 1_250_000_000, topicName: 'batch-events', msgId };
  const body = JSON.stringify({ ...envelope, msgBody: message(i), publishTime: 1.7e12 + i });
  return { method: 'POST', path: '/', headers: {}, body };
};

const startBridge = (overrides: AppOverrides, maxConcurrent: number): Promise<BridgeServer> => {
  const env = { BATCH_BRIDGE_CONFIG: exampleConfig(), BATCH_BRIDGE_DRY_RUN: 'true' };
  // Log lines are built and serialised as in production, then dropped.
  const logger = createLogger({ write: () => {} });
  const deps = createDeps(loadSettings(env), env, { logger, ...overrides });
  return createBridgeServer({ deps, maxConcurrent, tickEveryMs: 0 });
};

type ChildReport = { readonly stats: ServerStats; readonly peakRssMb: number };

/** The child's side: serve until told to stop, then report. */
const serveChild = async (): Promise<void> => {
  const server = await startBridge({}, 64);
  const idleRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  process.send?.({ url: server.url, idleRssMb });
  process.once('message', async () => {
    await server.close();
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.send?.({ stats: server.stats(), peakRssMb } satisfies ChildReport, () =>
      process.exit(0),
    );
  });
};

const nextMessage = <T>(child: ChildProcess): Promise<T> =>
  new Promise((resolve) => child.once('message', (m) => resolve(m as T)));

const runLoad = async (connections: number, durationSeconds: number) => {
  // The child's stdout stays out of the figures, which run.ts reads from this one's.
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, [CHILD_FLAG]: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { url, idleRssMb } = await nextMessage<{ url: string; idleRssMb: number }>(child);
  const requests = Array.from({ length: 200 }, (_, i) => pushRequest(i));
  const result = await autocannon({ url, connections, duration: durationSeconds, requests });
  child.send('stop');
  const report = await nextMessage<ChildReport>(child);
  return { result, report, idleRssMb };
};

/** Sends every delivery, then re-sends those answered non-2xx after a pause, as the push does. */
const pushUntilTaken = async (
  size: number,
  post: (i: number) => Promise<number>,
  pauseMs: number,
) => {
  let pending = Array.from({ length: size }, (_, i) => i);
  const firstRound = await Promise.all(pending.map(post));
  let status = firstRound;
  let attempts = size;
  for (let round = 0; round < 50; round += 1) {
    pending = pending.filter((_, k) => status[k] !== 200);
    if (pending.length === 0) break;
    await new Promise((r) => setTimeout(r, pauseMs));
    status = await Promise.all(pending.map(post));
    attempts += pending.length;
  }
  return { firstRound, attempts };
};

/** A burst of `size` distinct pushes at once, retried after 503 as the push would. */
const runBurst = async (size: number, maxConcurrent: number, actionMs: number) => {
  const seen = new Set<string>();
  const slow: Executor = {
    mode: 'live',
    execute: async (_action, event): Promise<ActionOutcome> => {
      seen.add(event.jobId ?? '');
      await new Promise((r) => setTimeout(r, actionMs));
      return { status: 'done' };
    },
  };
  const server = await startBridge({ executor: slow }, maxConcurrent);
  const post = (i: number) => {
    const { headers, body } = pushRequest(i * 10 + 9);
    return fetch(server.url, { method: 'POST', headers, body }).then((r) => r.status);
  };
  await fetch(`${server.url}healthz`).then((r) => r.arrayBuffer()); // warm the client up
  const started = performance.now();
  const { firstRound, attempts } = await pushUntilTaken(size, post, actionMs);
  const stats = server.stats();
  await server.close();
  return {
    deliveries: size,
    maxConcurrent,
    actionMs,
    firstRound503: firstRound.filter((s) => s === 503).length,
    firstRound200: firstRound.filter((s) => s === 200).length,
    attempts,
    lost: size - seen.size,
    acknowledged: stats.acknowledged,
    wallMs: Math.round(performance.now() - started),
  };
};

export interface ServeLoadOptions {
  readonly connections?: number;
  readonly durationSeconds?: number;
}

export const benchServeLoad = async (options: ServeLoadOptions = {}) => {
  const connections = options.connections ?? 32;
  const { result, report, idleRssMb } = await runLoad(connections, options.durationSeconds ?? 10);
  const burst = await runBurst(4 * 16, 16, 200);
  return {
    load: {
      connections,
      requests: result.requests.total,
      requestsPerSec: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statusCodes: Object.fromEntries(
        Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
      ),
      serverAcknowledged: report.stats.acknowledged,
      serverIdleRssMb: idleRssMb,
      serverPeakRssMb: report.peakRssMb,
    },
    burst,
  };
};

if (process.env[CHILD_FLAG] === '1') await serveChild();
