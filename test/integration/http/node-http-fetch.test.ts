import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch, type NodeHttpFetch } from '../../../lib/http/index.js';
import {
  closedPort,
  type LoopbackServer,
  rejection,
  startLoopbackServer,
} from './loopback-server.js';

let server: LoopbackServer;
let fetchFn: NodeHttpFetch;

beforeEach(async () => {
  server = await startLoopbackServer();
  fetchFn = createNodeHttpFetch();
});

afterEach(async () => {
  fetchFn.destroy();
  await server.close();
});

describe('createNodeHttpFetch round trip', () => {
  it('sends method, headers and body and resolves a readable response', async () => {
    // Arrange
    server.handler = (req, res) => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-echo': req.method });
      res.end(JSON.stringify({ got: req.body.toString(), type: req.headers['content-type'] }));
    };

    // Act
    const response = await fetchFn(`${server.url}/path?q=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"hello":"wörld"}',
    });

    // Assert
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-echo')).toBe('POST');
    expect(response.headers.get('Set-Cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ got: '{"hello":"wörld"}', type: 'application/json' });
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/path?q=1' });
    expect(server.requests[0]?.headers['content-length']).toBe(
      String(Buffer.byteLength('{"hello":"wörld"}')),
    );
  });

  it('sends a Uint8Array body byte for byte and reads the reply as an ArrayBuffer', async () => {
    // Arrange
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    server.handler = (req, res) => res.end(req.body);

    // Act
    const response = await fetchFn(new URL(server.url), { method: 'PUT', body: bytes });

    // Assert
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    expect(server.requests[0]?.headers['transfer-encoding']).toBeUndefined();
  });

  it('resolves a 204 with an empty body and a 500 as a response, not a rejection', async () => {
    // Arrange
    server.handler = (req, res) => res.writeHead(req.url === '/empty' ? 204 : 500).end();

    // Act
    const empty = await fetchFn(`${server.url}/empty`, { method: 'DELETE' });
    const failed = await fetchFn(`${server.url}/broken`);

    // Assert
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
    expect(failed.status).toBe(500);
    expect(failed.ok).toBe(false);
  });

  it('returns a redirect as it is instead of following it', async () => {
    // Arrange
    server.handler = (_req, res) => res.writeHead(302, { location: '/elsewhere' }).end();

    // Act
    const response = await fetchFn(server.url, { method: 'POST', body: '{}', redirect: 'manual' });

    // Assert
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(server.requests).toHaveLength(1);
  });
});

describe('createNodeHttpFetch keep-alive', () => {
  it('sends sequential requests over one socket', async () => {
    // Arrange
    const calls = [1, 2, 3, 4, 5];

    // Act
    for (const n of calls) {
      const response = await fetchFn(server.url, { method: 'POST', body: String(n) });
      await response.text();
    }

    // Assert
    expect(server.requests.map((r) => r.socket)).toEqual([1, 1, 1, 1, 1]);
    expect(server.connections()).toBe(1);
  });

  it('leaves no abort listener behind on a signal that outlives the request', async () => {
    // Arrange
    const controller = new AbortController();

    // Act
    await fetchFn(server.url, { signal: controller.signal });

    // Assert
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('createNodeHttpFetch network failures', () => {
  it("rejects a refused connection with TypeError('fetch failed') and the socket error", async () => {
    // Arrange
    const port = await closedPort();

    // Act
    const error = await rejection(fetchFn(`http://127.0.0.1:${port}/`, { method: 'POST' }));

    // Assert
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });

  it('rejects when the server hangs up before answering', async () => {
    // Arrange
    server.handler = (_req, res) => res.socket?.destroy();

    // Act
    const error = await rejection(fetchFn(server.url, { method: 'POST', body: 'x' }));

    // Assert
    expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('rejects when the server hangs up halfway through the body', async () => {
    // Arrange
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' }).write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
    };

    // Act
    const error = await rejection(fetchFn(server.url));

    // Assert
    expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('fails a request on which no byte moves within the idle limit', async () => {
    // Arrange
    const idle = createNodeHttpFetch({ idleTimeoutMs: 50 });
    server.handler = () => undefined;

    // Act
    const error = await rejection(idle(server.url));
    idle.destroy();

    // Assert
    expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'IDLE_TIMEOUT' } });
  });
});
