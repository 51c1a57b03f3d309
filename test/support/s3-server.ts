import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { type CosLogStore, createCosLogStore } from '../../lib/logs/index.js';
import { staticCredentials } from '../../lib/tencent/index.js';
import { S3RVER_KEYS, type S3Server, startS3Server } from '../../sandbox/cos/s3-server.js';

export {
  S3RVER_KEYS,
  type S3Server,
  type S3ServerOptions,
  startS3Server,
} from '../../sandbox/cos/s3-server.js';

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

export interface CosTestWorld {
  readonly server: S3Server;
  /** Arranges objects, with s3rver's own keys. */
  readonly admin: S3Client;
  /** The bridge's log store, pointed at the server path-style. */
  readonly store: CosLogStore;
}

/** A local S3 server with one bucket, an admin client and the bridge's COS log store on it. */
export const startCosTestWorld = async (bucket: string): Promise<CosTestWorld> => {
  const server = await startS3Server({ buckets: [bucket] });
  const admin = await createS3TestClient(server.endpoint);
  const store = createCosLogStore({
    credentials: staticCredentials(S3RVER_KEYS),
    endpoint: server.endpoint,
  });
  return { server, admin, store };
};

export const stopCosTestWorld = async (world: CosTestWorld): Promise<void> => {
  world.store.close();
  world.admin.destroy();
  await world.server.stop();
};
