import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalQueueServer, type LocalQueueServer } from '../../../sandbox/queue/index.js';
import { cli, ROOT } from '../../unit/cli/helpers.js';

const KEYS = { secretId: 'AKIDdrainclitest1', secretKey: 'drain-cli-secret-0123' };
const failure = readFileSync(`${ROOT}/test/fixtures/deliveries/task-instance-failed.json`, 'utf8');

let server: LocalQueueServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await createLocalQueueServer({
    credentials: KEYS,
    queues: [{ name: 'inbox', visibilityTimeoutSeconds: 30, retentionSeconds: 43_200 }],
  });
  env = {
    TENCENTCLOUD_SECRET_ID: KEYS.secretId,
    TENCENTCLOUD_SECRET_KEY: KEYS.secretKey,
    BATCH_BRIDGE_CMQ_ENDPOINT: server.url,
  };
});

afterAll(async () => {
  await server.close();
});

describe('batch-bridge drain', () => {
  it('--once --dry-run empties the queue through the rules and exits', async () => {
    // Arrange
    server.send('inbox', failure);
    server.send('inbox', 'not json');
    // Act
    const run = await cli(
      ['drain', '--config', 'test/fixtures/cli/drain-bridge.yml', '--once', '--dry-run'],
      { env },
    );
    // Assert
    expect(run.code).toBe(0);
    const [pass] = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(pass).toMatchObject({
      received: 2,
      processed: 1,
      deleted: 2,
      kept: 0,
      rejected: 1,
      stoppedBecause: 'empty',
    });
    expect(server.depth('inbox') + server.inFlight('inbox')).toBe(0);
    expect(run.stderr).toContain('"rule":"failures"');
  });

  it('exits 2 when bridge.yml names no queue', async () => {
    // Act
    const run = await cli(
      ['drain', '--config', 'test/fixtures/cli/no-queue-bridge.yml', '--once'],
      { env },
    );
    // Assert
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('queue');
  });
});
