import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';
import type { AppDeps } from '../app.js';
import { type DeliverySummary, handleDelivery } from '../core/handle-delivery.js';
import { DEADLINE_MARGIN_MS } from '../handler/deadline.js';
import type { Logger } from '../logger.js';
import { declaresTooMuch, readBody } from './body.js';
import type { ServerLimits } from './options.js';
import { CLOSE, flatHeaders, sendJson } from './reply.js';
import type { createSecretCheck } from './routes.js';
import type { Counters } from './stats.js';

/**
 * One push: the secret, the limits, the body, the core call, the answer. 2xx only once the
 * delivery was handled or cleanly rejected; every other answer makes the push redeliver.
 */

export interface PushContext {
  readonly deps: AppDeps;
  readonly limits: ServerLimits;
  readonly logger: Logger;
  readonly counters: Counters;
  readonly checkSecret: ReturnType<typeof createSecretCheck>;
  /** Deliveries under way, for a graceful close. */
  readonly work: Set<Promise<void>>;
  readonly isClosing: () => boolean;
}

/**
 * deps is shared by concurrent requests and holds one deadline, read by the live clients. Every
 * request wants "its start + the same budget", so the newest is the furthest: raising (never
 * lowering) it means no request's calls are cut short by another's. An older request's calls may
 * run past its own answer; that answer was a 504, the push redelivers, and effects are
 * idempotent. The initial "none" (Infinity) is replaced.
 */
export const raiseDeadline = (deps: AppDeps, epochMs: number): void => {
  const current = deps.deadline();
  if (!Number.isFinite(current) || epochMs > current) deps.setDeadline(epochMs);
};

/** Calls stop this much before the answer is due, leaving time to log and reply. */
export const callBudgetMs = (requestTimeoutMs: number): number =>
  requestTimeoutMs - Math.min(DEADLINE_MARGIN_MS, requestTimeoutMs / 5);

const answer = (ctx: PushContext, res: ServerResponse, status: number, body: unknown) =>
  sendJson(res, status, body, ctx.isClosing() ? CLOSE : {});

const refuse = (ctx: PushContext, res: ServerResponse, status: 401 | 413): void => {
  if (status === 401) ctx.counters.unauthorized += 1;
  else ctx.counters.tooLarge += 1;
  const error = status === 401 ? 'unauthorized' : `body over ${ctx.limits.maxBodyBytes} bytes`;
  ctx.logger.warn('push refused', { status, error });
  sendJson(res, status, { error }, CLOSE);
};

const answerSummary = (ctx: PushContext, res: ServerResponse, summary: DeliverySummary): void => {
  ctx.counters.handled += 1;
  const status = summary.retry ? 503 : 200;
  if (!answer(ctx, res, status, summary)) {
    ctx.logger.info('delivery finished after its answer', { status, retry: summary.retry });
    return;
  }
  if (summary.retry) ctx.counters.retried += 1;
  else ctx.counters.acknowledged += 1;
};

/** The connection closes too: a body still coming in is not worth reading any more. */
const onTimeout = (ctx: PushContext, res: ServerResponse): void => {
  const error = 'not done in time; the push will redeliver';
  if (!sendJson(res, 504, { error }, CLOSE)) return;
  ctx.counters.timedOut += 1;
  ctx.logger.warn('push timed out', { requestTimeoutMs: ctx.limits.requestTimeoutMs });
};

const onBodyRefused = (ctx: PushContext, res: ServerResponse, reason: string): void => {
  if (reason === 'too-large') {
    refuse(ctx, res, 413);
    return;
  }
  ctx.counters.aborted += 1;
  ctx.logger.info('push abandoned by the client', {});
};

const processPush = async (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: PushContext,
): Promise<void> => {
  const { deps, limits } = ctx;
  const started = Date.now();
  const timer = setTimeout(() => onTimeout(ctx, res), limits.requestTimeoutMs);
  try {
    const body = await readBody(req, limits.maxBodyBytes);
    if (!body.ok) {
      onBodyRefused(ctx, res, body.reason);
      return;
    }
    raiseDeadline(deps, started + callBudgetMs(limits.requestTimeoutMs));
    const headers = flatHeaders(req.headers);
    const summary = await handleDelivery(body.text, deps, {
      maxBytes: limits.maxBodyBytes,
      headers,
    });
    answerSummary(ctx, res, summary);
  } catch (e) {
    ctx.counters.failed += 1;
    ctx.logger.error('push failed', { error: e });
    answer(ctx, res, 500, { error: 'internal error' });
  } finally {
    clearTimeout(timer);
  }
  // Done once the answer is out, so a graceful close does not cut it off.
  if (res.headersSent && !res.writableFinished) await finished(res).catch(() => undefined);
};

/** Refused before the body is read: a wrong secret, or a declared length over the limit. */
const atTheDoor = (
  req: IncomingMessage,
  pathSecret: string | undefined,
  ctx: PushContext,
): 401 | 413 | undefined => {
  if (!ctx.checkSecret(pathSecret, req.headers)) return 401;
  if (declaresTooMuch(req, ctx.limits.maxBodyBytes)) return 413;
  return undefined;
};

/** A POST to the push route: refused at the door, or given a slot until its work settles. */
export const handlePush = (
  req: IncomingMessage,
  res: ServerResponse,
  pathSecret: string | undefined,
  ctx: PushContext,
): void => {
  const { counters, limits } = ctx;
  const refusal = atTheDoor(req, pathSecret, ctx);
  if (refusal !== undefined) {
    refuse(ctx, res, refusal);
    return;
  }
  if (counters.inFlight >= limits.maxConcurrent) {
    counters.busy += 1;
    ctx.logger.warn('push refused: busy', { inFlight: counters.inFlight });
    answer(ctx, res, 503, { error: 'busy; the push will redeliver' });
    return;
  }
  counters.inFlight += 1;
  const work = processPush(req, res, ctx).finally(() => {
    counters.inFlight -= 1;
    ctx.work.delete(work);
  });
  ctx.work.add(work);
};
