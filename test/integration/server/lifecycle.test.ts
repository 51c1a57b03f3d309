import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../lib/cli/io.js';
import { runServe } from '../../../lib/cli/serve.js';
import {
  createGatedExecutor,
  eventually,
  JSON_PUSH,
  ROOT,
  send,
  serverPerTest,
} from './harness.js';

const start = serverPerTest();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createBridgeServer: lifecycle', () => {
  it('reports its counts on GET /healthz', async () => {
    // Arrange
    const { server } = await start();
    await send(server.url, { body: JSON_PUSH });
    // Act
    const answer = await send(server.url, { method: 'GET', path: '/healthz' });
    // Assert
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ ok: true, inFlight: 0, handled: 1, acknowledged: 1 });
  });

  it('closes gracefully: stops accepting, finishes the delivery under way', async () => {
    // Arrange
    const gated = createGatedExecutor();
    const { server } = await start({ executor: gated.executor });
    const underWay = send(server.url, { body: JSON_PUSH });
    await eventually(() => server.stats().inFlight === 1);
    // Act
    const closed = server.close();
    const refused = await send(server.url, { body: JSON_PUSH }).catch(
      (e: NodeJS.ErrnoException) => e.code,
    );
    gated.release();
    const answer = await underWay;
    await closed;
    // Assert
    expect(refused).toBe('ECONNREFUSED');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ events: 1, actions: { done: 2 } });
    expect(server.stats()).toMatchObject({ inFlight: 0, acknowledged: 1 });
  });

  it('runs the timer duties on their interval, never two at once', async () => {
    // Arrange
    let active = 0;
    let most = 0;
    let runs = 0;
    const tick = async () => {
      active += 1;
      most = Math.max(most, active);
      await sleep(40);
      runs += 1;
      active -= 1;
    };
    // Act: a tick takes longer than the interval.
    const { server } = await start({ tickEveryMs: 10, tick });
    await eventually(() => runs >= 4);
    await server.close();
    const after = runs;
    await sleep(100);
    // Assert
    expect(most).toBe(1);
    expect(server.stats().ticks).toBeGreaterThanOrEqual(4);
    expect(runs).toBe(after);
  });

  it('logs a failed tick and keeps ticking', async () => {
    // Arrange
    let runs = 0;
    const tick = async () => {
      runs += 1;
      throw new Error('reconcile exploded');
    };
    // Act
    const { server, lines } = await start({ tickEveryMs: 10, tick });
    await eventually(() => runs >= 3);
    // Assert
    expect(server.stats().tickErrors).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => l.includes('tick failed') && l.includes('reconcile exploded'))).toBe(
      true,
    );
  });

  it('runs runTick by default, with a deadline set', async () => {
    // Act
    const { server, lines, deps } = await start({ tickEveryMs: 20 });
    await eventually(() => server.stats().ticks >= 1);
    // Assert: a dry run has no peers, so runTick says it skipped.
    expect(lines.some((l) => l.includes('tick skipped: dry run'))).toBe(true);
    expect(Number.isFinite(deps.deadline())).toBe(true);
  });
});

describe('runServe', () => {
  it('serves bridge.yml until stopped, then exits 0', async () => {
    // Arrange
    let stdout = '';
    let stderr = '';
    let stop!: () => void;
    const io: CliIo = {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      env: { BATCH_BRIDGE_DRY_RUN: 'true' },
      cwd: ROOT,
      readFile: async () => '',
      readStdin: async () => '',
    };
    const stopped = new Promise<void>((done) => {
      stop = done;
    });
    // Act
    const exit = runServe({ config: 'examples/bridge.yml', port: '0', stop: stopped }, io);
    await eventually(() => stdout.includes('serving pushes on'));
    const url = /on (http:\/\/\S+) /.exec(stdout)?.[1] ?? '';
    const answer = await send(url, { body: JSON_PUSH });
    stop();
    // Assert
    expect(answer.status).toBe(200);
    expect(await exit).toBe(0);
    expect(stdout).toContain('warning: no BATCH_BRIDGE_PUSH_SECRET');
    expect(stderr).toContain('"message":"delivery"');
  });

  it('exits 64 on a bad port and 2 on a bad config', async () => {
    // Arrange
    const io: CliIo = {
      stdout: () => {},
      stderr: () => {},
      env: { BATCH_BRIDGE_DRY_RUN: 'true' },
      cwd: ROOT,
      readFile: async () => '',
      readStdin: async () => '',
    };
    // Act
    const badPort = await runServe({ config: 'examples/bridge.yml', port: 'x' }, io);
    const badConfig = await runServe(
      { config: 'missing.yml', port: '0', stop: Promise.resolve() },
      io,
    );
    // Assert
    expect(badPort).toBe(64);
    expect(badConfig).toBe(2);
  });
});
