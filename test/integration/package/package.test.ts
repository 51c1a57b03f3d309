import { copyFileSync, cpSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ColdStartWorld, startColdStartWorld } from '../../../bench/cold-start/world.js';
import { createCosWriter } from '../../../sandbox/cos/cos-writer.js';
import { S3RVER_KEYS, type S3Server, startS3Server } from '../../../sandbox/cos/s3-server.js';
import { listFunctions } from '../../../scripts/package/build-bundles.js';
import { checkNodeFlags, recordCodeCache } from '../../../scripts/package/code-cache.js';
import { LAZY_PACKAGES } from '../../../scripts/package/lazy-chunks.js';
import { type RedisServer, startRedisServer } from '../../support/redis-server.js';
import { createPackageWorld, type PackageWorld, ROOT, readFixture } from './package-world.js';
import { type BundleRun, evalScript, requiredExportTypes, runBundle } from './run-bundle.js';

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
const S3_CHUNK = 'aws-s3.js';
const CHUNKS = LAZY_PACKAGES.map((p) => p.chunk);

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
      const scripts = ['app.js', ...CHUNKS].sort();
      expect(bundle(name).codeCaches).toEqual(
        scripts.map((f) => `${f}.v8-${process.versions.v8}.cache`),
      );
      const pkg = JSON.parse(readFileSync(join(bundle(name).dir, 'package.json'), 'utf8'));
      expect(pkg).toEqual({ type: 'commonjs' });
    }
    expect(world.result.config.origin).toBe('BATCH_BRIDGE_CONFIG_SOURCE');
    expect(existsSync(join(world.result.outDir, 'bridge.yml'))).toBe(true);
  });

  it.each(listFunctions(ROOT))('keeps the S3 client and ioredis out of app.js of %s', (name) => {
    // Arrange
    const { dir, entryInputs, lazyChunks, entryBytes, totalBytes } = bundle(name);
    // Act
    const entry = readFileSync(join(dir, 'app.js'), 'utf8');
    const chunk = readFileSync(join(dir, S3_CHUNK), 'utf8');
    // Assert
    expect(lazyChunks).toEqual(CHUNKS);
    expect(entryInputs.filter((p) => /node_modules\/(@aws-sdk|@smithy|ioredis)\//.test(p))).toEqual(
      [],
    );
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
      const app = join(bundle(name).dir, 'app.js');
      expect(run.codeCache).toMatchObject({ mode: 'on', files: { [app]: 'accepted' } });
      expect(Object.keys(run.codeCache.runMs)).toEqual([app]);
      expect(run.handledMs).toBeGreaterThanOrEqual(run.loadedMs);
    },
    30_000,
  );

  it.each(LAZY_PACKAGES)(
    'ships in $chunk exactly the exports lib uses of $module',
    async (lazy) => {
      // Arrange
      const chunk = join(bundle('topic').dir, lazy.chunk);
      // Act
      const types = await requiredExportTypes(chunk);
      // Assert
      expect(types).toEqual(Object.fromEntries(lazy.exports.map((n) => [n, 'function'])));
    },
  );
});

describe('the packaged S3 chunk', () => {
  const BUCKET = 'logs-1251000000';
  let s3: S3Server;
  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET] });
    const writer = await createCosWriter(s3.endpoint);
    await writer.writeLog(
      `cos://${BUCKET}.cos.ap-guangzhou.myqcloud.com/run/err.log`,
      'a\nb\nlast line\n',
    );
    writer.close();
  }, 15_000);
  afterAll(async () => {
    await s3?.stop();
  });

  const READ = `
const s3 = require(process.argv[1]);
const [endpoint, keys] = [process.argv[2], JSON.parse(process.argv[3])];
const client = new s3.S3Client({
  region: 'ap-guangzhou', endpoint, forcePathStyle: true, maxAttempts: 1,
  requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  ...(keys === null ? {} : { credentials: { accessKeyId: keys.secretId, secretAccessKey: keys.secretKey } }),
});
client.send(new s3.GetObjectCommand({ Bucket: '${BUCKET}', Key: 'run/err.log', Range: 'bytes=4-13' }))
  .then((out) => out.Body.transformToString())
  .then((text) => process.stdout.write(JSON.stringify({ text })), (e) => process.stdout.write(JSON.stringify({ error: e.message })))
  .finally(() => client.destroy());`;

  it('reads a ranged object with the credentials it is given, and has no default chain', async () => {
    // Arrange
    const chunk = join(bundle('topic').dir, 'aws-s3.js');
    // Act
    const given = await evalScript(READ, [chunk, s3.endpoint, JSON.stringify(S3RVER_KEYS)]);
    const none = await evalScript(READ, [chunk, s3.endpoint, 'null']);
    // Assert
    expect(JSON.parse(given)).toEqual({ text: 'last line\n' });
    expect(JSON.parse(none).error).toContain('its default chain is not bundled');
  });
});

