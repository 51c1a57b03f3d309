import { resolve } from 'node:path';
import { createDeps } from '../app.js';
import { loadSettings } from '../config/index.js';
import { ConfigError } from '../errors.js';
import { createLogger } from '../logger.js';
import { type BridgeServer, createBridgeServer } from '../server/index.js';
import { type CliIo, EXIT } from './io.js';

export interface ServeCommandOptions {
  readonly config: string;
  /** As typed on the command line; default 8080. */
  readonly port?: string | undefined;
  /** Default 127.0.0.1; 0.0.0.0 to take pushes from outside. */
  readonly host?: string | undefined;
  /** Resolves when the server should stop; default SIGINT or SIGTERM. */
  readonly stop?: Promise<unknown>;
}

/** The secret comes from the environment: a flag would show in `ps` and shell history. */
export const SECRET_ENV = 'BATCH_BRIDGE_PUSH_SECRET';

const signalled = (): Promise<unknown> =>
  new Promise((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });

const parsePort = (text: string | undefined): number | undefined => {
  const port = Number(text ?? 8080);
  return Number.isInteger(port) && port >= 0 && port <= 65_535 ? port : undefined;
};

const start = async (
  options: ServeCommandOptions,
  port: number,
  io: CliIo,
): Promise<{ server: BridgeServer; stopState: () => Promise<void> }> => {
  const env = { ...io.env, BATCH_BRIDGE_CONFIG: resolve(io.cwd, options.config) };
  const logger = createLogger({ write: (line) => io.stderr(`${line}\n`) });
  const deps = createDeps(loadSettings(env), env, { logger });
  const secret = io.env[SECRET_ENV] || undefined;
  const server = await createBridgeServer({
    deps,
    port,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(secret === undefined ? {} : { secret }),
  });
  const route = secret === undefined ? '/' : `/push/$${SECRET_ENV} (or header x-bridge-secret)`;
  io.stdout(`batch-bridge serving pushes on ${server.url} at POST ${route}\n`);
  if (secret === undefined)
    io.stdout(`warning: no ${SECRET_ENV}: anyone who can reach it can push\n`);
  return { server, stopState: () => deps.state.close() };
};

/**
 * `serve`: the HTTP push receiver until SIGINT/SIGTERM, then a graceful close (deliveries under
 * way finish) and exit 0. Logs go to stderr, one JSON line each.
 */
export const runServe = async (options: ServeCommandOptions, io: CliIo): Promise<number> => {
  const port = parsePort(options.port);
  if (port === undefined) {
    io.stderr('--port must be 0-65535\n');
    return EXIT.usage;
  }
  const stop = options.stop ?? signalled();
  let running: Awaited<ReturnType<typeof start>>;
  try {
    running = await start(options, port, io);
  } catch (e) {
    if (!(e instanceof ConfigError) && !isListenError(e)) throw e;
    io.stderr(`${e instanceof ConfigError ? e.code : 'LISTEN'}: ${e.message}\n`);
    return e instanceof ConfigError ? EXIT.config : EXIT.failed;
  }
  await stop;
  io.stderr('stopping: finishing deliveries under way\n');
  await running.server.close();
  await running.stopState();
  return EXIT.ok;
};

const isListenError = (e: unknown): e is NodeJS.ErrnoException =>
  e instanceof Error && 'syscall' in e && e.syscall === 'listen';
