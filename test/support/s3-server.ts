import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { S3RVER_KEYS } from '../../sandbox/cos/s3-server.js';

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