describe('a packaged topic bundle, live', () => {
  let live: ColdStartWorld;
  beforeAll(async () => {
    live = await startColdStartWorld();
  }, 30_000);
  afterAll(async () => {
    await live?.close();
  });

  it('reads the failed task stderr from COS through the loader and alerts with it', async () => {
    // Arrange: a config of its own, alerting the world's webhook sink.
    const dir = bundle('topic').dir;
    const config = join(world.tmp, 'live.yml');
    writeFileSync(
      config,
      `version: 1\nregion: ap-guangzhou\nchannels:\n  sink: { type: webhook, url: "${live.sink.url}/hook" }\n` +
        'rules:\n  - name: failures\n    on: TASK_INSTANCE_FAILED\n' +
        '    do: [{ alert: { channel: sink, logs: { stream: stderr, lines: 30 } } }]\n',
    );
    const env = {
      BATCH_BRIDGE_DRY_RUN: 'false',
      BATCH_BRIDGE_CONFIG: config,
      BATCH_BRIDGE_BATCH_ENDPOINT: live.emulatorUrl,
      BATCH_BRIDGE_COS_ENDPOINT: live.cosUrl,
      TENCENTCLOUD_SECRET_ID: S3RVER_KEYS.secretId,
      TENCENTCLOUD_SECRET_KEY: S3RVER_KEYS.secretKey,
    };
    const reads = live.cosReads();
    // Act
    const run = await runBundle(dir, live.delivery, env);
    // Assert
    expect(run.reply).toMatchObject({ actions: { done: 1, failed: 0 }, retry: false });
    expect(live.cosReads()).toBeGreaterThan(reads);
    expect(JSON.stringify(live.sink.received().at(-1)?.body)).toContain('disk quota exceeded');
    expect(run.codeCache.files).toEqual({
      [join(dir, 'app.js')]: 'accepted',
      [join(dir, 'aws-s3.js')]: 'accepted',
    });
  }, 30_000);
});

describe('a packaged bundle with state in Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  }, 15_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it('loads ioredis from its chunk, with its code cache, and keeps state there', async () => {
    // Arrange: the drain marks each message it processed in the state store.
    const dir = bundle('drain').dir;
    world.queue.send('bridge-inbox', firstMessage());
    const env = { ...world.drainEnv, BATCH_BRIDGE_REDIS_URL: redis.url };
    // Act
    const run = await runBundle(dir, { ...TIMER, TriggerName: 'drain' }, env);
    // Assert
    expect(run.reply).toMatchObject({ processed: 1, deleted: 1 });
    expect(run.codeCache.files).toEqual({
      [join(dir, 'app.js')]: 'accepted',
      [join(dir, 'ioredis.js')]: 'accepted',
    });
    const client = new Redis(redis.url);
    const keys = await client.keys('bb:v:msg:*').finally(() => client.disconnect());
    expect(keys).toHaveLength(1);
  }, 30_000);
});

describe('the code-cache loader', () => {
  const copyOf = (name: string): string => {
    const dir = join(world.tmp, `copy-${name}-${Math.random().toString(36).slice(2)}`);
    cpSync(bundle(name).dir, dir, { recursive: true });
    return dir;
  };
  const cacheOf = (dir: string, file: string) =>
    join(dir, `${file}.v8-${process.versions.v8}.cache`);

  it('says in the cold-start log line what it did with the caches', async () => {
    // Arrange
    const dir = bundle('tick').dir;
    // Act
    const run = await runBundle(dir, TIMER, { BATCH_BRIDGE_LOG_LEVEL: 'info' });
    // Assert
    const line = run.logs.find((l) => (l as { message?: string }).message === 'cold start');
    expect(line).toMatchObject({
      level: 'info',
      v8: process.versions.v8,
      codeCache: 'on',
      codeCacheFiles: { 'app.js': 'accepted' },
      nodeFlags: [],
    });
  });

  it('uses caches written under the Node flags the function runs with, and only then', async () => {
    // Arrange
    const dir = copyOf('tick');
    const flags = ['--max-old-space-size=200'];
    await recordCodeCache({ root: ROOT, dir, name: 'tick', lazyChunks: CHUNKS, nodeFlags: flags });
    // Act
    const same = await runBundle(dir, TIMER, { BATCH_BRIDGE_LOG_LEVEL: 'info' }, flags);
    const plain = await runBundle(dir, TIMER);
    // Assert
    expect(same.codeCache.files).toEqual({ [join(dir, 'app.js')]: 'accepted' });
    expect(plain.codeCache.files).toEqual({ [join(dir, 'app.js')]: 'rejected' });
    const line = same.logs.find((l) => (l as { message?: string }).message === 'cold start');
    expect(line).toMatchObject({ nodeFlags: flags });
  });

  it('refuses anything but --name=value as a Node flag to package with', () => {
    // Act
    const check = () => checkNodeFlags(['--max-old-space-size=200', '-e', 'process.exit()']);
    // Assert
    expect(check).toThrow('not a Node flag: -e process.exit()');
  });

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
    expect(off.codeCache).toMatchObject({ mode: 'off', files: { [join(dir, 'app.js')]: 'none' } });
    expect(foreign.codeCache.files).toEqual({ [join(other, 'app.js')]: 'none' });
  });
});
