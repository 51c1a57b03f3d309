import { cosLogObject } from '../../lib/logs/index.js';
import { S3RVER_KEYS } from './s3-server.js';

/**
 * What Batch does when a task instance ends: upload its stdout/stderr to the COS path of its
 * RedirectInfo. Here the bucket lives on the local S3 server.
 */
export const createCosWriter = async (endpoint: string) => {
  const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    endpoint,
    region: 'ap-guangzhou',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: S3RVER_KEYS.secretId, secretAccessKey: S3RVER_KEYS.secretKey },
    // The SDK warns of "a Stream of unknown length" even for a Buffer with ContentLength.
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: console.error },
  });
  return {
    writeLog: async (cosUrl: string, content: string): Promise<void> => {
      const cut = cosUrl.lastIndexOf('/') + 1;
      const object = cosLogObject(cosUrl.slice(0, cut), cosUrl.slice(cut));
      await client.send(
        new PutObjectCommand({ Bucket: object.bucket, Key: object.key, Body: content }),
      );
    },
    close: () => client.destroy(),
  };
};
