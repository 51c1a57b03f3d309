import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CosLogStore,
  cosLogObject,
  createCosLogStore,
  type LogObject,
  MISSING_FROM_COS,
} from '../../../lib/logs/index.js';
import { staticCredentials } from '../../../lib/tencent/index.js';
import {
  putObject,
  S3RVER_KEYS,
  type S3Server,
  startCosTestWorld,
  stopCosTestWorld,
} from '../../support/s3-server.js';

const BUCKET = 'logs-1250000000';
const at = (key: string): LogObject => ({ bucket: BUCKET, region: 'ap-guangzhou', key });

let server: S3Server;
let admin: S3Client;
let store: CosLogStore;

beforeAll(async () => {
  ({ server, admin, store } = await startCosTestWorld(BUCKET));
});

afterAll(() => stopCosTestWorld({ server, admin, store }));

const numbered = (count: number): string =>
  Array.from({ length: count }, (_, i) => `line ${i + 1}\n`).join('');

describe('CosLogStore.tail against s3rver', () => {
  it('returns exactly the last N lines of a small log', async () => {
    // Arrange
    await putObject(admin, at('exact.log'), numbered(100));
    // Act
    const result = await store.tail(at('exact.log'), { lines: 5 });
    // Assert
    expect(result).toEqual({
      status: 'ok',
      lines: ['line 96', 'line 97', 'line 98', 'line 99', 'line 100'],
      truncated: true,
      bytesRead: numbered(100).length,
      size: numbered(100).length,
      source: 'cos',
    });
  });

  it('returns every line of a log shorter than asked, not truncated', async () => {
    // Arrange
    await putObject(admin, at('short.log'), 'only\ntwo lines');
    // Act
    const result = await store.tail(at('short.log'), { lines: 30 });
    // Assert
    expect(result).toMatchObject({
      status: 'ok',
      lines: ['only', 'two lines'],
      truncated: false,
      size: 14,
    });
  });

  it('returns no lines for an empty log without a ranged read', async () => {
    // Arrange: s3rver answers any Range on an empty object with a broken response
    await putObject(admin, at('empty.log'), '');
    // Act
    const result = await store.tail(at('empty.log'));
    // Assert
    expect(result).toEqual({
      status: 'ok',
      lines: [],
      truncated: false,
      bytesRead: 0,
      size: 0,
      source: 'cos',
    });
  });

  it('says a missing log is missing, and why', async () => {
    // Arrange / Act
    const result = await store.tail(at('not-uploaded-yet.log'));
    // Assert
    expect(result).toEqual({ status: 'missing', reason: MISSING_FROM_COS, source: 'cos' });
  });

  it('drops a character cut by the window and normalises CRLF', async () => {
    // Arrange: 3-byte characters, so a 1000-byte window starts inside one
    const text = `${'€'.repeat(2000)}\r\nerror: 失败\r\nexit 1\r\n`;
    await putObject(admin, at('utf8.log'), text);
    // Act
    const result = await store.tail(at('utf8.log'), {
      lines: 5,
      initialWindow: 1000,
      maxBytes: 1000,
    });
    // Assert
    expect(result.status === 'ok' && result.lines.slice(1)).toEqual(['error: 失败', 'exit 1']);
    expect(result.status === 'ok' && result.lines[0]).toMatch(/^€+$/);
    expect(result).toMatchObject({ truncated: true, bytesRead: 1000 });
  });

  it('reads a log named by a legacy cos:// path through the endpoint override', async () => {
    // Arrange
    const object = cosLogObject(
      `cos://${BUCKET}.cosgz.myqcloud.com/hello2/logs/`,
      'stderr.job-1.A.0.log',
    );
    await putObject(admin, object, 'Traceback\nValueError: boom\n');
    // Act
    const result = await store.tail(object, { lines: 1 });
    // Assert
    expect(result).toMatchObject({ status: 'ok', lines: ['ValueError: boom'] });
  });

  it('fails with a non-retryable LogFetchError for unknown keys, without echoing them', async () => {
    // Arrange: s3rver checks the key id (it does not verify SigV4 signatures)
    await putObject(admin, at('private.log'), 'x\n');
    const keys = { secretId: 'AKIDunknown', secretKey: 'wrong-secret-key-value', token: 'tok-123' };
    const wrong = createCosLogStore({
      credentials: staticCredentials(keys),
      endpoint: server.endpoint,
    });
    // Act
    const attempt = wrong.tail(at('private.log'));
    // Assert
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      name: 'LogFetchError',
      code: 'LOG_FETCH',
      status: 403,
      retryable: false,
    });
    expect(String((error as Error).message)).not.toMatch(/AKIDunknown|wrong-secret|tok-123/);
    wrong.close();
  });

  it('reads through an injected S3 client and leaves it open on close', async () => {
    // Arrange
    await putObject(admin, at('injected.log'), 'via the injected client\n');
    const injected = createCosLogStore({
      credentials: staticCredentials(S3RVER_KEYS),
      client: admin,
    });
    // Act
    const result = await injected.tail(at('injected.log'));
    injected.close();
    const again = await store.tail(at('injected.log'));
    // Assert
    expect(result).toMatchObject({ status: 'ok', lines: ['via the injected client'] });
    expect(again).toMatchObject({ status: 'ok' });
    await expect(putObject(admin, at('still-open.log'), 'x')).resolves.toBeUndefined();
  });
});
