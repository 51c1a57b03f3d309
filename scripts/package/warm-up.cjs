'use strict';
const { createServer } = require('node:http');
/**
 * Run by the loader while the packager records code caches (never shipped): code that has run
 * once is compiled, and the cache then carries it, so a cold start does not compile it again.
 * It runs the handler once on a sample delivery in dry run with examples/bridge.yml, whose
 * rules use every action (nothing is sent: that is a dry run's contract), and one ranged S3
 * GetObject from a loopback stand-in. Failures are ignored: what ran before is compiled anyway.
 */

const message = JSON.stringify({
  Events: [
    {
      EventVersion: '1.0',
      EventTime: '2024-03-02T08:11:05Z',
      Region: 'ap-guangzhou',
      EventName: 'TASK_INSTANCE_FAILED',
      EventVars: [{ Name: 'pipeline', Value: 'films' }],
      Batch: {
        JobId: 'job-warmup00',
        JobName: 'render-warm-up',
        TaskName: 'frame',
        TaskInstanceIndex: 0,
        TaskInstanceState: 'FAILED',
        ExitCode: 137,
        StateReason: 'Container exited with code 137',
        EnvId: 'env-ptoxdb1t',
        ComputeNodeId: 'node-warmup0',
      },
    },
    {
      EventVersion: '1.0',
      EventTime: '2024-03-02T08:15:42Z',
      Region: 'ap-guangzhou',
      EventName: 'JOB_SUCCEED',
      EventVars: [{ Name: 'pipeline', Value: 'films' }],
      Batch: {
        JobId: 'job-warmup01',
        JobName: 'render-warm-up',
        JobState: 'SUCCEED',
        EnvId: 'env-ptoxdb1t',
      },
    },
  ],
});

/** A delivery of the shape each function is triggered with. */
const SAMPLES = {
  topic: {
    Records: [
      {
        CMQ: {
          type: 'topic',
          topicOwner: 1250000000,
          topicName: 'batch-events',
          subscriptionName: 'bridge-trigger',
          publishTime: '2024-03-02T08:11:06.004Z',
          msgId: '1',
          requestId: '1',
          msgBody: message,
          msgTag: '',
        },
      },
    ],
  },
  http: {
    httpMethod: 'POST',
    path: '/',
    headers: { 'content-type': 'text/plain', 'x-cmq-message-id': '1' },
    queryString: {},
    body: message,
  },
  tick: { Type: 'Timer', TriggerName: 'tick', Time: '2024-03-02T08:20:00Z', Message: '' },
};

const context = {
  memory_limit_in_mb: 256,
  time_limit_in_ms: 3000,
  request_id: 'warm-up',
  function_name: 'warm-up',
  function_version: '$LATEST',
  namespace: 'default',
  getRemainingTimeInMillis: () => 3000,
};

const ignore = () => undefined;

/** A stand-in for COS on a loopback port: every GET gets the last bytes of a log. */
const startLogServer = () =>
  new Promise((resolve) => {
    const body = 'reading frame 0042\ndisk quota exceeded\n';
    const server = createServer((_req, res) => {
      const last = body.length - 1;
      res.writeHead(206, { 'content-range': `bytes 0-${last}/${body.length}` }).end(body);
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

/** One ranged GetObject as lib/logs makes it, body read to the end. */
const readLogTail = async (s3) => {
  const server = await startLogServer();
  const client = new s3.S3Client({
    region: 'ap-guangzhou',
    endpoint: `http://127.0.0.1:${server.address().port}`,
    forcePathStyle: true,
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: 'warm-up', secretAccessKey: 'warm-up' },
  });
  try {
    const command = new s3.GetObjectCommand({ Bucket: 'warm-up', Key: 'log', Range: 'bytes=-64' });
    const out = await client.send(command, { abortSignal: AbortSignal.timeout(5000) });
    for await (const _chunk of out.Body) {
      // read to the end, as the log reader does
    }
  } catch {
    // compiled all the same
  } finally {
    client.destroy();
    server.close();
  }
};

/** `name`: the function; `app`: its exports; `chunks`: its lazy chunks, loaded. */
module.exports = async ({ name, app, chunks }) => {
  const sample = SAMPLES[name];
  if (sample !== undefined) {
    await Promise.resolve()
      .then(() => app.main_handler(sample, context))
      .catch(ignore);
  }
  for (const chunk of chunks) {
    if (typeof chunk.S3Client === 'function') await readLogTail(chunk);
  }
};
