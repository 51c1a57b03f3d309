import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchColdStart } from './cold-start.js';
import { benchLogTail } from './log-tail.js';
import { benchPipeline } from './pipeline.js';
import { benchScaleBurst } from './scale-burst.js';
import { benchSdkCompare } from './sdk-compare.js';
import { benchServeLoad } from './serve-load.js';
import { benchSoak } from './soak.js';

/**
 * `npm run bench`: every figure the closing notes quote, printed as one JSON document. Each
 * benchmark runs in a fresh process, so peak memory and JIT state are its own.
 */

const BENCHES: Record<string, () => Promise<unknown>> = {
  pipeline: () => benchPipeline(Number(process.env['BENCH_DELIVERIES'] ?? 100_000)),
  sdkCompare: () => benchSdkCompare(),
  logTail: () => benchLogTail(Number(process.env['BENCH_LOG_MB'] ?? 256)),
  serveLoad: () =>
    benchServeLoad({
      connections: Number(process.env['BENCH_SERVE_CONNECTIONS'] ?? 32),
      durationSeconds: Number(process.env['BENCH_SERVE_SECONDS'] ?? 10),
    }),
  soak: () => benchSoak({ events: Number(process.env['BENCH_SOAK_EVENTS'] ?? 10_000) }),
  coldStart: () => benchColdStart(Number(process.env['BENCH_COLD_RUNS'] ?? 11)),
  scaleBurst: () => benchScaleBurst({ events: Number(process.env['BENCH_BURST_EVENTS'] ?? 2000) }),
};

const runChild = async (name: string): Promise<unknown> => {
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, [self, name], {
    maxBuffer: 1 << 20,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return JSON.parse(stdout);
};

const main = async (): Promise<void> => {
  const only = process.argv[2];
  const bench = only === undefined ? undefined : BENCHES[only];
  if (bench !== undefined) {
    process.stdout.write(JSON.stringify(await bench()));
    return;
  }
  const figures: Record<string, unknown> = { node: process.version };
  for (const name of Object.keys(BENCHES)) figures[name] = await runChild(name);
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
};

await main();
