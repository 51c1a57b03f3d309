import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type Answer, JSON_PUSH, send, serverPerTest, startServer } from './harness.js';

const SECRET = 'k3y-0f-the-d00r-4242';

const start = serverPerTest();

/** Declares no length and streams `total` bytes in chunks, as a chunked push would. */
const sendChunked = (base: string, total: number): Promise<Answer> =>
  new Promise((done, fail) => {
    const req = request(base, { method: 'POST', agent: false });
    req.on('error', fail);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, json: {} }));
    });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < total && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });

describe('createBridgeServer: the door', () => {
  it.each([
    ['in the path', { path: `/push/${SECRET}` }],
    ['in the x-bridge-secret header', { headers: { 'x-bridge-secret': SECRET } }],
  ])('takes a push with the secret %s', async (_where, where) => {
    // Arrange
    const { server, lines } = await start({ secret: SECRET });
    // Act
    const answer = await send(server.url, { body: JSON_PUSH, ...where });
    // Assert
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ events: 1 });
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it.each([
    ['a wrong secret in the path', { path: '/push/not-the-right-one-000' }],
    ['a wrong secret in the header', { headers: { 'x-bridge-secret': `${SECRET}x` } }],
    ['no secret at all', {}],
  ])('refuses %s with 401, reads nothing and logs no secret', async (_name, where) => {
    // Arrange
    const { server, lines } = await start({ secret: SECRET });
    // Act
    const answer = await send(server.url, { body: JSON_PUSH, ...where });
    // Assert
    expect(answer.status).toBe(401);
    expect(answer.headers['connection']).toBe('close');
    expect(server.stats()).toMatchObject({ unauthorized: 1, handled: 0, inFlight: 0 });
    const log = lines.join('\n');
    expect(log).toContain('push refused');
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain('not-the-right-one');
  });

  it('refuses a secret too short to guard a public URL', async () => {
    // Act / Assert
    await expect(startServer({ secret: 'short' })).rejects.toThrow(/at least 16/);
  });

  it.each([
    ['GET', '/', 405, 'POST'],
    ['PUT', '/', 405, 'POST'],
    ['POST', '/healthz', 405, 'GET'],
    ['POST', '/elsewhere', 404, undefined],
    ['POST', `/push/${SECRET}`, 404, undefined],
  ])('answers %s %s with %i', async (method, path, status, allow) => {
    // Arrange: no secret configured, so /push/… is no route at all.
    const { server } = await start();
    // Act
    const answer = await send(server.url, { method, path, body: '' });
    // Assert
    expect(answer.status).toBe(status);
    expect(answer.headers['allow']).toBe(allow);
  });

  it('refuses a declared length over the limit with 413 before reading it', async () => {
    // Arrange
    const { server } = await start({ maxBodyBytes: 1024 });
    // Act
    const answer = await send(server.url, { body: 'x'.repeat(4096) });
    // Assert
    expect(answer.status).toBe(413);
    expect(answer.headers['connection']).toBe('close');
    expect(server.stats()).toMatchObject({ tooLarge: 1, inFlight: 0 });
  });

  it('stops reading a chunked body at the limit: 413, connection closed', async () => {
    // Arrange
    const { server } = await start({ maxBodyBytes: 64 * 1024 });
    // Act
    const answer = await sendChunked(server.url, 8 * 1024 * 1024);
    // Assert
    expect(answer.status).toBe(413);
    expect(answer.headers['connection']).toBe('close');
    expect(server.stats()).toMatchObject({ tooLarge: 1, handled: 0, inFlight: 0 });
    const next = await send(server.url, { body: JSON_PUSH });
    expect(next.status).toBe(200);
  });
});
