import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A real redis-server on loopback for the integration tests: one per test file, with nothing
 * persisted. Not installed is an error, not a skip: a skipped store test passes silently.
 */

export interface RedisServerOptions {
  /** Started with --requirepass, so tests see a password travel in the URL. */
  readonly password?: string;
  readonly startTimeoutMs?: number;
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const BINARY = 'redis-server';
const INSTALL_HINT = 'redis-server is not installed: apt-get install redis-server';

export const freePort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port was assigned');
  return address.port;
};

/** One RESP PING; any reply (PONG or NOAUTH) means the server accepts connections. */
const answersPing = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(/^[+-]/.test(data.toString('latin1'))));
    socket.once('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
  });

const launch = (port: number, password: string | undefined): ChildProcess => {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  if (password !== undefined) args.push('--requirepass', password);
  return spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
};

const exited = (child: ChildProcess): boolean =>
  child.exitCode !== null || child.signalCode !== null;

const waitForExit = async (child: ChildProcess, timeoutMs: number): Promise<boolean> => {
  if (exited(child)) return true;
  const timeout = sleep(timeoutMs).then(() => false);
  return Promise.race([once(child, 'exit').then(() => true), timeout]);
};

const stopChild = async (child: ChildProcess): Promise<void> => {
  child.kill('SIGTERM');
  if (await waitForExit(child, 5_000)) return;
  child.kill('SIGKILL');
  await waitForExit(child, 5_000);
};

/** Polls until the server answers, exits or runs out of time; keeps its output for the error. */
const awaitReady = async (child: ChildProcess, port: number, deadline: number): Promise<void> => {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new Error(INSTALL_HINT, { cause: e }) : e),
    );
  });
  spawnError.catch(() => {});
  while (Date.now() < deadline) {
    await Promise.race([sleep(25), spawnError]);
    if (exited(child)) throw new Error(`redis-server exited on port ${port}: ${output}`);
    if (await answersPing(port)) return;
  }
  throw new Error(`redis-server did not answer PING on port ${port}: ${output}`);
};

/** Another process may take the free port before redis-server binds it: try a few ports. */
export const startRedisServer = async (options: RedisServerOptions = {}): Promise<RedisServer> => {
  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const child = launch(port, options.password);
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    try {
      await awaitReady(child, port, deadline);
    } catch (error) {
      process.off('exit', killOnExit);
      await stopChild(child);
      if (error instanceof Error && error.message === INSTALL_HINT) throw error;
      lastError = error;
      continue;
    }
    const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
    const stop = async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
    };
    return { url: `redis://${auth}127.0.0.1:${port}`, port, stop };
  }
  throw new Error('redis-server could not be started', { cause: lastError });
};
