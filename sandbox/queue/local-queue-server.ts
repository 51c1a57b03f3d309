import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ActionContext, type Reply, reply, runAction } from './actions.js';
import { createQueueModel, type DeadLetter, type QueueSettings } from './queue-model.js';
import { type QueueCredential, verifySignature } from './signature.js';

/**
 * A TDMQ-CMQ queue on loopback speaking the data-plane API (form-encoded POST, v1 signature,
 * JSON `{code, …}` replies), for the drain and its tests. It can also stand in for a topic's
 * queue subscription: `asSubscriber` enqueues what the topic publishes (SIMPLIFIED: raw body).
 */

export interface LocalQueueServerOptions {
  readonly port?: number;
  readonly credentials: QueueCredential | readonly QueueCredential[];
  readonly queues: readonly QueueSettings[];
  /** Epoch ms for visibility, retention and the signature's timestamp check. */
  readonly clock?: () => number;
}

/** The next `times` (default 1) requests, of `action` or any, fail with an HTTP status or a code. */
export interface InjectedFault {
  readonly action?: string;
  readonly status?: number;
  readonly code?: number;
  /** The message sent with `code`: lets a test make the server echo something back. */
  readonly message?: string;
  readonly times?: number;
}

export interface RecordedRequest {
  readonly action: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** 0 when the signature verified, else the code sent back. */
  readonly authCode: number;
  /** Epoch ms (the server's clock) when the request arrived. */
  readonly at: number;
}

export interface LocalQueueServer {
  readonly url: string;
  send(queueName: string, body: string): string;
  /** Messages that can be received now. */
  depth(queueName: string): number;
  /** Messages received and not yet deleted or visible again. */
  inFlight(queueName: string): number;
  /** What was moved out of `queueName` into its dead-letter queue. */
  deadLetters(queueName: string): readonly DeadLetter[];
  asSubscriber(queueName: string): (topic: string, message: unknown) => void;
  injectFault(fault: InjectedFault): void;
  requests(): readonly RecordedRequest[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

const readParams = async (req: IncomingMessage): Promise<Map<string, string>> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError('request body too large');
    chunks.push(chunk as Buffer);
  }
  const query = new URL(req.url ?? '/', 'http://queue').searchParams;
  const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  return new Map([...query, ...body]);
};

const send = (res: ServerResponse, status: number, body: Reply | string): void => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
};

interface ServerState {
  readonly options: LocalQueueServerOptions;
  readonly ctx: ActionContext;
  readonly faults: (InjectedFault & { left: number })[];
  readonly log: RecordedRequest[];
  readonly lookup: (secretId: string) => QueueCredential | undefined;
  readonly now: () => number;
}

const takeFault = (state: ServerState, action: string) => {
  const fault = state.faults.find((f) => f.left > 0 && (f.action ?? action) === action);
  if (fault !== undefined) fault.left -= 1;
  return fault;
};

const handle = async (state: ServerState, req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'POST' && req.method !== 'GET') return send(res, 405, reply(4000, 'use POST'));
  const params = await readParams(req);
  const path = new URL(req.url ?? '/', 'http://queue').pathname;
  const request = { method: req.method, host: req.headers.host ?? '', path, params };
  const verdict = verifySignature(request, state.lookup, state.now());
  const action = params.get('Action') ?? '';
  const authCode = verdict.ok ? 0 : verdict.code;
  state.log.push({ action, path, params: Object.fromEntries(params), authCode, at: state.now() });
  if (!verdict.ok) return send(res, 200, reply(verdict.code, verdict.message));
  const fault = takeFault(state, action);
  if (fault?.status !== undefined) return send(res, fault.status, 'injected failure');
  if (fault?.code !== undefined)
    return send(res, 200, reply(fault.code, fault.message ?? 'injected failure'));
  return send(res, 200, await runAction(state.ctx, params));
};

/** Long polls end at once when the server closes, so `close()` never waits on them. */
const pauseUntilClosed =
  (signal: AbortSignal) =>
  (ms: number): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      if (signal.aborted) return resolve(false);
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });

export const createLocalQueueServer = async (
  options: LocalQueueServerOptions,
): Promise<LocalQueueServer> => {
  const now = options.clock ?? Date.now;
  const model = createQueueModel(options.queues, now);
  const credentials = [options.credentials].flat();
  const closing = new AbortController();
  const pause = pauseUntilClosed(closing.signal);
  const lookup = (id: string) => credentials.find((c) => c.secretId === id);
  const state: ServerState = { options, ctx: { model, pause }, faults: [], log: [], lookup, now };
  const server = createServer((req, res) => {
    handle(state, req, res).catch(() => send(res, 500, 'internal error'));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    send: (name, body) => model.send(name, body),
    depth: (name) => model.depth(name),
    inFlight: (name) => model.inFlight(name),
    deadLetters: (name) => model.deadLetters(name),
    asSubscriber: (name) => (_topic, message) => {
      model.send(name, typeof message === 'string' ? message : JSON.stringify(message));
    },
    injectFault: (f) => state.faults.push({ ...f, left: f.times ?? 1 }),
    requests: () => [...state.log],
    close: async () => {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
