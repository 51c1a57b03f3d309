import type { DrainDeps, QueueMessage, QueuePort } from '../../lib/drain/index.js';

/**
 * "The drain killed between receive and delete": a QueuePort and a state-store view that make
 * chosen passes die at one of three points, as a function instance killed mid-invocation would.
 * - `after-receive`: the batch is received, then nothing: no effect, no mark, no delete.
 * - `before-mark`: every effect happens, then the instance dies before the processed-message
 *   marks and the delete: a redelivery must find its effects already done (ClientToken, dedup).
 * - `before-delete`: effects and marks happen, the delete never does: the marks absorb it.
 * The messages come back after the visibility timeout. It also records what was deleted.
 */

export type KillMode = 'after-receive' | 'before-mark' | 'before-delete';

const MODES: readonly KillMode[] = ['after-receive', 'before-mark', 'before-delete'];

export class SoakKillError extends Error {
  readonly mode: KillMode;
  constructor(mode: KillMode) {
    super(`soak: drain killed (${mode})`);
    this.mode = mode;
    this.name = 'SoakKillError';
  }
}

export interface KillRecord {
  readonly mode: KillMode;
  readonly batch: number;
  readonly messages: number;
}

export interface KillSwitchOptions {
  /** Receives (of at least one message) with a kill, in order: the first kill is at batch 1. */
  readonly atBatches: readonly number[];
}

export interface KillSwitch {
  readonly queue: QueuePort;
  readonly state: DrainDeps['state'];
  kills(): readonly KillRecord[];
  /** msgIds whose delete the queue confirmed. */
  deleted(): ReadonlySet<string>;
  /** Messages received, redeliveries included. */
  received(): number;
}

interface Doomed {
  readonly mode: KillMode;
  readonly batch: number;
  readonly messages: readonly QueueMessage[];
}

const MARK_PREFIX = 'msg:';

interface Switchboard {
  readonly options: KillSwitchOptions;
  readonly kills: KillRecord[];
  readonly deleted: Set<string>;
  readonly idOf: Map<string, string>;
  batches: number;
  received: number;
  doomed: Doomed | undefined;
}

const kill = (board: Switchboard, d: Doomed): SoakKillError => {
  board.kills.push({ mode: d.mode, batch: d.batch, messages: d.messages.length });
  board.doomed = undefined;
  return new SoakKillError(d.mode);
};

const killingReceive =
  (queue: QueuePort, board: Switchboard): QueuePort['receive'] =>
  async (options) => {
    board.doomed = undefined;
    const messages = await queue.receive(options);
    if (messages.length === 0) return messages;
    board.batches += 1;
    board.received += messages.length;
    for (const m of messages) board.idOf.set(m.receiptHandle, m.msgId);
    const at = board.options.atBatches.indexOf(board.batches);
    if (at < 0) return messages;
    const mode = MODES[at % MODES.length] ?? 'after-receive';
    const next: Doomed = { mode, batch: board.batches, messages };
    if (mode === 'after-receive') throw kill(board, next);
    board.doomed = next;
    return messages;
  };

const killingDelete =
  (queue: QueuePort, board: Switchboard): QueuePort['delete'] =>
  async (handles) => {
    if (board.doomed !== undefined) throw kill(board, board.doomed);
    const result = await queue.delete(handles);
    for (const h of result.deleted) board.deleted.add(board.idOf.get(h) ?? h);
    for (const h of handles) board.idOf.delete(h);
    return result;
  };

/** The instance died before writing: the mark is lost, as the process would lose it. */
const losingMarks = (state: DrainDeps['state'], board: Switchboard): DrainDeps['state'] => {
  const isDoomed = (key: string): boolean =>
    board.doomed?.mode === 'before-mark' &&
    board.doomed.messages.some((m) => `${MARK_PREFIX}${m.msgId}` === key);
  return {
    get: (key) => state.get(key),
    setIfAbsent: (key, ttlMs, value) =>
      isDoomed(key) ? Promise.resolve(true) : state.setIfAbsent(key, ttlMs, value),
  };
};

export const createKillSwitch = (
  queue: QueuePort,
  state: DrainDeps['state'],
  options: KillSwitchOptions,
): KillSwitch => {
  const board: Switchboard = {
    ...{ options, kills: [], deleted: new Set(), idOf: new Map() },
    ...{ batches: 0, received: 0, doomed: undefined },
  };
  return {
    queue: { receive: killingReceive(queue, board), delete: killingDelete(queue, board) },
    state: losingMarks(state, board),
    kills: () => [...board.kills],
    deleted: () => board.deleted,
    received: () => board.received,
  };
};
