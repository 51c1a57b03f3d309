'use strict';
const { createServer } = require('node:http');
const { join } = require('node:path');
/**
 * Run by the loader while the packager records code caches (never shipped): code that has run
 * once is compiled, and the cache then carries it, so a cold start does not compile it again.
 * It runs the handler once, live, on a sample delivery with warm-up.yml (one channel of each
 * type, a rule for each action), every peer (Batch API, COS, CMQ, the channels) being a
 * stand-in on a loopback port: nothing leaves the machine. Then each lazy chunk is exercised
 * (one ranged S3 GetObject). Failures are ignored: what ran before them is compiled anyway.
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
  drain: { Type: 'Timer', TriggerName: 'drain', Time: '2024-03-02T08:20:00Z', Message: '' },
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

const LOG = 'reading frame 0042\ndisk quota exceeded\n';
const LOGS = 'cos://warmup-1250000000.cos.ap-guangzhou.myqcloud.com/logs/';

/** What the Batch API answers each action with; the rest get an error reply. */
const batchReply = (action) => {
  if (action === 'DescribeTask') {
    const RedirectInfo = { StdoutRedirectPath: LOGS, StderrRedirectPath: LOGS };
    const instance = {
      TaskInstanceIndex: 0,
      TaskInstanceState: 'FAILED',
      ExitCode: 1,
      RedirectInfo,
    };
    return {
      JobId: 'job-warmup00',
      TaskName: 'frame',
      TaskState: 'FAILED',
      TaskInstanceTotalCount: 1,
      TaskInstanceSet: [instance],
    };
  }
  if (action === 'SubmitJob') return { JobId: 'job-warmup02' };
  return { Error: { Code: 'ResourceNotFound', Message: 'warm-up stand-in' } };
};

const json = (res, body) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** One loopback server for every peer: Batch, COS (path-style), CMQ and the channels. */
const handle = (req, res) => {
  const action = req.headers['x-tc-action'];
  if (typeof action === 'string') {
    return json(res, { Response: { RequestId: 'warm-up', ...batchReply(action) } });
  }
  if (req.method === 'HEAD') return res.writeHead(200, { 'content-length': LOG.length }).end();
  if (req.method === 'GET') {
    const range = `bytes 0-${LOG.length - 1}/${LOG.length}`;
    return res.writeHead(206, { 'content-range': range }).end(LOG);
  }
  if (req.url?.startsWith('/v2/')) return json(res, { code: 7000, message: 'no message' });
  if (req.url === '/slack') return res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  return json(res, { errcode: 0, errmsg: 'ok', code: 0, msg: 'success', StatusCode: 0 });
};

const startStandIn = () =>
  new Promise((resolve) => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => handle(req, res));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

/** The environment of a live run whose every address is the stand-in's. */
const liveEnvironment = (url) => ({
  BATCH_BRIDGE_DRY_RUN: 'false',
  BATCH_BRIDGE_CONFIG: join(__dirname, 'warm-up.yml'),
  BATCH_BRIDGE_BATCH_ENDPOINT: url,
  BATCH_BRIDGE_COS_ENDPOINT: url,
  BATCH_BRIDGE_CMQ_ENDPOINT: url,
  WARM_UP_URL: url,
  TENCENTCLOUD_SECRET_ID: 'AKIDwarmup0000000000',
  TENCENTCLOUD_SECRET_KEY: 'warm-up-secret-key-000000000000',
});

/** One ranged GetObject as lib/logs makes it, body read to the end. */
const readLogTail = async (s3, endpoint) => {
  const client = new s3.S3Client({
    region: 'ap-guangzhou',
    endpoint,
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
  }
};

/** `name`: the function; `app`: its exports; `chunks`: its lazy chunks, loaded. */
module.exports = async ({ name, app, chunks }) => {
  const server = await startStandIn();
  const url = `http://127.0.0.1:${server.address().port}`;
  // Read on the handler's first call, when it builds its dependencies.
  Object.assign(process.env, liveEnvironment(url));
  try {
    const sample = SAMPLES[name];
    if (sample !== undefined) {
      await Promise.resolve()
        .then(() => app.main_handler(sample, context))
        .catch(ignore);
    }
    for (const chunk of chunks) {
      if (typeof chunk.S3Client === 'function') await readLogTail(chunk, url);
    }
  } finally {
    server.close();
    server.closeAllConnections();
  }
};
