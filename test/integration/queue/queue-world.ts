import {
  type CmqQueueClient,
  type CmqQueueClientOptions,
  createCmqQueueClient,
} from '../../../lib/tencent/cmq-index.js';
import { staticCredentials } from '../../../lib/tencent/credentials.js';
import {
  createLocalQueueServer,
  type LocalQueueServer,
  type QueueCredential,
  type QueueSettings,
} from '../../../sandbox/queue/index.js';

/** A local queue, a movable clock shared by server and client, and a cleanup list. */

export const KEYS: QueueCredential = {
  secretId: 'AKIDqueuetest0001',
  secretKey: 'queue-secret-key-0123456789',
};

export const INBOX: QueueSettings = {
  name: 'inbox',
  visibilityTimeoutSeconds: 30,
  retentionSeconds: 43_200,
};

export interface QueueWorld {
  readonly server: LocalQueueServer;
  readonly clock: { now: () => number; advance: (ms: number) => void };
  client(overrides?: Partial<CmqQueueClientOptions>): CmqQueueClient;
}

const open: LocalQueueServer[] = [];

export const closeQueueWorlds = async (): Promise<void> => {
  await Promise.all(open.splice(0).map((s) => s.close()));
};

export const createQueueWorld = async (
  options: { queues?: readonly QueueSettings[]; credentials?: QueueCredential } = {},
): Promise<QueueWorld> => {
  let offset = 0;
  const clock = {
    now: () => Date.now() + offset,
    advance: (ms: number): void => {
      offset += ms;
    },
  };
  const credentials = options.credentials ?? KEYS;
  const server = await createLocalQueueServer({
    credentials,
    queues: options.queues ?? [INBOX],
    clock: clock.now,
  });
  open.push(server);
  return {
    server,
    clock,
    client: (overrides = {}) =>
      createCmqQueueClient({
        credentials: staticCredentials(credentials),
        endpoint: server.url,
        queueName: 'inbox',
        clock: clock.now,
        sleep: async () => {},
        ...overrides,
      }),
  };
};
