import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchClientOptions } from '../../../lib/tencent/batch-client-options.js';
import { staticCredentials } from '../../../lib/tencent/credentials.js';
import { type BatchTestServer, type Scenario, startBatchTestServer } from './batch-test-server.js';
import {
  everyTextOf,
  KEYS,
  recordingLogger,
  SECRET_ID,
  SECRET_KEY,
  SESSION_TOKEN,
  skipSleep,
  testClient,
} from './client-fixtures.js';

/** A secret of the job itself (COS keys in Task.Authentications) must not leak either. */
const JOB_SECRET = 'cos-job-secret-must-never-leak-0003';
const SUBMIT = {
  Placement: { Zone: 'ap-guangzhou-2' },
  Job: {
    Tasks: [
      {
        Application: { Command: 'echo', DeliveryForm: 'LOCAL' },
        Authentications: [{ Scene: 'COS', SecretId: 'AKIDcos', SecretKey: JOB_SECRET }],
      },
    ],
  },
  ClientToken: 'bridge-token-secret-test',
};

let server: BatchTestServer;
let closedPortUrl: string;

beforeAll(async () => {
  server = await startBatchTestServer(KEYS);
  // A port that was just free and is closed again: connections to it are refused.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  closedPortUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 1}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  await server.close();
});

const temporary = staticCredentials({
  secretId: SECRET_ID,
  secretKey: SECRET_KEY,
  token: SESSION_TOKEN,
});

const echoHeaders: Scenario = (request) => ({
  kind: 'error',
  code: 'InvalidParameter',
  message: `echo ${request.headers.authorization} token=${request.headers['x-tc-token']}`,
});

interface Case {
  readonly name: string;
  readonly scenario: Scenario;
  readonly options?: Partial<BatchClientOptions>;
  readonly endpoint?: () => string;
}

const CASES: readonly Case[] = [
  {
    name: 'a wrong secret key',
    scenario: () => ({ kind: 'ok', response: {} }),
    options: {
      credentials: staticCredentials({
        secretId: SECRET_ID,
        secretKey: `${SECRET_KEY}-wrong`,
        token: SESSION_TOKEN,
      }),
    },
  },
  { name: 'an error message echoing the request headers', scenario: echoHeaders },
  {
    name: 'a timeout',
    scenario: () => ({ kind: 'stall', ms: 2_000 }),
    options: { timeoutMs: 100 },
  },
  {
    name: 'a 500 page echoing the headers',
    scenario: (r) => ({ kind: 'raw', status: 500, body: String(r.headers.authorization) }),
  },
  { name: 'a dropped connection', scenario: () => ({ kind: 'hangup' }) },
  {
    name: 'a refused connection',
    scenario: () => ({ kind: 'hangup' }),
    endpoint: () => closedPortUrl,
  },
  {
    name: 'throttling until maxAttempts',
    scenario: () => ({ kind: 'error', code: 'RequestLimitExceeded' }),
  },
  {
    name: 'an unexpected response shape',
    scenario: () => ({ kind: 'ok', response: { JobId: 7 } }),
  },
  {
    name: 'a token that cannot be a header',
    scenario: () => ({ kind: 'ok', response: {} }),
    options: {
      credentials: staticCredentials({
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        token: `${SESSION_TOKEN}\r\nX: y`,
      }),
    },
  },
];

describe('secrets never reach errors or logs', () => {
  it.each(CASES)('keeps every secret out after $name', async ({ scenario, options, endpoint }) => {
    // Arrange
    server.scenario = scenario;
    server.requests.length = 0;
    const { calls, logger } = recordingLogger();
    const client = testClient(endpoint?.() ?? server.url, {
      credentials: temporary,
      logger,
      sleep: skipSleep,
      maxAttempts: 3,
      ...options,
    });

    // Act
    const error = await client.submitJob(SUBMIT).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(Error);
    const signatures = server.requests.map(
      (r) => /Signature=([0-9a-f]{64})/.exec(String(r.headers.authorization))?.[1] ?? '',
    );
    const authorizations = server.requests.map((r) => String(r.headers.authorization));
    const texts = [...everyTextOf(error), JSON.stringify(calls)];
    const secrets = [SECRET_KEY, SESSION_TOKEN, JOB_SECRET, ...signatures, ...authorizations];
    for (const text of texts) {
      for (const secret of secrets.filter((s) => s !== '')) expect(text).not.toContain(secret);
      expect(text).not.toContain('Signature=');
      expect(text).not.toContain('TC3-HMAC-SHA256');
    }
  });

  it('still says what went wrong after redacting an echoed header', async () => {
    // Arrange
    server.scenario = echoHeaders;
    const client = testClient(server.url, { credentials: temporary });

    // Act
    const error = await client.call('DescribeJob', { JobId: 'job-1' }).catch((e: unknown) => e);

    // Assert
    expect((error as Error).message).toMatch(
      /^Batch DescribeJob failed with InvalidParameter: echo /,
    );
    expect((error as Error).message).toContain('[redacted]');
  });
});
