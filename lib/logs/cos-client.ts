import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { CredentialProvider } from '../tencent/index.js';

/**
 * The SDK exports lib/logs uses, and all the packaged S3 chunk carries: a name missing here is
 * a type error where it is used, not an undefined at run time in a bundle.
 */
export const S3_EXPORTS = ['S3Client', 'GetObjectCommand', 'HeadObjectCommand'] as const;
export type S3Module = Pick<typeof import('@aws-sdk/client-s3'), (typeof S3_EXPORTS)[number]>;

export interface CosClientSettings {
  readonly region: string;
  readonly credentials: CredentialProvider;
  /** `BATCH_BRIDGE_COS_ENDPOINT`: a local S3 server, addressed path-style. */
  readonly endpoint?: string | undefined;
}

/** Virtual-hosted COS endpoint for a region (platform.md 5.1). */
export const cosEndpoint = (region: string): string => `https://cos.${region}.myqcloud.com`;

/**
 * The S3 client settings COS needs. Checksums: since client-s3 3.729 the SDK sends and checks
 * CRC32 by default, which COS ignores or rejects (platform.md 5.4). Path style only for a
 * local override: COS buckets created since 2024 refuse it (batch-semantics.md 6).
 */
export const buildS3ClientConfig = (settings: CosClientSettings): S3ClientConfig => ({
  region: settings.region,
  endpoint: settings.endpoint ?? cosEndpoint(settings.region),
  forcePathStyle: settings.endpoint !== undefined,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
  credentials: async () => {
    const { secretId, secretKey, token } = await settings.credentials();
    // An expiration in the past makes the SDK ask again on every request, as the provider's
    // contract wants: SCF rotates role keys under a warm instance.
    return {
      accessKeyId: secretId,
      secretAccessKey: secretKey,
      ...(token === undefined ? {} : { sessionToken: token }),
      expiration: new Date(0),
    };
  },
});

let sdk: Promise<S3Module> | undefined;

/** The SDK is loaded on first use: code paths that never read a log never pay for it. */
export const loadS3Module = (): Promise<S3Module> => {
  sdk ??= import('@aws-sdk/client-s3');
  return sdk;
};

export interface S3ClientPool {
  /** The SDK module and a client for the region, both created on first use. */
  get(region: string): Promise<{ readonly s3: S3Module; readonly client: S3Client }>;
  destroy(): void;
}

/** One client per region (an object's region picks its endpoint), or the injected one. */
export const createS3ClientPool = (
  settings: Omit<CosClientSettings, 'region'> & { readonly client?: S3Client | undefined },
): S3ClientPool => {
  const clients = new Map<string, S3Client>();
  return {
    async get(region) {
      const s3 = await loadS3Module();
      if (settings.client !== undefined) return { s3, client: settings.client };
      // A local override serves every bucket, whatever region its path names.
      const slot = settings.endpoint === undefined ? region : '';
      let client = clients.get(slot);
      if (client === undefined) {
        client = new s3.S3Client(buildS3ClientConfig({ ...settings, region }));
        clients.set(slot, client);
      }
      return { s3, client };
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
};
