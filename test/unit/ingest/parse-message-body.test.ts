import { describe, expect, it } from 'vitest';
import type { EventSource } from '../../../lib/ingest/event.js';
import { DEFAULT_MAX_BODY_BYTES, parseMessageBody } from '../../../lib/ingest/index.js';
import { base64, eventsOf, fixtureJson, fixtureText, rejectionsOf } from './helpers.js';

const QUEUE: EventSource = { kind: 'queue', messageId: '14073749311', attempt: 2 };

describe('parseMessageBody', () => {
  it('reads a queue message body and keeps the source it is given', () => {
    // Arrange
    const body = fixtureText('task-instance-failed.json');
    // Act
    const items = parseMessageBody(body, QUEUE);
    // Assert
    const [event] = eventsOf(items);
    expect(event).toMatchObject({ name: 'TASK_INSTANCE_FAILED', taskInstanceIndex: 3 });
    expect(event?.source).toBe(QUEUE);
  });

  it('reads a Base64 body as the console shows it', () => {
    // Arrange
    const body = base64(fixtureJson('env-and-node-events.json'));
    // Act
    const items = parseMessageBody(body, QUEUE);
    // Assert
    expect(eventsOf(items).map((e) => e.name)).toEqual([
      'COMPUTE_ENV_CREATED',
      'COMPUTE_NODE_ABNORMAL',
    ]);
  });

  it.each([
    ['Hello from CMQ!', 'BODY_UNDECODABLE', 'body: neither JSON nor Base64 of JSON'],
    [base64('not json'), 'BODY_UNDECODABLE', 'body: Base64 that does not decode to JSON'],
    [
      '{"Events": [',
      'BODY_NOT_JSON',
      'body: not valid JSON (12 chars): Unexpected end of JSON input',
    ],
    ['  ', 'BODY_EMPTY', 'body: empty'],
    ['{"Events": "JOB_FAILED"}', 'MESSAGE_INVALID', 'Events: expected an array, got a string'],
    ['[]', 'MESSAGE_INVALID', 'body: expected an object with Events, got an array'],
  ])('rejects %j as %s', (body, code, message) => {
    // Arrange
    const source = QUEUE;
    // Act
    const items = parseMessageBody(body, source);
    // Assert
    expect(rejectionsOf(items)).toEqual([{ code, where: 'body', message }]);
  });

  it('applies maxBytes, 1 MiB by default', () => {
    // Arrange
    const body = `"${'a'.repeat(DEFAULT_MAX_BODY_BYTES)}"`;
    // Act
    const [item] = parseMessageBody(body, QUEUE);
    const [small] = parseMessageBody(fixtureText('job-succeed.json'), QUEUE, { maxBytes: 10 });
    // Assert
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024);
    expect(item?.ok === false && item.error.code).toBe('BODY_TOO_LARGE');
    expect(small?.ok === false && small.error.code).toBe('BODY_TOO_LARGE');
  });

  it('never throws, even when handed something that is not a string', () => {
    // Arrange
    const body = 42 as unknown as string;
    // Act
    const items = parseMessageBody(body, QUEUE);
    // Assert
    expect(rejectionsOf(items)).toEqual([
      { code: 'INPUT_INVALID', where: 'body', message: 'body: expected a string, got a number' },
    ]);
  });
});
