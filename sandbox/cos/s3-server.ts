import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
