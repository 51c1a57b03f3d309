import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch, type NodeHttpFetch } from '../../../lib/http/index.js';
import { type LoopbackServer, rejection, startLoopbackServer } from './loopback-server.js';

let server: LoopbackServer;
let fetchFn: NodeHttpFetch;

beforeEach(async () => {
  server = await startLoopbackServer();
  fetchFn = createNodeHttpFetch({ maxBodyBytes: 1024 });
});

afterEach(async () => {
  fetchFn.destroy();
  await server.close();
});

describe('createNodeHttpFetch aborts', () => {
  it('rejects with the reason of an already aborted signal and sends nothing', async () => {
    // Arrange
    const controller = new AbortController();
    controller.abort();

    // Act
    const error = await rejection(fetchFn(server.url, { signal: controller.signal }));

    // Assert
    expect(error).toBe(controller.signal.reason);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(server.connections()).toBe(0);
  });

  it('rejects with a TimeoutError while waiting for the headers', async () => {
    // Arrange
    server.handler = () => undefined;

    // Act
    const error = await rejection(fetchFn(server.url, { signal: AbortSignal.timeout(50) }));

    // Assert
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects with a TimeoutError while the body is still arriving', async () => {
    // Arrange
    server.handler = (_req, res) => res.writeHead(200, { 'content-length': '10' }).write('abc');
    const signal = AbortSignal.any([new AbortController().signal, AbortSignal.timeout(50)]);

    // Act
    const error = await rejection(fetchFn(server.url, { signal }));

    // Assert
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects with the caller-given reason, untouched', async () => {
    // Arrange
    server.handler = () => undefined;
    const controller = new AbortController();
    const reason = new Error('the caller gave up');
    setTimeout(() => controller.abort(reason), 20);

    // Act
    const error = await rejection(fetchFn(server.url, { signal: controller.signal }));

    // Assert
    expect(error).toBe(reason);
  });
});

describe('createNodeHttpFetch body cap', () => {
  it('rejects a body whose declared length passes the cap', async () => {
    // Arrange
    server.handler = (_req, res) => res.end('x'.repeat(2048));

    // Act
    const error = await rejection(fetchFn(server.url));

    // Assert
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'BODY_TOO_LARGE' } });
  });

  it('rejects a chunked body once it grows past the cap', async () => {
    // Arrange
    server.handler = (_req, res) => {
      res.write('x'.repeat(600));
      setTimeout(() => res.end('y'.repeat(600)), 10);
    };

    // Act
    const error = await rejection(fetchFn(server.url));

    // Assert
    expect(error).toMatchObject({ cause: { code: 'BODY_TOO_LARGE' } });
  });

  it('accepts a body exactly at the cap', async () => {
    // Arrange
    server.handler = (_req, res) => res.end('z'.repeat(1024));

    // Act
    const response = await fetchFn(server.url);

    // Assert
    expect((await response.text()).length).toBe(1024);
  });
});
