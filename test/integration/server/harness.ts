import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';
import type { ActionOutcome, Executor } from '../../../lib/actions/plan.js';
import { type AppDeps, createDeps } from '../../../lib/app.js';
import { loadSettings } from '../../../lib/config/index.js';
import type { BatchEvent } from '../../../lib/ingest/event.js';
import { createLogger, type Logger } from '../../../lib/logger.js';
import {
  type BridgeServer,
  type BridgeServerOptions,
  createBridgeServer,
} from '../../../lib/server/index.js';

/** A real server on 127.0.0.1:0 over deps built as a deployment builds them (dry run). */

export const ROOT = resolve(import.meta.dirname, '../../..');
const fixture = (name: string) => readFileSync(`${ROOT}/test/fixtures/deliveries/${name}`, 'utf8');

export const JSON_PUSH = fixture('http-push-json.json');
export const SIMPLIFIED_BODY = fixture('http-simplified-body.json');
export const CMQ_HEADERS: Record<string, string> = JSON.parse(
  fixture('http-simplified-headers.json'),
);

/** A SIMPLIFIED body for one failed task instance of its own job (2 actions in bridge.yml). */
export const failedInstance = (jobId: string): string =>
  SIMPLIFIED_BODY.replace('job-4yn0we13', jobId);

export const createCapturingLogger = (): { logger: Logger; lines: string[] } => {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }), lines };
};

export const buildDeps = (overrides: { executor?: Executor; logger?: Logger } = {}): AppDeps => {
  const env = {
    BATCH_BRIDGE_CONFIG: `${ROOT}/examples/bridge.yml`,
    BATCH_BRIDGE_DRY_RUN: 'true',
  };
  return createDeps(loadSettings(env), env, overrides);
};

/** An executor whose actions wait until released: holds deliveries in flight on purpose. */
export const createGatedExecutor = (outcome: ActionOutcome = { status: 'done' }) => {
  let open!: () => void;
  const gate = new Promise<void>((done) => {
    open = done;
  });
  const seen: BatchEvent[] = [];
  const executor: Executor = {
    mode: 'live',
    execute: async (_action, event) => {
      seen.push(event);
      await gate;
      return outcome;
    },
  };
  return { executor, seen, release: () => open() };
};

export interface Harness {
  readonly server: BridgeServer;
  readonly lines: string[];
  readonly deps: AppDeps;
}

export const startServer = async (
  options: Partial<Omit<BridgeServerOptions, 'deps'>> & { executor?: Executor } = {},
): Promise<Harness> => {
  const { executor, ...rest } = options;
  const { logger, lines } = createCapturingLogger();
  const deps = buildDeps({ logger, ...(executor === undefined ? {} : { executor }) });
  const server = await createBridgeServer({ tickEveryMs: 0, ...rest, deps });
  return { server, lines, deps };
};

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly json: Record<string, unknown>;
}

export interface Send {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One request on its own connection; resolves with the answer, rejects on a socket error. */
export const send = (base: string, input: Send = {}): Promise<Answer> =>
  new Promise((done, fail) => {
    const req = request(new URL(input.path ?? '/', base), {
      method: input.method ?? 'POST',
      headers: { 'content-type': 'text/plain', ...input.headers },
      agent: false,
    });
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const json = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        done({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.end(input.body);
  });

/** Polls until the check holds; fails the test after `ms` instead of hanging it. */
export const eventually = async (check: () => boolean, ms = 3000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** One server per test, closed after it: call at the top of a test file. */
export const serverPerTest = () => {
  let running: Harness | undefined;
  afterEach(async () => {
    await running?.server.close();
    running = undefined;
  });
  return async (options: Parameters<typeof startServer>[0] = {}): Promise<Harness> => {
    running = await startServer(options);
    return running;
  };
};
