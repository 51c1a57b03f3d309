import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildOfficialBundle, buildOurBundles, OFFICIAL_HANDLER } from './cold-start/build.js';
import { type ChildSpec, type ColdRun, runColdStart } from './cold-start/child-run.js';
import { measureDryRuns } from './cold-start/dry-runs.js';
import { type ColdStartWorld, startColdStartWorld } from './cold-start/world.js';
import { median, round } from './sdk/load.js';

/**
 * Cold start of a topic-triggered alert with its stderr tail: fresh `node` processes, each
 * requiring one handler and handling one TASK_INSTANCE_FAILED delivery (DescribeTask on the
 * emulator, a ranged read of the log from COS on s3rver, a POST to a webhook sink). Ours is the
 * packaged `topic` bundle; official is the same work on tencentcloud-sdk-nodejs-common and
 * cos-nodejs-sdk-v5, run from node_modules as written and also bundled with esbuild.
 */

type Side = 'ours' | 'oursNoCodeCache' | 'official' | 'officialBundled';
const SIDES: readonly Side[] = ['ours', 'oursNoCodeCache', 'official', 'officialBundled'];
const ALERT_TEXT = 'disk quota exceeded';

export interface SideFigures {
  readonly medianMs: number;
  readonly medianLoadedMs: number;
  readonly runs: readonly number[];
  readonly alertsReceived: number;
}

export const specs = (
  world: ColdStartWorld,
  ourDir: string,
  bundled: string,
): Record<Side, ChildSpec> => {
  const hook = `${world.sink.url}/hook/oncall`;
  const keys = { TENCENTCLOUD_SECRET_ID: 'S3RVER', TENCENTCLOUD_SECRET_KEY: 'S3RVER' };
  const official = {
    ...keys,
    HOOK: hook,
    BATCH_ENDPOINT: new URL(world.emulatorUrl).host,
    COS_DOMAIN: `${new URL(world.cosUrl).host}/{Bucket}`,
  };
  const ours: ChildSpec = {
    file: join(ourDir, 'index.js'),
    cwd: ourDir,
    env: {
      ...keys,
      HOOK: hook,
      BATCH_BRIDGE_DRY_RUN: 'false',
      BATCH_BRIDGE_CONFIG: 'bridge.yml',
      BATCH_BRIDGE_LOG_LEVEL: 'warn',
      BATCH_BRIDGE_BATCH_ENDPOINT: world.emulatorUrl,
      BATCH_BRIDGE_COS_ENDPOINT: world.cosUrl,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  };
  return {
    ours,
    oursNoCodeCache: {
      file: join(ourDir, 'index.js'),
      cwd: ourDir,
      env: { ...ours.env, BATCH_BRIDGE_CODE_CACHE: 'off' },
    },
    official: { file: OFFICIAL_HANDLER, cwd: dirname(OFFICIAL_HANDLER), env: official },
    officialBundled: { file: bundled, cwd: dirname(bundled), env: official },
  };
};

/** What our loader must report: both files' caches used, or (cache off) neither read. */
const expectedCache = (side: Side): string | undefined => {
  if (side === 'ours') return 'accepted';
  return side === 'oursNoCodeCache' ? 'none' : undefined;
};

/**
 * A run counts only if the sink got exactly one alert carrying the stderr tail read from COS,
 * and our loader did with the bundle's and the S3 chunk's code caches what the side says.
 */
const checkedRun = async (world: ColdStartWorld, spec: ChildSpec, side: Side): Promise<ColdRun> => {
  const before = world.sink.received().length;
  const readsBefore = world.cosReads();
  const run = await runColdStart(spec, world.delivery);
  const got = world.sink.received().slice(before);
  if (got.length !== 1 || !JSON.stringify(got[0]?.body).includes(ALERT_TEXT)) {
    throw new Error(`${spec.file}: expected one alert with the stderr tail, got ${got.length}`);
  }
  // The emulator also answers DescribeTaskLogs: only a GET through the front proves COS was read.
  if (world.cosReads() === readsBefore) throw new Error(`${side}: the tail was not read from COS`);
  const expected = expectedCache(side);
  const files = Object.values(run.codeCache?.files ?? {});
  if (expected !== undefined && (files.length !== 2 || files.some((f) => f !== expected))) {
    throw new Error(
      `${side}: expected both code caches ${expected}, got ${JSON.stringify(run.codeCache)}`,
    );
  }
  return run;
};

const summarise = (runs: readonly ColdRun[]): SideFigures => ({
  medianMs: round(median(runs.map((r) => r.handledMs)), 1),
  medianLoadedMs: round(median(runs.map((r) => r.loadedMs)), 1),
  runs: runs.map((r) => round(r.handledMs, 1)),
  alertsReceived: runs.length,
});

export const benchColdStart = async (runs = 11) => {
  const tmp = mkdtempSync(join(tmpdir(), 'batch-bridge-cold-start-'));
  let world: ColdStartWorld | undefined;
  try {
    const packaged = await buildOurBundles(tmp);
    const official = await buildOfficialBundle(tmp);
    world = await startColdStartWorld();
    const topicDir = join(packaged.outDir, 'topic');
    const spec = specs(world, topicDir, official.file);
    for (const side of SIDES) await checkedRun(world, spec[side], side); // page cache, discarded
    const samples: Record<Side, ColdRun[]> = {
      ours: [],
      oursNoCodeCache: [],
      official: [],
      officialBundled: [],
    };
    for (let r = 0; r < runs; r += 1) {
      const order = r % 2 === 0 ? SIDES : [...SIDES].reverse();
      for (const side of order) samples[side].push(await checkedRun(world, spec[side], side));
    }
    const [ours, oursNoCodeCache, off, offBundled] = SIDES.map((side) =>
      summarise(samples[side]),
    ) as [SideFigures, SideFigures, SideFigures, SideFigures];
    const ratio = round(ours.medianMs / off.medianMs, 3);
    return {
      measuredAs:
        'performance.now() in a fresh node process when main_handler resolved: ms since ' +
        'process start (node boot + require + first delivery handled); medians of runs',
      work: 'topic delivery TASK_INSTANCE_FAILED -> DescribeTask -> COS stderr tail -> webhook',
      ours,
      oursNoCodeCache,
      ratioNoCodeCache: round(oursNoCodeCache.medianMs / off.medianMs, 3),
      official: off,
      officialBundled: offBundled,
      ratio,
      ratioVsOfficialBundled: round(ours.medianMs / offBundled.medianMs, 3),
      target: 'ratio <= 0.5',
      met: ratio <= 0.5,
      dryRunFirstDelivery: await measureDryRuns(packaged.outDir),
      bundleSizes: packaged.bundles.map((b) => ({
        name: b.name,
        entryBytes: b.entryBytes,
        totalBytes: b.totalBytes,
        gzipBytes: b.gzipBytes,
      })),
      officialBundleSize: { entryBytes: official.entryBytes, gzipBytes: official.gzipBytes },
    };
  } finally {
    await world?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
};
