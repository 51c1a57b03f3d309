import type { ClientRequest, IncomingMessage } from 'node:http';
import * as z from 'zod';
import { ConfigError } from '../errors.js';
import { PARSE_ONCE } from '../parse-once.js';
import { type AgentPool, createAgentPool, type Transport } from './agent-pool.js';
import { fetchFailed, HttpTransportError } from './http-transport-error.js';
import { readBody, toResponse } from './read-response.js';
import type { HttpFetch, HttpFetchInit, HttpResponse } from './types.js';

/**
 * `fetch` for the adapters, on node:http(s) with keep-alive Agents. Node 20's undici fetch
 * spends about four times the CPU per small POST and takes about 20 ms to load on the first
 * call (so does its `Response`: the answer here is a buffered `HttpResponse` instead); the
 * contract callers rely on stays the same: an abort rejects with the signal's reason (so
 * `TimeoutError` and `AbortError` keep their names), anything else with
 * `TypeError('fetch failed', { cause })`. Bodies are buffered and capped; redirects are never
 * followed, and no `Accept-Encoding` is sent, so bodies arrive as the server wrote them.
 */

const positiveInt = z.number().int().positive();

export const NodeHttpFetchOptionsSchema = z.strictObject({
  keepAliveMsecs: positiveInt.default(1000),
  maxSockets: positiveInt.default(64),
  maxFreeSockets: positiveInt.default(16),
  /** undici's keep-alive default: short enough that servers rarely close a socket first. */
  freeSocketTimeoutMs: positiveInt.default(4000),
  /** No bytes either way for this long fails the request; undici's header and body default. */
  idleTimeoutMs: positiveInt.default(300_000),
  maxBodyBytes: positiveInt.default(10 * 1024 * 1024),
});

export type NodeHttpFetchOptions = z.input<typeof NodeHttpFetchOptionsSchema>;
type Settings = z.output<typeof NodeHttpFetchOptionsSchema>;

export interface NodeHttpFetch extends HttpFetch {
  /** Closes pooled sockets; later requests open new ones. */
  readonly destroy: () => void;
}

interface Exchange {
  readonly url: URL;
  readonly method: string;
  readonly init: HttpFetchInit;
  readonly transport: Transport;
  readonly settings: Settings;
}

const requestHeaders = (exchange: Exchange): Record<string, string> => {
  const { method, init } = exchange;
  if (method === 'GET' || method === 'HEAD') return { ...init.headers };
  // A declared length: node:http would otherwise send a POST body chunked.
  const length = init.body === undefined ? 0 : Buffer.byteLength(init.body);
  return { ...init.headers, 'content-length': String(length) };
};

const receive = (exchange: Exchange, res: IncomingMessage): Promise<HttpResponse> =>
  readBody(res, exchange.settings.maxBodyBytes).then((body) =>
    toResponse(res, body, exchange.method),
  );

/** `undefined` when node:http refused the request outright (a header it will not send). */
const startRequest = (
  exchange: Exchange,
  fail: (cause: unknown) => void,
): ClientRequest | undefined => {
  let req: ClientRequest;
  try {
    req = exchange.transport.request(exchange.url, {
      method: exchange.method,
      headers: requestHeaders(exchange),
      agent: exchange.transport.agent,
    });
  } catch (cause) {
    fail(cause);
    return undefined;
  }
  req.on('error', fail);
  req.setTimeout(exchange.settings.idleTimeoutMs, () =>
    req.destroy(new HttpTransportError('IDLE_TIMEOUT', 'no bytes moved within the idle limit')),
  );
  return req;
};

const exchangeOnce = (exchange: Exchange): Promise<HttpResponse> =>
  new Promise<HttpResponse>((resolve, reject) => {
    const { signal } = exchange.init;
    if (signal?.aborted === true) return reject(signal.reason);
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      finish();
    };
    const fail = (cause: unknown): void => settle(() => reject(fetchFailed(cause)));
    const onAbort = (): void => {
      settle(() => reject(signal?.reason));
      req?.destroy();
    };
    const req = startRequest(exchange, fail);
    if (req === undefined) return;
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      receive(exchange, res).then((response) => settle(() => resolve(response)), fail);
    });
    req.end(exchange.init.body);
  });

const parseUrl = (input: string | URL): URL => {
  try {
    return new URL(input);
  } catch (cause) {
    throw new TypeError(`Failed to parse URL from ${String(input)}`, { cause });
  }
};

const fetchWith =
  (pool: AgentPool, settings: Settings): HttpFetch =>
  async (input, init = {}) => {
    const url = parseUrl(input);
    const transport = pool.transportFor(url.protocol);
    if (transport === undefined) {
      throw fetchFailed(
        new HttpTransportError('UNSUPPORTED_PROTOCOL', `${url.protocol} is not http`),
      );
    }
    const method = (init.method ?? 'GET').toUpperCase();
    return exchangeOnce({ url, method, init, transport, settings });
  };

export const createNodeHttpFetch = (options: NodeHttpFetchOptions = {}): NodeHttpFetch => {
  const parsed = NodeHttpFetchOptionsSchema.safeParse(options, PARSE_ONCE);
  if (!parsed.success) {
    const message = `Node HTTP fetch options: ${z.prettifyError(parsed.error)}`;
    throw new ConfigError('CONFIG_INVALID', message, { cause: parsed.error });
  }
  const pool = createAgentPool(parsed.data);
  return Object.assign(fetchWith(pool, parsed.data), { destroy: pool.destroy });
};

let shared: NodeHttpFetch | undefined;

/** The transport of every client given no fetch: one set of keep-alive sockets per process. */
export const defaultHttpFetch = (): HttpFetch => {
  shared ??= createNodeHttpFetch();
  return shared;
};
