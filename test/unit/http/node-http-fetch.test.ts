import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/errors.js';
import { createAgentPool } from '../../../lib/http/agent-pool.js';
import { createNodeHttpFetch, HttpTransportError } from '../../../lib/http/index.js';

const SETTINGS = {
  keepAliveMsecs: 1000,
  maxSockets: 4,
  maxFreeSockets: 2,
  freeSocketTimeoutMs: 4000,
};

describe('createAgentPool', () => {
  it('makes one keep-alive agent per protocol, on first use only', () => {
    // Arrange
    const pool = createAgentPool(SETTINGS);

    // Act
    const https = pool.transportFor('https:');
    const again = pool.transportFor('https:');
    const http = pool.transportFor('http:');

    // Assert
    expect(https?.agent).toBeInstanceOf(HttpsAgent);
    expect(https?.request).toBe(httpsRequest);
    expect(again).toBe(https);
    expect(http?.agent).toBeInstanceOf(HttpAgent);
    expect(http?.agent).not.toBeInstanceOf(HttpsAgent);
    expect(http?.agent.maxSockets).toBe(4);
    pool.destroy();
  });

  it('has no transport for other protocols and destroys cleanly when never used', () => {
    // Arrange
    const pool = createAgentPool(SETTINGS);

    // Act
    const ftp = pool.transportFor('ftp:');

    // Assert
    expect(ftp).toBeUndefined();
    expect(() => pool.destroy()).not.toThrow();
  });
});

describe('createNodeHttpFetch', () => {
  it('rejects unknown options as a ConfigError', () => {
    // Arrange
    const options = { maxSocket: 3 } as unknown as Parameters<typeof createNodeHttpFetch>[0];

    // Act
    const build = () => createNodeHttpFetch(options);

    // Assert
    expect(build).toThrow(ConfigError);
  });

  it('rejects a URL it cannot parse with a TypeError', async () => {
    // Arrange
    const fetchFn = createNodeHttpFetch();

    // Act
    const error = await fetchFn('not a url').catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/Failed to parse URL/);
  });

  it("rejects a protocol other than http(s) with TypeError('fetch failed')", async () => {
    // Arrange
    const fetchFn = createNodeHttpFetch();

    // Act
    const error = await fetchFn('ftp://127.0.0.1/file').catch((e: unknown) => e);

    // Assert
    expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect((error as Error).cause).toBeInstanceOf(HttpTransportError);
    expect((error as Error).cause).toMatchObject({ code: 'UNSUPPORTED_PROTOCOL' });
  });

  it('rejects a header value node:http will not send, as a fetch failure', async () => {
    // Arrange
    const fetchFn = createNodeHttpFetch();

    // Act
    const error = await fetchFn('http://127.0.0.1:9/', { headers: { 'x-bad': 'a\nb' } }).catch(
      (e: unknown) => e,
    );

    // Assert
    expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect((error as Error).cause).toMatchObject({ code: 'ERR_INVALID_CHAR' });
    fetchFn.destroy();
  });
});
