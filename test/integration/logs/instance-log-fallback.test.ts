import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CosLogStore, createCosLogStore, tailInstanceLog } from '../../../lib/logs/index.js';
import { staticCredentials } from '../../../lib/tencent/index.js';
import { S3RVER_KEYS, type S3Server, startS3Server } from '../../support/s3-server.js';
import { b64, fakeBatch, instance } from './fake-batch.js';
import { startPlainS3Peer } from './plain-s3-peer.js';

const BUCKET = 'dondonbatch-1251783334';
const PATH = `cos://${BUCKET}.cosgz.myqcloud.com/hello2/logs/`;
const ref = { jobId: 'job-97zcl3wt', taskName: 'A', index: 1, stream: 'stderr' } as const;

let server: S3Server;
let store: CosLogStore;

/** An empty bucket: every object these tests name is one Batch never uploaded. */
beforeAll(async () => {
  server = await startS3Server({ buckets: [BUCKET] });
  store = createCosLogStore({
    credentials: staticCredentials(S3RVER_KEYS),
    endpoint: server.endpoint,
  });
});

afterAll(async () => {
  store.close();
  await server.stop();
});

describe('tailInstanceLog: the DescribeTaskLogs fallback', () => {
  it('falls back to the decoded DescribeTaskLogs text when the object is not in COS', async () => {
    // Arrange
    const redirect = { StderrRedirectPath: PATH, StderrRedirectFileName: 'never-uploaded.log' };
    const logs = [{ TaskInstanceIndex: 1, StderrLog: b64('step 1\nstep 2\r\nKilled\n') }];
    const { batch, calls } = fakeBatch([instance(1, redirect)], logs);
    // Act
    const result = await tailInstanceLog({ ...ref, lines: 2 }, { batch, store });
    // Assert
    expect(result).toEqual({
      status: 'ok',
      lines: ['step 2', 'Killed'],
      truncated: true,
      bytesRead: 22,
      size: 22,
      source: 'describe-task-logs',
    });
    expect(calls).toEqual(['DescribeTask Offset=0', 'DescribeTaskLogs']);
  });

  it('reports missing, with both reasons, when neither COS nor DescribeTaskLogs has the log', async () => {
    // Arrange
    const redirect = { StderrRedirectPath: PATH, StderrRedirectFileName: 'never-uploaded.log' };
    const { batch } = fakeBatch([instance(1, redirect)], [{ TaskInstanceIndex: 1, StderrLog: '' }]);
    // Act
    const result = await tailInstanceLog(ref, { batch, store });
    // Assert
    expect(result).toMatchObject({ status: 'missing', source: 'describe-task-logs' });
    expect(result.status === 'missing' && result.reason).toMatch(
      /uploads stdout\/stderr when the task instance ends.*DescribeTaskLogs has no stderr/,
    );
  });

  it('falls back when the redirect path is not a readable COS path', async () => {
    // Arrange
    const redirect = { StderrRedirectPath: 'cos://bucket-appid..cosgz.myqcloud.com/hello2/logs/' };
    const logs = [{ TaskInstanceIndex: 1, StderrLog: b64('only here\n') }];
    const { batch } = fakeBatch([instance(1, redirect)], logs);
    // Act
    const result = await tailInstanceLog(ref, { batch, store });
    // Assert
    expect(result).toMatchObject({
      status: 'ok',
      lines: ['only here'],
      source: 'describe-task-logs',
    });
  });

  it('uses DescribeTaskLogs when COS fails, and rethrows the COS failure when that is empty too', async () => {
    // Arrange: a peer answering 503 to every GET
    const peer = await startPlainS3Peer({
      size: 10,
      open: () => {
        throw new Error('unused');
      },
    });
    peer.mode = { kind: 'status', status: 503 };
    const broken = createCosLogStore({
      credentials: staticCredentials(S3RVER_KEYS),
      endpoint: peer.endpoint,
    });
    const redirect = { StderrRedirectPath: PATH, StderrRedirectFileName: 'x.log' };
    const withLog = fakeBatch(
      [instance(1, redirect)],
      [{ TaskInstanceIndex: 1, StderrLog: b64('saved\n') }],
    );
    const withoutLog = fakeBatch([instance(1, redirect)], []);
    // Act
    const result = await tailInstanceLog(ref, { batch: withLog.batch, store: broken });
    const error = await tailInstanceLog(ref, { batch: withoutLog.batch, store: broken }).catch(
      (e: unknown) => e,
    );
    // Assert
    expect(result).toMatchObject({ status: 'ok', lines: ['saved'], source: 'describe-task-logs' });
    expect(error).toMatchObject({ name: 'LogFetchError', status: 503, retryable: true });
    broken.close();
    await peer.stop();
  });
});
