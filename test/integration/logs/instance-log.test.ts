// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${BATCH_…} is Batch's placeholder syntax, kept literal on purpose
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CosLogStore, tailInstanceLog } from '../../../lib/logs/index.js';
import {
  putObject,
  type S3Server,
  startCosTestWorld,
  stopCosTestWorld,
} from '../../support/s3-server.js';
import { fakeBatch, instance } from './fake-batch.js';

const BUCKET = 'dondonbatch-1251783334';
const PATH = `cos://${BUCKET}.cosgz.myqcloud.com/hello2/logs/`;
const ref = { jobId: 'job-97zcl3wt', taskName: 'A', index: 1, stream: 'stderr' } as const;

let server: S3Server;
let admin: S3Client;
let store: CosLogStore;

beforeAll(async () => {
  ({ server, admin, store } = await startCosTestWorld(BUCKET));
  const put = (key: string, text: string) => putObject(admin, { bucket: BUCKET, key }, text);
  await put(
    'hello2/logs/stderr.job-97zcl3wt.A.1.log',
    'Traceback\nValueError: from the default name\n',
  );
  await put('hello2/logs/custom.A.1.err', 'ValueError: from a custom name\n');
  await put('hello2/logs/resolved-by-batch.log', 'ValueError: from RedirectInfo\n');
});

afterAll(() => stopCosTestWorld({ server, admin, store }));

describe('tailInstanceLog: finding the log', () => {
  it('reads the object DescribeTask names, without asking DescribeTaskLogs', async () => {
    // Arrange
    const { batch, calls } = fakeBatch([
      instance(0, null),
      instance(1, { StderrRedirectPath: PATH, StderrRedirectFileName: 'resolved-by-batch.log' }),
    ]);
    // Act
    const result = await tailInstanceLog({ ...ref, lines: 5 }, { batch, store });
    // Assert
    expect(result).toMatchObject({
      status: 'ok',
      lines: ['ValueError: from RedirectInfo'],
      source: 'cos',
    });
    expect(calls).toEqual(['DescribeTask Offset=0']);
  });

  it('assumes the default file name when RedirectInfo has only the path', async () => {
    // Arrange
    const { batch } = fakeBatch([
      instance(1, { StderrRedirectPath: PATH, StderrRedirectFileName: '' }),
    ]);
    // Act
    const result = await tailInstanceLog({ ...ref, lines: 1 }, { batch, store });
    // Assert
    expect(result).toMatchObject({ status: 'ok', lines: ['ValueError: from the default name'] });
  });

  it('takes path and custom name from DescribeTaskLogs when DescribeTask has none', async () => {
    // Arrange
    const logs = [
      {
        TaskInstanceIndex: 1,
        StderrRedirectPath: PATH,
        StderrRedirectFileName: 'custom.${BATCH_TASK_NAME}.${BATCH_TASK_INSTANCE_INDEX}.err',
      },
    ];
    const { batch } = fakeBatch([instance(1, null)], logs);
    // Act
    const result = await tailInstanceLog(ref, { batch, store });
    // Assert
    expect(result).toMatchObject({
      status: 'ok',
      lines: ['ValueError: from a custom name'],
      source: 'cos',
    });
  });

  it('pages DescribeTask to find a high instance index', async () => {
    // Arrange
    const many = Array.from({ length: 1500 }, (_, i) => instance(i, null));
    many[1200] = instance(1200, {
      StderrRedirectPath: PATH,
      StderrRedirectFileName: 'resolved-by-batch.log',
    });
    const { batch, calls } = fakeBatch(many);
    // Act
    const result = await tailInstanceLog({ ...ref, index: 1200 }, { batch, store });
    // Assert
    expect(result).toMatchObject({ status: 'ok', lines: ['ValueError: from RedirectInfo'] });
    expect(calls).toEqual(['DescribeTask Offset=0', 'DescribeTask Offset=1000']);
  });

  it('reports missing when no call names a redirect path and no text was kept', async () => {
    // Arrange
    const { batch } = fakeBatch(
      [instance(1, null)],
      [{ TaskInstanceIndex: 1, StderrRedirectPath: '' }],
    );
    // Act
    const result = await tailInstanceLog(ref, { batch, store });
    // Assert
    expect(result).toMatchObject({ status: 'missing', source: 'describe-task-logs' });
    expect(result.status === 'missing' && result.reason).toContain(
      'has no COS redirect path for stderr',
    );
  });

  it('lets a Batch API failure through unchanged', async () => {
    // Arrange
    const failure = new Error('DescribeTask failed');
    const { batch } = fakeBatch([]);
    const failing = { ...batch, describeTask: () => Promise.reject(failure) };
    // Act
    const error = await tailInstanceLog(ref, { batch: failing, store }).catch((e: unknown) => e);
    // Assert
    expect(error).toBe(failure);
  });

  it('lets a DescribeTaskLogs failure through when COS simply had no object', async () => {
    // Arrange
    const failure = new Error('DescribeTaskLogs failed');
    const redirect = { StderrRedirectPath: PATH, StderrRedirectFileName: 'never-uploaded.log' };
    const { batch } = fakeBatch([instance(1, redirect)]);
    const failing = { ...batch, describeTaskLogs: () => Promise.reject(failure) };
    // Act
    const error = await tailInstanceLog(ref, { batch: failing, store }).catch((e: unknown) => e);
    // Assert
    expect(error).toBe(failure);
  });
});
