import type { S3Client } from '@aws-sdk/client-s3';
import { type Logger, silentLogger } from '../logger.js';
import type { CredentialProvider } from '../tencent/index.js';
import { createS3ClientPool } from './cos-client.js';
import { createCosRangeReader } from './cos-range-reader.js';
import { followObject } from './follow.js';
import { tailObject } from './tail-window.js';
import type { LogStore } from './types.js';

export const DEFAULT_COS_TIMEOUT_MS = 10_000;
const DEFAULT_REGION = 'ap-guangzhou';

export interface CosLogStoreOptions {
  readonly credentials: CredentialProvider;
  /** Signing region when `endpoint` overrides COS; objects otherwise carry their own. */
  readonly region?: string;
  /** `BATCH_BRIDGE_COS_ENDPOINT`, e.g. `http://127.0.0.1:4568`: addressed path-style. */
  readonly endpoint?: string;
  /** A ready client (used for every object); when absent one is built per region on first use. */
  readonly client?: S3Client;
  /** Per request, body included. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
}

export interface CosLogStore extends LogStore {
  /** Closes the clients this store created (not an injected one). */
  close(): void;
}

/** Logs in COS through the S3 API. Nothing is loaded or connected until the first read. */
export const createCosLogStore = (options: CosLogStoreOptions): CosLogStore => {
  const logger = options.logger ?? silentLogger;
  const pool = createS3ClientPool({
    credentials: options.credentials,
    endpoint: options.endpoint,
    client: options.client,
  });
  const reader = createCosRangeReader({
    pool,
    timeoutMs: options.timeoutMs ?? DEFAULT_COS_TIMEOUT_MS,
    logger,
  });
  const overrideRegion =
    options.endpoint === undefined ? undefined : (options.region ?? DEFAULT_REGION);
  // Through a local override the signing region is the override's, whatever the path said.
  const place = <T extends { readonly region: string }>(object: T): T =>
    overrideRegion === undefined ? object : { ...object, region: overrideRegion };
  return {
    async tail(object, tailOptions) {
      const result = await tailObject(reader, place(object), tailOptions);
      const { bucket, key } = object;
      if (result.status === 'ok')
        logger.debug('cos: tail', { bucket, key, bytesRead: result.bytesRead, size: result.size });
      else logger.debug('cos: log missing', { bucket, key });
      return result;
    },
    follow: (object, followOptions) => followObject(reader, place(object), followOptions),
    close: () => pool.destroy(),
  };
};
