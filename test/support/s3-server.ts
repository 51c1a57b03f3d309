import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';

/** s3rver's built-in account: the only keys it accepts signatures from. */
export const S3RVER_KEYS = { secretId: 'S3RVER', secretKey: 'S3RVER' } as const;

export interface S3Server {
  /** `http://127.0.0.1:PORT`, for path-style clients. */
  readonly endpoint: string;
  readonly directory: string;
  stop(): Promise<void>;
}

export interface S3ServerOptions {
  readonly buckets?: readonly string[];
}

/** The part of s3rver (CommonJS, untyped) this helper uses. */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  readonly httpServer?: Server;
}
type S3rverConstructor = new (options: {
  readonly address: string;
  readonly port: number;
  readonly silent: boolean;
  readonly directory: string;
  readonly configureBuckets: readonly { readonly name: string }[];
}) => S3rverInstance;

const loadS3rver = (): S3rverConstructor =>
  createRequire(import.meta.url)('s3rver') as S3rverConstructor;

/** A real S3-compatible server on loopback, storing objects in a fresh temp directory. */
export const startS3Server = async (options: S3ServerOptions = {}): Promise<S3Server> => {
  const directory = await mkdtemp(join(tmpdir(), 'batch-bridge-s3-'));
  const S3rver = loadS3rver();
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  try {
    const address = await server.run();
    return {
      endpoint: `http://127.0.0.1:${address.port}`,
      directory,
      async stop() {
        // Keep-alive sockets of SDK clients would hold close() open.
        server.httpServer?.closeAllConnections();
        await server.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(directory, { recursive: true, force: true });
    throw e;
  }
};

/** A path-style client on the server with s3rver's keys, for arranging objects in tests. */
export const createS3TestClient = async (endpoint: string): Promise<S3Client> => {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client({
    endpoint,
    region: 'ap-guangzhou',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: S3RVER_KEYS.secretId, secretAccessKey: S3RVER_KEYS.secretKey },
  });
};

/** Uploads a body; a stream needs its length, since s3rver and COS refuse chunked uploads. */
export const putObject = async (
  client: S3Client,
  object: { readonly bucket: string; readonly key: string },
  body: string | Uint8Array | Readable,
  contentLength?: number,
): Promise<void> => {
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  await client.send(
    new PutObjectCommand({
      Bucket: object.bucket,
      Key: object.key,
      Body: body,
      ContentLength:
        contentLength ?? (body instanceof Readable ? undefined : Buffer.byteLength(body)),
    }),
  );
};

/** Every generated line is this long, newline included, so sizes and offsets are exact. */
export const LINE_BYTES = 100;
const LINES_PER_CHUNK = 10_000;

/** Line `i` (0-based) of a generated log. */
export const generatedLine = (i: number): string =>
  `line ${String(i).padStart(12, '0')} `.padEnd(LINE_BYTES - 1, '.');

/**
 * A log of `lineCount` numbered lines as a stream of ~1 MB chunks, built as it is read, so a
 * 200 MB upload never holds more than one chunk in memory.
 */
export const generatedLog = (lineCount: number): { body: Readable; size: number } => {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let first = 0; first < lineCount; first += LINES_PER_CHUNK) {
      const last = Math.min(lineCount, first + LINES_PER_CHUNK);
      const lines: string[] = [];
      for (let i = first; i < last; i += 1) lines.push(generatedLine(i));
      yield Buffer.from(`${lines.join('\n')}\n`, 'latin1');
    }
  }
  return { body: Readable.from(chunks(), { objectMode: false }), size: lineCount * LINE_BYTES };
};
