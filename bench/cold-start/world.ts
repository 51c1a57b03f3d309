import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BatchEventMessage } from '../../sandbox/batch-emulator/index.js';
import { type BatchEmulator, createBatchEmulator } from '../../sandbox/batch-emulator/index.js';
import { createCosWriter } from '../../sandbox/cos/cos-writer.js';
import { S3RVER_KEYS, type S3Server, startS3Server } from '../../sandbox/cos/s3-server.js';
import { startWebhookSink, type WebhookSink } from '../../sandbox/webhook-sink/webhook-sink.js';

/**
 * The peers both handlers talk to, started once: the Batch emulator, COS on s3rver behind a
 * loopback front, and a webhook sink. One job has failed (exit 3) and its stderr is in the
 * bucket; `delivery` is the topic trigger's event for that failed instance.
 */

export const BUCKET = 'logs-1251000000';
const LOGS = `cos://${BUCKET}.cos.ap-guangzhou.myqcloud.com/run/`;
const TOPIC = 'batch-events';

export interface ColdStartWorld {
  readonly emulatorUrl: string;
  /** The COS endpoint both handlers use: the front, which forwards to s3rver. */
  readonly cosUrl: string;
  /** GET requests the front has forwarded so far: a tail read from COS, not another way. */
  cosReads(): number;
  readonly sink: WebhookSink;
  readonly delivery: unknown;
  readonly jobId: string;
  close(): Promise<void>;
}

/**
 * s3rver verifies AWS signatures only; Tencent's COS SDK signs with COS's own scheme
 * (`q-sign-algorithm=sha1&…`), which s3rver rejects as an unknown type. The front drops that
 * one header (s3rver serves unsigned requests) and forwards everything else untouched, so our
 * SigV4-signed requests are still verified. Both handlers go through it: the hop is shared.
 */
const startCosFront = async (target: string, onGet: () => void): Promise<Server> => {
  const { port } = new URL(target);
  const server = createServer((req, res) => {
    if (req.method === 'GET') onGet();
    const headers = { ...req.headers };
    if (headers.authorization?.startsWith('q-sign-algorithm=') === true)
      delete headers.authorization;
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
};

const FAILING_TASK = {
  TaskName: 'frame',
  TaskInstanceNum: 1,
  Application: {
    DeliveryForm: 'LOCAL',
    Command: '>&2 echo reading frame 0042; >&2 echo disk quota exceeded; exit 3',
  },
  ComputeEnv: {
    EnvType: 'MANAGED',
    EnvData: { InstanceType: 'S5.MEDIUM4', ImageId: 'img-cs0001' },
  },
  RedirectInfo: { StdoutRedirectPath: LOGS, StderrRedirectPath: LOGS },
};

const submitFailingJob = async (emulator: BatchEmulator): Promise<string> => {
  const { createBatchClient, staticCredentials } = await import('../../lib/tencent/index.js');
  const client = createBatchClient({
    credentials: staticCredentials(S3RVER_KEYS),
    region: 'ap-guangzhou',
    endpoint: emulator.url,
  });
  const notifications = [
    { TopicName: TOPIC, EventConfigs: [{ EventName: 'TASK_INSTANCE_FAILED', EventVars: [] }] },
  ];
  const { JobId } = await client.submitJob({
    Placement: { Zone: 'ap-guangzhou-3' },
    Job: { JobName: 'render-cold-start', Tasks: [FAILING_TASK], Notifications: notifications },
  });
  await emulator.waitFor(() => emulator.job(JobId)?.state === 'FAILED', 15_000);
  return JobId;
};

/** What SCF hands a topic-triggered function: `{Records:[{CMQ:{…, msgBody}}]}`. */
const topicDelivery = (message: BatchEventMessage) => ({
  Records: [
    {
      CMQ: {
        type: 'topic',
        topicOwner: 1251000000,
        topicName: TOPIC,
        subscriptionName: 'bridge-trigger',
        publishTime: new Date().toISOString(),
        msgId: '14073749001',
        requestId: '14073749001',
        msgBody: JSON.stringify(message),
        msgTag: '',
      },
    },
  ],
});

export const startColdStartWorld = async (): Promise<ColdStartWorld> => {
  const s3: S3Server = await startS3Server({ buckets: [BUCKET] });
  const cos = await createCosWriter(s3.endpoint);
  let cosReads = 0;
  const front = await startCosFront(s3.endpoint, () => {
    cosReads += 1;
  });
  const sink = await startWebhookSink();
  const messages: BatchEventMessage[] = [];
  const emulator = await createBatchEmulator({
    credentials: [S3RVER_KEYS],
    speed: 50,
    publish: (_topic, message) => {
      messages.push(message);
    },
    writeLog: cos.writeLog,
  });
  const close = async (): Promise<void> => {
    await emulator.close();
    await sink.close();
    front.closeAllConnections();
    await new Promise<void>((resolve) => front.close(() => resolve()));
    cos.close();
    await s3.stop();
  };
  try {
    const jobId = await submitFailingJob(emulator);
    await emulator.flushEvents();
    const failed = messages.find((m) =>
      m.Events.some((e) => e.EventName === 'TASK_INSTANCE_FAILED'),
    );
    if (failed === undefined) throw new Error('the emulator published no TASK_INSTANCE_FAILED');
    const { port } = front.address() as AddressInfo;
    return {
      emulatorUrl: emulator.url,
      cosUrl: `http://127.0.0.1:${port}`,
      cosReads: () => cosReads,
      sink,
      delivery: topicDelivery(failed),
      jobId,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
};
