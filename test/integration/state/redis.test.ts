import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createRedisStateStore } from '../../../lib/state/index.js';
import { type RedisServer, startRedisServer } from '../../support/redis-server.js';
import { describeStateStoreContract } from '../../unit/state/contract.js';

let server: RedisServer;

beforeAll(async () => {
  server = await startRedisServer({ password: 'contract-secret' });
}, 15_000);

afterAll(async () => {
  await server?.stop();
}, 15_000);

describeStateStoreContract('redis', {
  realTimeTtl: true,
  // One client per store, as separate function instances have; a fresh prefix per test.
  make: async (options, count) => {
    const prefix = `bb-test:${randomUUID()}:`;
    return Array.from({ length: count }, () =>
      createRedisStateStore({ url: server.url, prefix, ...options }),
    );
  },
});
