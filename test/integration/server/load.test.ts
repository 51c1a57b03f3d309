import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createGatedExecutor,
  eventually,
  failedInstance,
  type Harness,
  JSON_PUSH,
  send,
  startServer,
} from './harness.js';

let running: Harness | undefined;
let release: (() => void) | undefined;
afterEach(async () => {
  release?.();
  await running?.server.close();
  running = undefined;
  release = undefined;
});

const start = async (options: Parameters<typeof startServer>[0] = {}) => {
  running = await startServer(options);
  return running;
};

/** Opens a raw connection and sends `head`; resolves with what came back once it closed. */
const rawClient = (url: string, head: string) => {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  let received = '';
  socket.on('data', (d) => {
    received += d.toString();
  });
  socket.on('error', () => {});
  const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
  socket.write(head);
  return { socket, closed };
};

describe('createBridgeServer: under load and misuse', () => {
  it('answers 503 past the concurrency cap and loses nothing once retried', async () => {
    // Arrange
    const gated = createGatedExecutor();
    release = gated.release;
    const { server } = await start({ executor: gated.executor, maxConcurrent: 4 });
    const jobs = Array.from({ length: 10 }, (_, i) => `job-burst${String(i).padStart(3, '0')}`);
    const early: number[] = [];
    // Act: all at once; only 4 fit, the other 6 are answered while those 4 wait.
    const first = jobs.map((job) =>
      send(server.url, { body: failedInstance(job) }).then((answer) => {
        early.push(answer.status);
        return answer;
      }),
    );
    await eventually(() => early.length === 6);
    const inFlightWhileHeld = server.stats().inFlight;
    gated.release();
    const answers = await Promise.all(first);
    // The push redelivers what got 503:
    const retried = jobs.filter((_, i) => answers[i]?.status === 503);
    const again = await Promise.all(
      retried.map((job) => send(server.url, { body: failedInstance(job) })),
    );
    // Assert
    expect(early.slice(0, 6)).toEqual([503, 503, 503, 503, 503, 503]);
    expect(inFlightWhileHeld).toBe(4);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(4);
    expect(retried).toHaveLength(6);
    expect(again.every((a) => a.status === 200)).toBe(true);
    expect(new Set(gated.seen.map((e) => e.jobId))).toEqual(new Set(jobs));
    expect(server.stats()).toMatchObject({ inFlight: 0, busy: 6, acknowledged: 10 });
  });

  it('answers 504 when processing passes requestTimeoutMs, and the work still finishes', async () => {
    // Arrange
    const gated = createGatedExecutor();
    release = gated.release;
    const { server, lines } = await start({ executor: gated.executor, requestTimeoutMs: 300 });
    // Act
    const started = Date.now();
    const answer = await send(server.url, { body: JSON_PUSH });
    const tookMs = Date.now() - started;
    gated.release();
    await eventually(() => server.stats().inFlight === 0);
    // Assert
    expect(answer.status).toBe(504);
    expect(tookMs).toBeGreaterThanOrEqual(290);
    expect(tookMs).toBeLessThan(2000);
    expect(server.stats()).toMatchObject({ timedOut: 1, handled: 1, acknowledged: 0 });
    expect(lines.some((l) => l.includes('delivery finished after its answer'))).toBe(true);
  });

  it('drops a client that sends its headers too slowly', async () => {
    // Arrange
    const { server } = await start({ requestTimeoutMs: 300 });
    const { socket, closed } = rawClient(server.url, 'POST / HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 50);
    // Act
    const started = Date.now();
    const received = await closed;
    clearInterval(drip);
    // Assert
    expect(Date.now() - started).toBeLessThan(2000);
    expect(received).toMatch(/^HTTP\/1.1 408|^$/);
    expect(server.stats().inFlight).toBe(0);
    expect((await send(server.url, { body: JSON_PUSH })).status).toBe(200);
  });

  it('drops a client that sends its body too slowly and frees its slot', async () => {
    // Arrange
    const { server } = await start({ requestTimeoutMs: 300, maxConcurrent: 1 });
    const head = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n';
    const { socket, closed } = rawClient(server.url, head);
    const drip = setInterval(() => socket.write('{'), 50);
    // Act
    await eventually(() => server.stats().inFlight === 1);
    const received = await closed;
    clearInterval(drip);
    // Assert
    expect(received).toMatch(/^HTTP\/1.1 (408|504)|^$/);
    await eventually(() => server.stats().inFlight === 0);
    expect((await send(server.url, { body: JSON_PUSH })).status).toBe(200);
  });

  it('stays healthy when a client aborts mid-body', async () => {
    // Arrange
    const { server } = await start({ maxConcurrent: 1 });
    const req = request(server.url, {
      method: 'POST',
      agent: false,
      headers: { 'content-length': '10000' },
    });
    req.on('error', () => {});
    req.write('{"Events":[');
    await eventually(() => server.stats().inFlight === 1);
    // Act
    req.destroy();
    await eventually(() => server.stats().aborted === 1);
    // Assert
    expect(server.stats().inFlight).toBe(0);
    const next = await send(server.url, { body: JSON_PUSH });
    expect(next.status).toBe(200);
    const health = await send(server.url, { method: 'GET', path: '/healthz' });
    expect(health.json).toMatchObject({ ok: true, inFlight: 0, aborted: 1, handled: 1 });
  });
});
