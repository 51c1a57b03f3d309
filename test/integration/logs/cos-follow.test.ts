import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosLogStore, LogObject } from '../../../lib/logs/index.js';
import {
  putObject,
  type S3Server,
  startCosTestWorld,
  stopCosTestWorld,
} from '../../support/s3-server.js';

const BUCKET = 'follow-1250000000';
const at = (key: string): LogObject => ({ bucket: BUCKET, region: 'ap-guangzhou', key });

let server: S3Server;
let admin: S3Client;
let store: CosLogStore;

beforeAll(async () => {
  ({ server, admin, store } = await startCosTestWorld(BUCKET));
});

afterAll(() => stopCosTestWorld({ server, admin, store }));

const collect = async (chunks: AsyncIterable<string>): Promise<string[]> => {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
};

describe('CosLogStore.follow against s3rver', () => {
  it('yields new text as the object grows, waits while it is missing, ends after until()', async () => {
    // Arrange: each poll asks until(), which grows the object one step; the second step cuts
    // "ö" (C3 B6) in half and ends between CR and LF
    const object = at('grows.log');
    const steps = [
      undefined,
      Buffer.concat([Buffer.from('hello\r'), Buffer.from([0xc3])]),
      Buffer.from('hello\rö\r'),
      Buffer.from('hello\rö\r\nrld\r\n'),
    ];
    let polls = 0;
    const until = async (): Promise<boolean> => {
      const step = steps[polls];
      polls += 1;
      if (step !== undefined) await putObject(admin, object, step);
      return polls >= steps.length;
    };
    // Act
    const chunks = await collect(store.follow(object, { pollMs: 5, until, chunkBytes: 4 }));
    // Assert
    expect(chunks.join('')).toBe('hello\rö\nrld\n');
    expect(chunks.join('')).not.toContain('\uFFFD');
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('starts from an offset', async () => {
    // Arrange
    const object = at('offset.log');
    await putObject(admin, object, 'skip me\nkeep me\n');
    // Act
    const chunks = await collect(store.follow(object, { fromOffset: 8, until: async () => true }));
    // Assert
    expect(chunks).toEqual(['keep me\n']);
  });

  it('stops at once when its signal aborts', async () => {
    // Arrange
    const object = at('aborted.log');
    await putObject(admin, object, 'first\n');
    const controller = new AbortController();
    const start = performance.now();
    // Act
    const chunks: string[] = [];
    for await (const chunk of store.follow(object, { pollMs: 60_000, signal: controller.signal })) {
      chunks.push(chunk);
      controller.abort();
    }
    // Assert
    expect(chunks).toEqual(['first\n']);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
