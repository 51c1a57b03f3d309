import { describe, expect, it } from 'vitest';
import type { Executor } from '../../../lib/actions/plan.js';
import {
  CMQ_HEADERS,
  failedInstance,
  JSON_PUSH,
  SIMPLIFIED_BODY,
  send,
  serverPerTest,
} from './harness.js';

const start = serverPerTest();

describe('createBridgeServer: pushes', () => {
  it('plans the events of a JSON push and answers 200 with the summary', async () => {
    // Arrange
    const { server } = await start();
    // Act
    const answer = await send(server.url, { body: JSON_PUSH });
    // Assert
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ kind: 'http-json', events: 1, retry: false });
    expect(answer.json['actions']).toMatchObject({ planned: 2, failed: 0 });
    expect(server.stats()).toMatchObject({ handled: 1, acknowledged: 1, inFlight: 0 });
  });

  it('reads the x-cmq headers of a SIMPLIFIED push', async () => {
    // Arrange
    const seen: string[] = [];
    const executor: Executor = {
      mode: 'dry-run',
      execute: (_action, event) => {
        seen.push(`${event.source.kind}:${event.source.messageId}`);
        return { status: 'planned' };
      },
    };
    const { server } = await start({ executor });
    // Act
    const answer = await send(server.url, { body: SIMPLIFIED_BODY, headers: CMQ_HEADERS });
    // Assert
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ kind: 'http-simplified', events: 1 });
    expect(answer.json['actions']).toMatchObject({ planned: 2 });
    expect(seen).toContain('http-simplified:14073749311');
  });

  it.each([
    ['not JSON', 'Hello from CMQ!', 'BODY_NOT_JSON'],
    ['an unknown envelope', '{"hello":"world"}', 'ENVELOPE_UNKNOWN'],
    ['an empty body', '', 'BODY_EMPTY'],
  ])('acknowledges %s with 200 and logs the rejection', async (_name, body, code) => {
    // Arrange
    const { server, lines } = await start();
    // Act
    const answer = await send(server.url, { body });
    // Assert
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ events: 0, rejected: [{ code }], retry: false });
    expect(lines.some((l) => l.includes('"message":"rejected"') && l.includes(code))).toBe(true);
  });

  it('answers 503 when an action must be retried, so the push redelivers', async () => {
    // Arrange
    const executor: Executor = {
      mode: 'live',
      execute: async () => ({
        status: 'failed',
        error: { code: 'TENCENT_API', message: 'RequestLimitExceeded' },
        retryable: true,
      }),
    };
    const { server } = await start({ executor });
    // Act
    const answer = await send(server.url, { body: failedInstance('job-retry01') });
    // Assert
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ retry: true });
    expect(server.stats()).toMatchObject({ retried: 1, acknowledged: 0, inFlight: 0 });
  });

  it('answers 500 without internals when handling throws unexpectedly', async () => {
    // Arrange: the delivery's own log line throws, which nothing in the core catches.
    const { server, deps, lines } = await start();
    const info = deps.logger.info;
    deps.logger.info = (message, fields) => {
      if (message === 'delivery') throw new Error('disk full at /var/log/secret-path');
      info(message, fields);
    };
    // Act
    const answer = await send(server.url, { body: JSON_PUSH });
    // Assert
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error: 'internal error' });
    expect(lines.some((l) => l.includes('push failed'))).toBe(true);
    expect(server.stats()).toMatchObject({ failed: 1, inFlight: 0 });
  });
});
