import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createRedisStateStore } from '../../../lib/state/index.js';
import { type RedisServer, startRedisServer } from '../../support/redis-server.js';
import { describeAuditContract } from '../../unit/observe/audit-contract.js';

let server: RedisServer;

beforeAll(async () => {
  server = await startRedisServer();
}, 15_000);

afterAll(async () => {
  await server?.stop();
}, 15_000);

// A fresh prefix per test: the same keys on a store shared by many instances.
describeAuditContract('redis', async () =>
  createRedisStateStore({ url: server.url, prefix: `bb-audit:${randomUUID()}:` }),
);
