import { randomUUID } from 'node:crypto';
import type { QueueModel } from './queue-model.js';

/** The data-plane actions the bridge uses, answered in CMQ's `{code, message, requestId}` shape. */

export type Params = ReadonlyMap<string, string>;
export type Reply = Readonly<Record<string, unknown>> & { readonly code: number };

export interface ActionContext {
  readonly model: QueueModel;
  /** Resolves after `ms` of real time, or early (false) once the server is closing. */
  readonly pause: (ms: number) => Promise<boolean>;
}

export const reply = (
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
): Reply => ({
  code,
  message,
  requestId: randomUUID(),
  ...extra,
});

class ParamError extends Error {
  override readonly name = 'ParamError';
}

const intParam = (p: Params, name: string, min: number, max: number, fallback?: number) => {
  const raw = p.get(name);
  if (raw === undefined && fallback !== undefined) return fallback;
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw new ParamError(`(10110)invalid value of ${name}: must be ${min}-${max}`);
  }
  return value;
};

const queueName = (ctx: ActionContext, p: Params): string | Reply => {
  const name = p.get('queueName') ?? '';
  return ctx.model.has(name) ? name : reply(4440, '(10640)queue is not exist');
};

const POLL_STEP_MS = 25;

/** Long polling: wait up to the given seconds for a message to become visible. */
const receiveWithin = async (ctx: ActionContext, name: string, max: number, waitS: number) => {
  const until = Date.now() + waitS * 1000;
  for (;;) {
    const messages = ctx.model.receive(name, max);
    if (messages.length > 0 || Date.now() >= until) return messages;
    if (!(await ctx.pause(Math.min(POLL_STEP_MS, until - Date.now())))) return [];
  }
};

const batchReceive = async (ctx: ActionContext, p: Params): Promise<Reply> => {
  const name = queueName(ctx, p);
  if (typeof name !== 'string') return name;
  const max = intParam(p, 'numOfMsg', 1, 16);
  const wait = intParam(p, 'pollingWaitSeconds', 0, 30, 0);
  const messages = await receiveWithin(ctx, name, max, wait);
  return messages.length === 0
    ? reply(7000, '(10200)no message')
    : reply(0, '', { msgInfoList: messages });
};

const receiveOne = async (ctx: ActionContext, p: Params): Promise<Reply> => {
  const name = queueName(ctx, p);
  if (typeof name !== 'string') return name;
  const wait = intParam(p, 'pollingWaitSeconds', 0, 30, 0);
  const [message] = await receiveWithin(ctx, name, 1, wait);
  return message === undefined ? reply(7000, '(10200)no message') : reply(0, '', { ...message });
};

/** `receiptHandle.N`, numbered from 0 or from 1 (the docs accept both). */
const handlesOf = (p: Params): string[] => {
  const handles: string[] = [];
  const start = p.has('receiptHandle.0') ? 0 : 1;
  for (let i = start; p.has(`receiptHandle.${i}`); i += 1)
    handles.push(p.get(`receiptHandle.${i}`) ?? '');
  if (handles.length === 0 || handles.length > 16) {
    throw new ParamError('(10110)receiptHandle.n: 1-16 handles numbered from 0 or 1');
  }
  return handles;
};

const batchDelete = (ctx: ActionContext, p: Params): Reply => {
  const name = queueName(ctx, p);
  if (typeof name !== 'string') return name;
  const handles = handlesOf(p);
  const errorList = handles.flatMap((receiptHandle) => {
    const outcome = ctx.model.delete(name, receiptHandle);
    return outcome.ok
      ? []
      : [{ code: outcome.code, message: 'invalid receiptHandle', receiptHandle }];
  });
  if (errorList.length === 0) return reply(0, '');
  return errorList.length === handles.length
    ? reply(6020, '(10290)batch delete message failed', { errorList })
    : reply(6010, '(10150)delete message partially failed', { errorList });
};

const deleteOne = (ctx: ActionContext, p: Params): Reply => {
  const name = queueName(ctx, p);
  if (typeof name !== 'string') return name;
  const outcome = ctx.model.delete(name, p.get('receiptHandle') ?? '');
  return outcome.ok ? reply(0, '') : reply(outcome.code, '(10260)receipt handle is invalid');
};

const send = (ctx: ActionContext, p: Params): Reply => {
  const name = queueName(ctx, p);
  if (typeof name !== 'string') return name;
  const body = p.get('msgBody');
  if (body === undefined || body === '') throw new ParamError('(10110)msgBody is required');
  return reply(0, '', { msgId: ctx.model.send(name, body) });
};

const ACTIONS: Readonly<Record<string, (ctx: ActionContext, p: Params) => Reply | Promise<Reply>>> =
  {
    BatchReceiveMessage: batchReceive,
    ReceiveMessage: receiveOne,
    BatchDeleteMessage: batchDelete,
    DeleteMessage: deleteOne,
    SendMessage: send,
  };

export const runAction = async (ctx: ActionContext, p: Params): Promise<Reply> => {
  const action = p.get('Action') ?? '';
  const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (run === undefined) return reply(4000, `(10100)unknown action ${action}`);
  try {
    return await run(ctx, p);
  } catch (e) {
    if (e instanceof ParamError) return reply(4000, e.message);
    throw e;
  }
};
