'use strict';
/**
 * The same work as the bridge's topic function, written as a user would with Tencent's official
 * SDKs: parse the topic delivery, DescribeTask to find the failed instance's stderr log, read its
 * last bytes from COS with a ranged GetObject, and post the alert to a webhook.
 * Environment: TENCENTCLOUD_SECRET_ID/KEY, BATCH_ENDPOINT (host:port), COS_DOMAIN (a Domain template,
 * e.g. `127.0.0.1:9000/{Bucket}`),
 * HOOK (the webhook URL). Plain CommonJS, no project imports.
 */
const { CommonClient } = require('tencentcloud-sdk-nodejs-common');
const COS = require('cos-nodejs-sdk-v5');

const REGION = 'ap-guangzhou';
const TAIL_BYTES = 8192;
const TAIL_LINES = 30;

let clients;
const getClients = () => {
  if (clients) return clients;
  const secretId = process.env.TENCENTCLOUD_SECRET_ID;
  const secretKey = process.env.TENCENTCLOUD_SECRET_KEY;
  const batch = new CommonClient('batch.tencentcloudapi.com', '2017-03-12', {
    credential: { secretId, secretKey },
    region: REGION,
    profile: { httpProfile: { endpoint: process.env.BATCH_ENDPOINT, protocol: 'http://' } },
  });
  const cos = new COS({
    SecretId: secretId,
    SecretKey: secretKey,
    Protocol: 'http:',
    // A custom domain; the SDK fills {Bucket} in (it refuses ForcePathStyle since 2.x).
    Domain: process.env.COS_DOMAIN,
  });
  clients = { batch, cos };
  return clients;
};

// cos://bucket-appid.cos.region.myqcloud.com/prefix/
const parseCosPath = (path) => {
  const url = new URL(path);
  const [, bucket, region] = /^(.+)\.cos\.([^.]+)\.myqcloud\.com$/.exec(url.host) || [];
  return { bucket, region, prefix: url.pathname.replace(/^\//, '') };
};

const readTail = (cos, location, fileName) =>
  new Promise((resolve, reject) => {
    cos.getObject(
      {
        Bucket: location.bucket,
        Region: location.region,
        Key: location.prefix + fileName,
        Range: `bytes=-${TAIL_BYTES}`,
      },
      (err, data) => (err ? reject(err) : resolve(String(data.Body))),
    );
  });

const alertFor = async (event) => {
  const { batch, cos } = getClients();
  const info = event.Batch;
  const task = await batch.request('DescribeTask', { JobId: info.JobId, TaskName: info.TaskName });
  const instance = task.TaskInstanceSet.find((i) => i.TaskInstanceIndex === info.TaskInstanceIndex);
  let tail = '(no stderr log)';
  const redirect = instance?.RedirectInfo;
  if (redirect?.StderrRedirectPath) {
    const location = parseCosPath(redirect.StderrRedirectPath);
    const text = await readTail(cos, location, redirect.StderrRedirectFileName);
    tail = text.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
  }
  const text =
    `${event.EventName}: job ${info.JobId} task ${info.TaskName}[${info.TaskInstanceIndex}] ` +
    `exited ${info.ExitCode}\n${tail}`;
  const res = await fetch(process.env.HOOK, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
};

exports.main_handler = async (event) => {
  let sent = 0;
  for (const record of event.Records || []) {
    const message = JSON.parse(record.CMQ.msgBody);
    for (const e of message.Events || []) {
      if (e.EventName !== 'TASK_INSTANCE_FAILED') continue;
      await alertFor(e);
      sent += 1;
    }
  }
  return { sent };
};
