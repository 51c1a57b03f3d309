import { copyFileSync, cpSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3_EXPORTS } from '../../../lib/logs/cos-client.js';
import { listFunctions, S3_CHUNK } from '../../../scripts/package/build-bundles.js';
import { createPackageWorld, type PackageWorld, ROOT, readFixture } from './package-world.js';
import { type BundleRun, requiredExportTypes, runBundle } from './run-bundle.js';

const TIMER = { Type: 'Timer', TriggerName: 'tick', Time: '2024-03-02T08:20:00Z', Message: '' };
const topicEvent = readFixture('scf-topic-trigger.json');
const firstMessage = (): string => {
  const { Records } = topicEvent as { Records: { CMQ: { msgBody: string } }[] };
  return Records[0]?.CMQ.msgBody ?? '';
};

/** One delivery per function: a new functions/*.ts fails here until it gets its case. */
const CASES: Readonly<Record<string, { event: unknown; expected: unknown; usesQueue?: boolean }>> =
  {
    topic: { event: topicEvent, expected: { kind: 'topic-trigger', events: 2, retry: false } },
    http: {
      event: readFixture('function-url-event.json'),
      expected: { statusCode: 200, headers: { 'content-type': 'application/json' } },
    },
    tick: { event: TIMER, expected: { reconciled: [], failed: false } },
    drain: {
      event: { ...TIMER, TriggerName: 'drain' },
      expected: { received: 1, processed: 1, deleted: 1, stoppedBecause: 'empty' },
      usesQueue: true,
    },
  };

// The S3 client's own header name: present in its chunk, so its absence from an entry means it.
const S3_MARKER = 'x-amz-checksum';

let world: PackageWorld;
const runs = new Map<string, BundleRun>();
const bundle = (name: string) => {
  const found = world.result.bundles.find((b) => b.name === name);
  if (found === undefined) throw new Error(`no bundle named ${name}`);
  return found;
};

beforeAll(async () => {
  world = await createPackageWorld();
}, 60_000);

afterAll(async () => {
  const rows = [...runs].map(([name, r]) => ({
    name,
    entryKiB: +(bundle(name).entryBytes / 1024).toFixed(1),
    loadedMs: Math.round(r.loadedMs),
    firstDeliveryMs: Math.round(r.handledMs),
  }));
  console.table(rows);
  await world?.close();
});

describe('scripts/package', () => {
  it('builds one bundle per function, with its config beside it', () => {
    // Arrange
    const names = listFunctions(ROOT);
    // Act
    const built = world.result.bundles.map((b) => b.name);
    // Assert
    expect(built).toEqual(names);
    for (const name of names) {
      for (const file of ['index.js', 'app.js', 'app.js.map', 'bridge.yml', 'jobs/encode.json']) {
        expect(existsSync(join(bundle(name).dir, file)), `${name}/${file}`).toBe(true);
      }
      expect(bundle(name).codeCaches).toEqual([
        `app.js.v8-${process.versions.v8}.cache`,
        `aws-s3.js.v8-${process.versions.v8}.cache`,
      ]);
      const pkg = JSON.parse(readFileSync(join(bundle(name).dir, 'package.json'), 'utf8'));
      expect(pkg).toEqual({ type: 'commonjs' });
    }
    expect(world.result.config.origin).toBe('BATCH_BRIDGE_CONFIG_SOURCE');
    expect(existsSync(join(world.result.outDir, 'bridge.yml'))).toBe(true);
  });

  it.each(listFunctions(ROOT))('keeps the S3 client out of the entry chunk of %s', (name) => {
    // Arrange
    const { dir, entryInputs, lazyChunks, entryBytes, totalBytes } = bundle(name);
    // Act
    const entry = readFileSync(join(dir, 'app.js'), 'utf8');
    const chunk = readFileSync(join(dir, S3_CHUNK), 'utf8');
    // Assert
    expect(lazyChunks).toEqual([`./${S3_CHUNK}`]);
    expect(entryInputs.filter((p) => /node_modules\/@(aws-sdk|smithy)\//.test(p))).toEqual([]);
    expect(entry).not.toContain(S3_MARKER);
    expect(chunk).toContain(S3_MARKER);
    expect(entryBytes).toBeLessThan(totalBytes);
  });
});

describe('packaged bundles', () => {
  it.each(listFunctions(ROOT))(
    'answers a delivery from a fresh node process: %s',
    async (name) => {
      // Arrange
      const delivery = CASES[name];
      if (delivery === undefined) throw new Error(`add a delivery case for functions/${name}.ts`);
      if (delivery.usesQueue === true) world.queue.send('bridge-inbox', firstMessage());
      const env = delivery.usesQueue === true ? world.drainEnv : {};
      // Act
      const run = await runBundle(bundle(name).dir, delivery.event, env);
      runs.set(name, run);
      // Assert
      expect(run.reply).toMatchObject(delivery.expected as object);
      expect(run.s3Loaded).toBe(false);
      expect(run.undiciLoaded).toBe(false);
      expect(run.codeCache).toEqual({
        mode: 'on',
        files: { [join(bundle(name).dir, 'app.js')]: 'accepted' },
      });
      expect(run.handledMs).toBeGreaterThanOrEqual(run.loadedMs);
    },
    30_000,
  );

  it('ships in the S3 chunk exactly the SDK exports lib/logs uses', async () => {
    // Arrange
    const chunk = join(bundle('topic').dir, S3_CHUNK);
    // Act
    const types = await requiredExportTypes(chunk);
    // Assert
    expect(types).toEqual(Object.fromEntries(S3_EXPORTS.map((n) => [n, 'function'])));
  });
});

describe('the code-cache loader', () => {
  const copyOf = (name: string): string => {
    const dir = join(world.tmp, `copy-${name}-${Math.random().toString(36).slice(2)}`);
    cpSync(bundle(name).dir, dir, { recursive: true });
    return dir;
  };
  const cacheOf = (dir: string, file: string) =>
    join(dir, `${file}.v8-${process.versions.v8}.cache`);

  it('compiles as require would when a cache does not fit its file', async () => {
    // Arrange: the S3 chunk's cache in place of the bundle's: V8's check on the source fails.
    const dir = copyOf('tick');
    copyFileSync(cacheOf(dir, S3_CHUNK), cacheOf(dir, 'app.js'));
    // Act
    const run = await runBundle(dir, TIMER);
    // Assert
    expect(run.reply).toMatchObject(CASES['tick']?.expected as object);
    expect(run.codeCache.files).toEqual({ [join(dir, 'app.js')]: 'rejected' });
  });

  it('reads no cache with BATCH_BRIDGE_CODE_CACHE=off, nor one written by another V8', async () => {
    // Arrange
    const dir = copyOf('tick');
    const other = copyOf('tick');
    renameSync(cacheOf(other, 'app.js'), join(other, 'app.js.v8-0.0.0.0.cache'));
    // Act
    const off = await runBundle(dir, TIMER, { BATCH_BRIDGE_CODE_CACHE: 'off' });
    const foreign = await runBundle(other, TIMER);
    // Assert
    expect(off.reply).toMatchObject(CASES['tick']?.expected as object);
    expect(off.codeCache).toEqual({ mode: 'off', files: { [join(dir, 'app.js')]: 'none' } });
    expect(foreign.codeCache.files).toEqual({ [join(other, 'app.js')]: 'none' });
  });
});
