import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../../lib/app.js';
import { createChannels } from '../../../lib/app-live.js';
import { loadConfigFile, loadSettings } from '../../../lib/config/index.js';
import { handleDelivery } from '../../../lib/core/handle-delivery.js';
import { createLogger, silentLogger } from '../../../lib/logger.js';
import {
  createMetrics,
  createStateAuditSink,
  metricsLogFields,
  readAudit,
} from '../../../lib/observe/index.js';
import { createMemoryStateStore } from '../../../lib/state/index.js';
import { staticCredentials } from '../../../lib/tencent/index.js';
import { type BatchEmulator, createBatchEmulator } from '../../../sandbox/batch-emulator/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CREDENTIAL = { secretId: 'AKIDwiringTEST0001', secretKey: 'wiring-secret-0001' };
const delivery = (): unknown =>
  JSON.parse(readFileSync(resolve(ROOT, 'examples/deliveries/job-succeed.json'), 'utf8'));
let emulator: BatchEmulator;

beforeAll(async () => {
  emulator = await createBatchEmulator({ credentials: [CREDENTIAL] });
});

afterAll(async () => {
  await emulator.close();
});

const liveDeps = () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ write: (l) => lines.push(JSON.parse(l)) });
  const state = createMemoryStateStore();
  const env = { USER_CODE_ROOT: ROOT, BATCH_BRIDGE_BATCH_ENDPOINT: emulator.url };
  const settings = loadSettings({ ...env, BATCH_BRIDGE_CONFIG: 'examples/bridge.yml' });
  const deps = createDeps(settings, env, {
    logger,
    state,
    credentials: staticCredentials(CREDENTIAL),
    audit: [createStateAuditSink(state)],
  });
  const byMessage = (message: string) => lines.filter((l) => l['message'] === message);
  return { deps, state, byMessage };
};

describe('the live composition root with lib/observe', () => {
  it('counts the Batch calls, audits the action and logs its request id', async () => {
    // Arrange
    const { deps, state, byMessage } = liveDeps();

    // Act
    const summary = await handleDelivery(delivery(), deps);

    // Assert
    expect(summary.actions.done).toBe(1);
    const [action] = byMessage('action');
    const requestIds = action?.['requestIds'];
    expect(requestIds).toEqual([expect.any(String)]);
    expect(byMessage('metrics')[0]?.['metrics']).toMatchObject({
      api_calls: { 'batch.SubmitJob': 1 },
      actions: { 'encode-after-render.submitJob.done': 1 },
    });
    const day = new Date().toISOString().slice(0, 10);
    const [record] = await readAudit(state, { day });
    expect(record).toMatchObject({
      rule: 'encode-after-render',
      action: 'submitJob',
      jobId: 'job-4yn0we13',
      outcome: { status: 'done', detail: { jobId: expect.stringMatching(/^job-/) } },
      calls: [{ service: 'batch', action: 'SubmitJob', requestId: (requestIds as string[])[0] }],
    });
  });

  it('counts channel posts by channel name', async () => {
    // Arrange
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('{"errcode":0,"errmsg":"ok"}'));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const env = { ONCALL_WEBHOOK: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=k` };
    const config = loadConfigFile(resolve(ROOT, 'examples/bridge.yml'), { env });
    const metrics = createMetrics();
    const channels = createChannels({ config, logger: silentLogger, metrics });

    // Act
    const result = await channels
      .get('oncall')
      ?.send({ title: 't', text: 'x', severity: 'warning', fields: [] });
    server.close();
    await once(server, 'close');

    // Assert
    expect(result).toMatchObject({ status: 'sent' });
    expect(metricsLogFields(metrics.flush())).toEqual({ api_calls: { 'channel.oncall': 1 } });
  });
});
