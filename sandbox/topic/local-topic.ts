import { randomUUID } from 'node:crypto';

/**
 * A TDMQ-CMQ topic on loopback: what Batch publishes is pushed over HTTP to each subscriber,
 * in the JSON or SIMPLIFIED format with the x-cmq-* headers (platform.md section 3), and
 * retried like the BACKOFF_RETRY strategy: any non-2xx or a timeout counts as a failure.
 */

export type NotifyContentFormat = 'JSON' | 'SIMPLIFIED';

export interface Subscription {
  readonly name: string;
  readonly endpoint: string;
  readonly format: NotifyContentFormat;
  readonly tags?: readonly string[];
}

export interface PushRecord {
  readonly topic: string;
  readonly subscription: string;
  readonly messageId: string;
  readonly attempts: number;
  readonly status: number | 'timeout' | 'network';
  readonly delivered: boolean;
}

export interface LocalTopicOptions {
  readonly owner?: number;
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** A queue subscription (protocol `queue`, SIMPLIFIED): the raw message is enqueued at once. */
export type QueueSubscriber = (topic: string, message: unknown) => void;

export interface LocalTopic {
  subscribe(topic: string, subscription: Subscription): void;
  subscribeQueue(topic: string, enqueue: QueueSubscriber): void;
  /** Accepts a message and pushes it in the background, as the real topic does. */
  publish(topic: string, message: unknown): Promise<void>;
  /** Resolves when every push started so far has been delivered or given up. */
  idle(): Promise<void>;
  pushes(): readonly PushRecord[];
}

const requestFor = (topic: string, owner: number, sub: Subscription, id: string, body: string) => {
  const headers: Record<string, string> = {
    'content-type': 'text/plain',
    'user-agent': 'Qcloud Notification Service Agent',
    'x-cmq-request-id': randomUUID(),
    'x-cmq-message-id': id,
  };
  if (sub.tags !== undefined && sub.tags.length > 0)
    headers['x-cmq-message-tag'] = sub.tags.join(', ');
  if (sub.format === 'SIMPLIFIED') return { headers, body };
  const envelope = {
    TopicOwner: owner,
    topicName: topic,
    subscriptionName: sub.name,
    msgId: id,
    msgBody: body,
    publishTime: Date.now(),
  };
  return { headers, body: JSON.stringify(envelope) };
};

export const createLocalTopic = (options: LocalTopicOptions = {}): LocalTopic => {
  const subscriptions = new Map<string, Subscription[]>();
  const queues = new Map<string, QueueSubscriber[]>();
  const records: PushRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  const doFetch = options.fetch ?? fetch;
  const maxAttempts = options.maxAttempts ?? 3;
  let nextId = 1;

  const attempt = async (
    url: string,
    init: RequestInit,
  ): Promise<number | 'timeout' | 'network'> => {
    try {
      const response = await doFetch(url, {
        ...init,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      await response.arrayBuffer();
      return response.status;
    } catch (e) {
      return e instanceof Error && e.name === 'TimeoutError' ? 'timeout' : 'network';
    }
  };

  const push = async (
    topic: string,
    sub: Subscription,
    id: string,
    body: string,
  ): Promise<void> => {
    const { headers, body: payload } = requestFor(
      topic,
      options.owner ?? 1251000000,
      sub,
      id,
      body,
    );
    let status: number | 'timeout' | 'network' = 'network';
    for (let n = 1; n <= maxAttempts; n += 1) {
      status = await attempt(sub.endpoint, { method: 'POST', headers, body: payload });
      const delivered = typeof status === 'number' && status >= 200 && status < 300;
      if (delivered || n === maxAttempts) {
        records.push({
          topic,
          subscription: sub.name,
          messageId: id,
          attempts: n,
          status,
          delivered,
        });
        return;
      }
      await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 50));
    }
  };

  return {
    subscribe: (topic, subscription) => {
      subscriptions.set(topic, [...(subscriptions.get(topic) ?? []), subscription]);
    },
    subscribeQueue: (topic, enqueue) => {
      queues.set(topic, [...(queues.get(topic) ?? []), enqueue]);
    },
    publish: async (topic, message) => {
      const id = String(nextId++);
      const body = JSON.stringify(message);
      for (const enqueue of queues.get(topic) ?? []) enqueue(topic, message);
      for (const sub of subscriptions.get(topic) ?? []) {
        const p = push(topic, sub, id, body).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    },
    idle: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    pushes: () => records,
  };
};
