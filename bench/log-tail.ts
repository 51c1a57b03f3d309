import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type CosLogStore, createCosLogStore, type LogObject } from '../lib/logs/index.js';
import { staticCredentials } from '../lib/tencent/index.js';
import {
  createS3TestClient,
  generatedLog,
  LINE_BYTES,
  putObject,
  S3RVER_KEYS,
  startS3Server,
} from '../test/support/s3-server.js';

export interface LogTailFigures {
  readonly bigLogMb: number;
  readonly smallLogMb: number;
  readonly lines: number;
  readonly bigTailMs: number;
  readonly smallTailMs: number;
  /** Tail time on the big log over the small one: ~1 when cost does not grow with size. */
  readonly bigToSmallTimeRatio: number;
  readonly bigTailBytesRead: number;
  readonly smallTailBytesRead: number;
  readonly fullGetMs: number;
  readonly fullGetBytes: number;
  /** Full GetObject time over the ranged tail of the same big log. */
  readonly fullGetToTailTimeRatio: number;
}

const BUCKET = 'bench-1250000000';
const at = (key: string): LogObject => ({ bucket: BUCKET, region: 'ap-guangzhou', key });
const round = (n: number, places = 2): number => Math.round(n * 10 ** places) / 10 ** places;

const median = async (runs: number, fn: () => Promise<void>): Promise<number> => {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
};

const tailOnce = async (store: CosLogStore, key: string, lines: number): Promise<number> => {
  const result = await store.tail(at(key), { lines });
  if (result.status !== 'ok') throw new Error(`bench: ${key} is missing`);
  return result.bytesRead;
};

/** The baseline: download the whole object, counting bytes without keeping them. */
const fullGet = async (client: S3Client, key: string): Promise<number> => {
  const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  let bytes = 0;
  for await (const chunk of out.Body as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
};

/** Ranged tail of a `bigMb` log against a 1 MB one and against a full GetObject, on s3rver. */
export const benchLogTail = async (bigMb = 256, lines = 30): Promise<LogTailFigures> => {
  const server = await startS3Server({ buckets: [BUCKET] });
  const admin = await createS3TestClient(server.endpoint);
  const store = createCosLogStore({
    credentials: staticCredentials(S3RVER_KEYS),
    endpoint: server.endpoint,
  });
  try {
    const sizes = { 'big.log': bigMb, 'small.log': 1 } as const;
    for (const [key, mb] of Object.entries(sizes)) {
      const log = generatedLog(Math.floor((mb * 1024 * 1024) / LINE_BYTES));
      await putObject(admin, at(key), log.body, log.size);
    }
    await tailOnce(store, 'small.log', lines);
    const bigTailBytesRead = await tailOnce(store, 'big.log', lines);
    const smallTailBytesRead = await tailOnce(store, 'small.log', lines);
    const smallTailMs = await median(
      21,
      async () => void (await tailOnce(store, 'small.log', lines)),
    );
    const bigTailMs = await median(21, async () => void (await tailOnce(store, 'big.log', lines)));
    let fullGetBytes = 0;
    const fullGetMs = await median(3, async () => {
      fullGetBytes = await fullGet(admin, 'big.log');
    });
    return {
      bigLogMb: bigMb,
      smallLogMb: 1,
      lines,
      bigTailMs: round(bigTailMs),
      smallTailMs: round(smallTailMs),
      bigToSmallTimeRatio: round(bigTailMs / smallTailMs),
      bigTailBytesRead,
      smallTailBytesRead,
      fullGetMs: round(fullGetMs),
      fullGetBytes,
      fullGetToTailTimeRatio: round(fullGetMs / bigTailMs, 1),
    };
  } finally {
    store.close();
    admin.destroy();
    await server.stop();
  }
};
