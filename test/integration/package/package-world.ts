import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalQueueServer, type LocalQueueServer } from '../../../sandbox/queue/index.js';
import { type PackageResult, packageFunctions } from '../../../scripts/package/build-bundles.js';

/**
 * One packaging run into a temp directory, plus a local TDMQ-CMQ queue for the drain bundle.
 * The shipped config is examples/bridge.yml with a `queue` added, given through
 * BATCH_BRIDGE_CONFIG_SOURCE from another directory, so the job-file copy is exercised too.
 */

export const ROOT = resolve(import.meta.dirname, '../../..');
export const QUEUE = 'bridge-inbox';
const KEYS = { secretId: 'AKIDpackagetest0001', secretKey: 'package-test-secret-0123456789' };

export interface PackageWorld {
  readonly tmp: string;
  readonly result: PackageResult;
  readonly queue: LocalQueueServer;
  /** What the drain bundle needs on top of the dry-run settings: the queue's address and keys. */
  readonly drainEnv: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

const writeConfigSource = (dir: string): string => {
  const source = join(dir, 'bridge.yml');
  const example = readFileSync(join(ROOT, 'examples/bridge.yml'), 'utf8');
  // The example names its own queue; the local queue server serves this one.
  writeFileSync(source, example.replace(/^queue: .*$/m, `queue: ${QUEUE}`));
  mkdirSync(join(dir, 'jobs'));
  copyFileSync(join(ROOT, 'examples/jobs/encode.json'), join(dir, 'jobs/encode.json'));
  return source;
};

export const createPackageWorld = async (): Promise<PackageWorld> => {
  const tmp = mkdtempSync(join(tmpdir(), 'batch-bridge-package-'));
  mkdirSync(join(tmp, 'config'));
  const source = writeConfigSource(join(tmp, 'config'));
  const result = await packageFunctions({
    root: ROOT,
    outDir: join(tmp, 'dist-scf'),
    env: { BATCH_BRIDGE_CONFIG_SOURCE: source },
  });
  const queue = await createLocalQueueServer({
    credentials: KEYS,
    queues: [{ name: QUEUE, visibilityTimeoutSeconds: 30, retentionSeconds: 43_200 }],
  });
  return {
    tmp,
    result,
    queue,
    drainEnv: {
      BATCH_BRIDGE_CMQ_ENDPOINT: queue.url,
      TENCENTCLOUD_SECRETID: KEYS.secretId,
      TENCENTCLOUD_SECRETKEY: KEYS.secretKey,
    },
    close: async () => {
      await queue.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
};

export const readFixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(ROOT, 'test/fixtures/deliveries', name), 'utf8'));
