import { randomBytes } from 'node:crypto';

/**
 * The message model of a TDMQ-CMQ queue (platform.md 8.1): a received message is invisible
 * for the visibility timeout and comes back with a new receipt handle unless deleted; every
 * message expires after the retention period (S14), received or not; with a dead-letter
 * queue, a message received `maxReceiveCount` times without a delete is moved there (policy 0).
 */

export interface QueueSettings {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly maxReceiveCount?: number;
  readonly deadLetterQueue?: string;
}

export interface DeliveredMessage {
  readonly msgId: string;
  readonly msgBody: string;
  readonly receiptHandle: string;
  readonly enqueueTime: number;
  readonly firstDequeueTime: number;
  readonly nextVisibleTime: number;
  readonly dequeueCount: number;
}

export interface DeadLetter {
  readonly msgId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly movedAt: number;
}

interface Stored {
  readonly msgId: string;
  readonly body: string;
  readonly enqueuedAt: number;
  visibleAt: number;
  receiveCount: number;
  firstDequeueAt: number | undefined;
  handle: string | undefined;
}

interface Queue {
  readonly settings: QueueSettings;
  messages: Stored[];
  readonly deadLetters: DeadLetter[];
}

export type DeleteOutcome = { readonly ok: true } | { readonly ok: false; readonly code: number };

export interface QueueModel {
  has(name: string): boolean;
  send(name: string, body: string): string;
  receive(name: string, max: number): DeliveredMessage[];
  /** 4430: the handle is not the latest one, or its message is visible again (or gone). */
  delete(name: string, receiptHandle: string): DeleteOutcome;
  depth(name: string): number;
  inFlight(name: string): number;
  deadLetters(name: string): readonly DeadLetter[];
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

interface ModelState {
  readonly queues: Map<string, Queue>;
  readonly now: () => number;
  nextId: number;
}

const queueOf = (state: ModelState, name: string): Queue => {
  const found = state.queues.get(name);
  if (found === undefined) throw new Error(`no such queue: ${name}`);
  return found;
};

/** Retention is a hard lifetime: in flight or not, an old message is gone (platform.md S14). */
const liveQueue = (state: ModelState, name: string): Queue => {
  const q = queueOf(state, name);
  const limit = state.now() - q.settings.retentionSeconds * 1000;
  q.messages = q.messages.filter((m) => m.enqueuedAt > limit);
  return q;
};

const enqueue = (state: ModelState, q: Queue, msgId: string, body: string): void => {
  const at = state.now();
  const fresh = { msgId, body, enqueuedAt: at, visibleAt: at, receiveCount: 0 };
  q.messages.push({ ...fresh, firstDequeueAt: undefined, handle: undefined });
};

/** Policy 0: checked when the message would be delivered once more. */
const deadLetter = (state: ModelState, q: Queue, m: Stored): boolean => {
  const { maxReceiveCount, deadLetterQueue } = q.settings;
  if (maxReceiveCount === undefined || deadLetterQueue === undefined) return false;
  if (m.receiveCount < maxReceiveCount) return false;
  const movedAt = state.now();
  q.deadLetters.push({ msgId: m.msgId, body: m.body, receiveCount: m.receiveCount, movedAt });
  enqueue(state, queueOf(state, deadLetterQueue), m.msgId, m.body);
  return true;
};

const deliver = (state: ModelState, q: Queue, m: Stored): DeliveredMessage => {
  const at = state.now();
  m.receiveCount += 1;
  m.firstDequeueAt ??= at;
  m.visibleAt = at + q.settings.visibilityTimeoutSeconds * 1000;
  m.handle = randomBytes(24).toString('hex');
  return {
    msgId: m.msgId,
    msgBody: m.body,
    receiptHandle: m.handle,
    enqueueTime: seconds(m.enqueuedAt),
    firstDequeueTime: seconds(m.firstDequeueAt),
    nextVisibleTime: seconds(m.visibleAt),
    dequeueCount: m.receiveCount,
  };
};

const receive = (state: ModelState, name: string, max: number): DeliveredMessage[] => {
  const q = liveQueue(state, name);
  const out: DeliveredMessage[] = [];
  const moved = new Set<Stored>();
  for (const m of q.messages) {
    if (out.length >= max) break;
    if (m.visibleAt > state.now()) continue;
    if (deadLetter(state, q, m)) moved.add(m);
    else out.push(deliver(state, q, m));
  }
  if (moved.size > 0) q.messages = q.messages.filter((m) => !moved.has(m));
  return out;
};

const remove = (state: ModelState, name: string, receiptHandle: string): DeleteOutcome => {
  const q = liveQueue(state, name);
  const at = state.now();
  const index = q.messages.findIndex((m) => m.handle === receiptHandle && m.visibleAt > at);
  if (index < 0) return { ok: false, code: 4430 };
  q.messages.splice(index, 1);
  return { ok: true };
};

const count = (state: ModelState, name: string, inFlight: boolean): number =>
  liveQueue(state, name).messages.filter((m) => m.visibleAt > state.now() === inFlight).length;

export const createQueueModel = (
  settings: readonly QueueSettings[],
  now: () => number,
): QueueModel => {
  const state: ModelState = { queues: new Map(), now, nextId: 10_000_000_000 };
  for (const s of settings)
    state.queues.set(s.name, { settings: s, messages: [], deadLetters: [] });
  for (const s of settings) {
    if (s.deadLetterQueue !== undefined) queueOf(state, s.deadLetterQueue);
  }
  return {
    has: (name) => state.queues.has(name),
    send(name, body) {
      const msgId = String(state.nextId++);
      enqueue(state, queueOf(state, name), msgId, body);
      return msgId;
    },
    receive: (name, max) => receive(state, name, max),
    delete: (name, handle) => remove(state, name, handle),
    depth: (name) => count(state, name, false),
    inFlight: (name) => count(state, name, true),
    deadLetters: (name) => [...queueOf(state, name).deadLetters],
  };
};
