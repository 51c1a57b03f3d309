import { afterEach, describe, expect, it } from 'vitest';
import {
  createCosLogStore,
  LogFetchError,
  type LogObject,
  type TailResult,
} from '../../../lib/logs/index.js';
import { staticCredentials } from '../../../lib/tencent/index.js';
import { generatedLine, generatedLog, S3RVER_KEYS } from '../../support/s3-server.js';
import { type PlainS3Peer, startPlainS3Peer } from './plain-s3-peer.js';

const object: LogObject = { bucket: 'logs-1250000000', region: 'ap-guangzhou', key: 'stderr.log' };
let peer: PlainS3Peer | undefined;

afterEach(async () => {
  await peer?.stop();
  peer = undefined;
});

const storeFor = (endpoint: string, timeoutMs = 5000) =>
  createCosLogStore({ credentials: staticCredentials(S3RVER_KEYS), endpoint, timeoutMs });

const failureOf = (attempt: Promise<TailResult>): Promise<unknown> =>
  attempt.then(
    () => undefined,
    (e: unknown) => e,
  );

const startWithLines = async (lines: number) => {
  const log = generatedLog(lines);
  const started = await startPlainS3Peer({ size: log.size, open: () => generatedLog(lines).body });
  peer = started;
  return started;
};

describe('CosLogStore.tail against a server that ignores Range', () => {
  it('tails a log no bigger than maxBytes from the full body', async () => {
    // Arrange: 1000 lines of 100 bytes, 16 KiB first window
    const server = await startWithLines(1000);
    const store = storeFor(server.endpoint);
    // Act
    const result = await store.tail(object, { lines: 3, maxBytes: 256 * 1024 });
    // Assert
    expect(result).toMatchObject({
      status: 'ok',
      lines: [generatedLine(997), generatedLine(998), generatedLine(999)],
      truncated: true,
      size: 100_000,
    });
    // The suffix read's body is dropped unread; its 200 told the size, so no HEAD was needed.
    expect(server.gets.map((g) => g.range)).toEqual(['bytes=-16384', 'bytes=83616-99999']);
    expect(server.heads()).toBe(0);
    store.close();
  });

  it('stops reading and fails when the wanted bytes lie beyond maxBytes', async () => {
    // Arrange: a 64 MB log served whole
    const server = await startWithLines(640_000);
    const store = storeFor(server.endpoint);
    // Act
    const error = await failureOf(store.tail(object, { lines: 3, maxBytes: 256 * 1024 }));
    // Assert
    expect(error).toMatchObject({ name: 'LogFetchError', code: 'LOG_FETCH', retryable: false });
    expect((error as Error).message).toContain('ignored the Range header');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.gets).toHaveLength(2);
    for (const get of server.gets) {
      expect(get).toMatchObject({ aborted: true });
      expect(get.written).toBeLessThan(16 * 1024 * 1024);
    }
    store.close();
  });
});

describe('CosLogStore.tail against a server that honours ranges, as COS does', () => {
  it('reads the tail with one suffix request and no HEAD', async () => {
    // Arrange
    const server = await startWithLines(1000);
    server.mode = { kind: 'honour-range' };
    const store = storeFor(server.endpoint);
    // Act
    const result = await store.tail(object, { lines: 3 });
    // Assert
    expect(result).toMatchObject({
      status: 'ok',
      lines: [generatedLine(997), generatedLine(998), generatedLine(999)],
      truncated: true,
      size: 100_000,
      bytesRead: 16_384,
    });
    expect(server.gets.map((g) => g.range)).toEqual(['bytes=-16384']);
    expect(server.heads()).toBe(0);
    store.close();
  });

  it('reads further back with explicit ranges when the suffix holds too few lines', async () => {
    // Arrange: 300 lines of 100 bytes wanted, 16 KiB first window
    const server = await startWithLines(1000);
    server.mode = { kind: 'honour-range' };
    const store = storeFor(server.endpoint);
    // Act
    const result = await store.tail(object, { lines: 300 });
    // Assert
    expect(result).toMatchObject({ status: 'ok', size: 100_000 });
    expect((result as { lines: string[] }).lines).toHaveLength(300);
    expect((result as { lines: string[] }).lines.at(-1)).toBe(generatedLine(999));
    expect(server.gets.map((g) => g.range)).toEqual(['bytes=-16384', 'bytes=67232-83615']);
    expect(server.heads()).toBe(0);
    store.close();
  });
});

describe('CosLogStore.tail failures', () => {
  it.each([
    [500, true],
    [503, true],
    [403, false],
  ])('wraps HTTP %i once as LogFetchError, retryable: %s', async (status, retryable) => {
    // Arrange
    const server = await startWithLines(10);
    server.mode = { kind: 'status', status };
    const store = storeFor(server.endpoint);
    // Act
    const error = await failureOf(store.tail(object));
    // Assert
    expect(error).toMatchObject({
      name: 'LogFetchError',
      status,
      retryable,
      operation: 'GetObject',
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect((error as Error).cause).not.toBeInstanceOf(LogFetchError);
    store.close();
  });

  it('rejects a 206 whose Content-Range is not the range asked for', async () => {
    // Arrange: what s3rver sends back for a suffix range, bytes from the start
    const server = await startWithLines(1000);
    server.mode = { kind: 'wrong-range', contentRange: 'bytes 0-16384/100000' };
    const store = storeFor(server.endpoint);
    // Act
    const error = await failureOf(store.tail(object));
    // Assert
    expect(error).toMatchObject({ name: 'LogFetchError', retryable: true });
    expect((error as Error).message).toContain('bytes 0-16384/100000');
    store.close();
  });

  it('gives up after timeoutMs on a server that never answers', async () => {
    // Arrange
    const server = await startWithLines(10);
    server.mode = { kind: 'hang' };
    const store = storeFor(server.endpoint, 300);
    const start = performance.now();
    // Act
    const error = await failureOf(store.tail(object));
    // Assert
    expect(error).toMatchObject({ name: 'LogFetchError', retryable: true });
    expect((error as Error).message).toContain('no answer within 300 ms');
    expect(performance.now() - start).toBeLessThan(3000);
    store.close();
  });
});
