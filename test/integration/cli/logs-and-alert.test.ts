import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../lib/cli/io.js';
import { runLogs } from '../../../lib/cli/logs.js';
import { createBatchClient, staticCredentials } from '../../../lib/tencent/index.js';
import { type BatchEmulator, createBatchEmulator } from '../../../sandbox/batch-emulator/index.js';
import { createCosWriter } from '../../../sandbox/cos/cos-writer.js';
import { S3RVER_KEYS, type S3Server, startS3Server } from '../../../sandbox/cos/s3-server.js';
import { startWebhookSink, type WebhookSink } from '../../../sandbox/webhook-sink/webhook-sink.js';
import { cli } from '../../unit/cli/helpers.js';

const BUCKET = 'logs-1251000000';
const LOGS = `cos://${BUCKET}.cos.ap-guangzhou.myqcloud.com/run/`;

let s3: S3Server;
let emulator: BatchEmulator;
let env: Record<string, string>;
let jobId: string;

const capture = (environment: Record<string, string>) => {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    env: environment,
    cwd: process.cwd(),
    readFile: async () => '',
    readStdin: async () => '',
  };
  return { io, out };
};

const logs = (target: string, extra: Partial<Parameters<typeof runLogs>[0]> = {}) => {
  const { io, out } = capture(env);
  const options = {
    target,
    stream: 'stderr' as const,
    tail: 30,
    follow: false,
    task: undefined,
    index: undefined,
    region: 'ap-guangzhou',
    stop: new AbortController().signal,
    ...extra,
  };
  return runLogs(options, io).then((code) => ({ code, ...out }));
};

beforeAll(async () => {
  s3 = await startS3Server({ buckets: [BUCKET] });
  const cos = await createCosWriter(s3.endpoint);
  emulator = await createBatchEmulator({
    credentials: [S3RVER_KEYS],
    speed: 50,
    writeLog: cos.writeLog,
  });
  env = {
    TENCENTCLOUD_SECRET_ID: 'S3RVER',
    TENCENTCLOUD_SECRET_KEY: 'S3RVER',
    BATCH_BRIDGE_BATCH_ENDPOINT: emulator.url,
    BATCH_BRIDGE_COS_ENDPOINT: s3.endpoint,
  };
  const client = createBatchClient({
    credentials: staticCredentials(S3RVER_KEYS),
    region: 'ap-guangzhou',
    endpoint: emulator.url,
  });
  const task = {
    TaskName: 'frame',
    TaskInstanceNum: 2,
    Application: { DeliveryForm: 'LOCAL', Command: '>&2 echo reading frame; exit 3' },
    ComputeEnv: {
      EnvType: 'MANAGED',
      EnvData: { InstanceType: 'S5.MEDIUM4', ImageId: 'img-test0001' },
    },
    RedirectInfo: { StdoutRedirectPath: LOGS, StderrRedirectPath: LOGS },
  };
  ({ JobId: jobId } = await client.submitJob({
    Placement: { Zone: 'ap-guangzhou-3' },
    Job: { JobName: 'logs-test', Tasks: [task] },
  }));
  await emulator.waitFor(() => emulator.job(jobId)?.state === 'FAILED', 10_000);
});

afterAll(async () => {
  await emulator.close();
  await s3.stop();
});

describe('batch-bridge logs', () => {
  it('tails an instance by job id, task and index, from COS', async () => {
    // Act
    const run = await logs(jobId, { task: 'frame', index: 1, tail: 2 });
    // Assert
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
    expect(run.stdout).toContain('ERROR: command exited with code 3');
    expect(run.stderr).toMatch(/# 2 lines from COS/);
  });

  it('tails a cos:// URL, and says when the object is not there', async () => {
    // Act
    const found = await logs(`${LOGS}stderr.${jobId}.frame.0.log`, { tail: 1 });
    const missing = await logs(`${LOGS}stderr.job-nothere1.frame.0.log`);
    // Assert
    expect(found.stdout.trim()).toBe('ERROR: command exited with code 3');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no log to show');
  });

  it('follows a finished instance to its end and stops', async () => {
    // Act
    const run = await logs(jobId, { task: 'frame', index: 0, follow: true });
    // Assert
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reading frame');
    expect(run.stdout.trimEnd().endsWith('ERROR: command exited with code 3')).toBe(true);
  });

  it('asks for --task and --index with a job id', async () => {
    // Act
    const run = await cli(['logs', 'job-abc12345']);
    // Assert
    expect(run.code).toBe(64);
  });
});

describe('batch-bridge alert test', () => {
  let sink: WebhookSink;
  let refusing: ReturnType<typeof createServer>;
  let refusingUrl: string;
  beforeAll(async () => {
    sink = await startWebhookSink();
    refusing = createServer((_req, res) =>
      res.end('{"errcode":93000,"errmsg":"invalid webhook url"}'),
    );
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/wecom`;
  });
  afterAll(async () => {
    await sink.close();
    await new Promise((r) => refusing.close(r));
  });

  it('sends a test message to the channel and exits 0', async () => {
    // Act
    const run = await cli(
      ['alert', 'test', '-c', 'test/fixtures/cli/alert-bridge.yml', '--channel', 'oncall'],
      { env: { HOOK: `${sink.url}/wecom/x` } },
    );
    // Assert
    expect(run.code).toBe(0);
    expect(JSON.stringify(sink.received()[0]?.body)).toContain('batch-bridge test message');
  });

  it("exits 1 with the channel's own error code, never its URL", async () => {
    // Act
    const run = await cli(
      ['alert', 'test', '-c', 'test/fixtures/cli/alert-bridge.yml', '--channel', 'oncall'],
      { env: { HOOK: refusingUrl } },
    );
    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('93000');
    expect(run.stderr).not.toContain(refusingUrl);
  });

  it('names the channels it knows when asked for another', async () => {
    // Act
    const run = await cli(
      ['alert', 'test', '-c', 'test/fixtures/cli/alert-bridge.yml', '--channel', 'nope'],
      { env: { HOOK: refusingUrl } },
    );
    // Assert
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('defined: oncall');
  });
});
