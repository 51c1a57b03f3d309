import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { runTick } from '../core/tick.js';
import { type BridgeServerOptions, resolveLimits, type ServerLimits } from './options.js';
import { callBudgetMs, handlePush, type PushContext, raiseDeadline } from './push.js';
import { CLOSE, sendJson } from './reply.js';
import { createSecretCheck, matchRoute, type Route } from './routes.js';
import { createCounters, type ServerStats } from './stats.js';
import { startTickLoop, type TickLoop } from './tick-loop.js';

/**
 * `batch-bridge serve`: the topic's HTTP push straight into the core, self-hosted. Bounded in
 * everything a peer controls: body size, concurrent deliveries, time to send the request and
 * time to answer it.
 */

export interface BridgeServer {
  /** Where to point the subscription, without the secret. */
  readonly url: string;
  /** Stops accepting, lets started deliveries finish (up to requestTimeoutMs), stops the timer. */
  close(): Promise<void>;
  stats(): ServerStats;
}

const noop = (): void => {};

type Reply = readonly [status: number, body: unknown, headers?: Readonly<Record<string, string>>];

/** Every answer that is not a push being taken in. */
const otherReply = (route: Route, method: string | undefined, ctx: PushContext): Reply => {
  const closing = ctx.isClosing();
  if (route.name === 'health') {
    if (method !== 'GET') return [405, { error: 'use GET' }, { allow: 'GET' }];
    return [closing ? 503 : 200, { ok: !closing, ...ctx.counters }];
  }
  if (route.name === 'unknown') return [404, { error: 'not found' }];
  if (method !== 'POST') return [405, { error: 'use POST' }, { allow: 'POST' }];
  return [503, { error: 'shutting down; the push will redeliver' }, CLOSE];
};

const onRequest = (req: IncomingMessage, res: ServerResponse, ctx: PushContext): void => {
  // An aborted request is reported by readBody; a later error has nothing left to tell.
  req.on('error', noop);
  const route = matchRoute(req.url, ctx.limits.secret !== undefined);
  if (route.name === 'push' && req.method === 'POST' && !ctx.isClosing()) {
    handlePush(req, res, route.pathSecret, ctx);
    return;
  }
  const [status, body, headers] = otherReply(route, req.method, ctx);
  sendJson(res, status, body, headers);
};

/** Receiving a request (headers, then body) gets the same budget as answering it. */
const createHttpServer = (limits: ServerLimits, ctx: PushContext): Server => {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.requestTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default): a slow client would last.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, limits.requestTimeoutMs / 4)),
    },
    (req, res) => {
      try {
        onRequest(req, res, ctx);
      } catch (e) {
        ctx.counters.failed += 1;
        ctx.logger.error('request failed', { error: e });
        sendJson(res, 500, { error: 'internal error' });
      }
    },
  );
  server.on('error', (e) => ctx.logger.error('server error', { error: e }));
  return server;
};

const listen = (server: Server, limits: ServerLimits): Promise<string> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(limits.port, limits.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = limits.host.includes(':') ? `[${limits.host}]` : limits.host;
      resolve(`http://${host}:${port}/`);
    });
  });

const startTicks = (options: BridgeServerOptions, ctx: PushContext): TickLoop => {
  const tick = options.tick ?? runTick;
  return startTickLoop({
    everyMs: ctx.limits.tickEveryMs,
    logger: ctx.logger,
    run: () => {
      raiseDeadline(ctx.deps, Date.now() + callBudgetMs(ctx.limits.requestTimeoutMs));
      return tick(ctx.deps);
    },
    onSettled: (failed) => {
      ctx.counters.ticks += 1;
      if (failed) ctx.counters.tickErrors += 1;
    },
  });
};

interface Running {
  readonly server: Server;
  readonly ctx: PushContext;
  readonly ticks: TickLoop;
  readonly markClosing: () => void;
}

const shutdown = async ({ server, ctx, ticks, markClosing }: Running): Promise<void> => {
  markClosing();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await ticks.stop();
  const grace = sleep(ctx.limits.requestTimeoutMs, 'late' as const, { ref: false });
  const settled = await Promise.race([Promise.all(ctx.work).then(() => 'done' as const), grace]);
  if (settled === 'late') {
    ctx.logger.warn('closing with deliveries still running', { inFlight: ctx.counters.inFlight });
  }
  // Left: idle keep-alive sockets and clients that never finished a request.
  server.closeAllConnections();
  await closed;
  ctx.logger.info('server stopped', { ...ctx.counters });
};

const createContext = (options: BridgeServerOptions, limits: ServerLimits) => {
  let closing = false;
  const ctx: PushContext = {
    deps: options.deps,
    limits,
    logger: options.logger ?? options.deps.logger,
    counters: createCounters(),
    checkSecret: createSecretCheck(limits.secret),
    work: new Set(),
    isClosing: () => closing,
  };
  const markClosing = (): void => {
    closing = true;
  };
  return { ctx, markClosing };
};

export const createBridgeServer = async (options: BridgeServerOptions): Promise<BridgeServer> => {
  const limits = resolveLimits(options);
  const { ctx, markClosing } = createContext(options, limits);
  const server = createHttpServer(limits, ctx);
  const url = await listen(server, limits);
  const ticks = startTicks(options, ctx);
  const { secret: _secret, ...shown } = limits;
  ctx.logger.info('serving', { address: url, push: limits.secret ? '/push/…' : '/', ...shown });
  let closed: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closed ??= shutdown({ server, ctx, ticks, markClosing });
      return closed;
    },
    stats: () => ({ ...ctx.counters }),
  };
};
