import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosLogStore, LogObject, TailFound, TailResult } from '../../../lib/logs/index.js';
import {
  generatedLine,
  generatedLog,
  LINE_BYTES,
  putObject,
  type S3Server,
  startCosTestWorld,
  stopCosTestWorld,
} from '../../support/s3-server.js';

const BUCKET = 'big-1250000000';
const at = (key: string): LogObject => ({ bucket: BUCKET, region: 'ap-guangzhou', key });
const BIG_LINES = 2_000_000; // 200 MB
const SMALL_LINES = 10_000; // 1 MB

let server: S3Server;
let admin: S3Client;
let store: CosLogStore;

beforeAll(async () => {
  ({ server, admin, store } = await startCosTestWorld(BUCKET));
  for (const [key, lines] of [
    ['big.log', BIG_LINES],
    ['small.log', SMALL_LINES],
  ] as const) {
    const log = generatedLog(lines);
    await putObject(admin, at(key), log.body, log.size);
  }
}, 60_000);

afterAll(() => stopCosTestWorld({ server, admin, store }));

/** Median of five tails, so one slow tick of the event loop does not decide the test. */
const timedTail = async (key: string): Promise<{ ms: number; result: TailFound }> => {
  const times: number[] = [];
  let result: TailResult | undefined;
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    result = await store.tail(at(key), { lines: 30 });
    times.push(performance.now() - start);
  }
  if (result?.status !== 'ok') throw new Error(`${key} is missing`);
  return { ms: times.sort((a, b) => a - b)[2] ?? 0, result };
};

describe('CosLogStore.tail on a 200 MB log', () => {
  it('reads the same small window and takes about as long as on a 1 MB log', async () => {
    // Arrange
    await timedTail('small.log');
    // Act
    const small = await timedTail('small.log');
    const big = await timedTail('big.log');
    // Assert
    const lastLines = (n: number) =>
      Array.from({ length: 30 }, (_, i) => generatedLine(n - 30 + i));
    expect(big.result.lines).toEqual(lastLines(BIG_LINES));
    expect(small.result.lines).toEqual(lastLines(SMALL_LINES));
    expect(big.result.size).toBe(BIG_LINES * LINE_BYTES);
    expect(big.result.bytesRead).toBe(small.result.bytesRead);
    expect(big.result.bytesRead).toBeLessThan(1024 * 1024);
    expect(big.ms).toBeLessThan(Math.max(small.ms * 5, small.ms + 100));
  });
});
