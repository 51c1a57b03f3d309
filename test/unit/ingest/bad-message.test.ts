import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../../lib/ingest/index.js';
import { eventsOf, fixtureJson, fixtureText, rejectionOf, rejectionsOf } from './helpers.js';

describe('parseDelivery', () => {
  it('rejects a message whose Events is not an array as MESSAGE_INVALID', () => {
    // Arrange
    const raw = fixtureJson('bad/events-not-array.json');
    // Act
    const rejection = rejectionOf(raw);
    // Assert
    expect(rejection).toEqual({
      code: 'MESSAGE_INVALID',
      where: 'body',
      message: 'Events: expected an array, got an object',
    });
  });

  it('rejects a message with no events at all', () => {
    // Arrange
    const raw = { Events: [] };
    // Act
    const rejection = rejectionOf(raw);
    // Assert
    expect(rejection).toMatchObject({
      code: 'MESSAGE_INVALID',
      message: 'Events: expected at least one event',
    });
  });

  it('rejects an event without a name and one with a bad field, keeping the good one', () => {
    // Arrange
    const raw = fixtureText('bad/mixed-events.json');
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(eventsOf(delivery.items).map((e) => e.name)).toEqual(['JOB_FAILED']);
    expect(rejectionsOf(delivery.items)).toEqual([
      {
        code: 'EVENT_INVALID',
        where: 'Events[0]',
        message: 'Events[0].EventName: expected a string, got nothing',
      },
      {
        code: 'EVENT_INVALID',
        where: 'Events[1]',
        message: 'Events[1].Batch.TaskInstanceIndex: expected a non-negative integer, got a string',
      },
    ]);
  });

  it.each([
    ['an empty name', { EventName: '' }, 'Events[0].EventName: expected a non-empty name'],
    [
      'a name of separators only',
      { EventName: ' - ' },
      'Events[0].EventName: expected a name with letters or digits',
    ],
    ['a number as name', { EventName: 7 }, 'Events[0].EventName: expected a string, got a number'],
    ['null as the event', null, 'Events[0]: expected an object, got null'],
    ['a string as the event', 'JOB_FAILED', 'Events[0]: expected an object, got a string'],
  ])('rejects %s as EVENT_INVALID', (_label, event, expected) => {
    // Arrange
    const raw = { Events: [event] };
    // Act
    const rejection = rejectionOf(raw);
    // Assert
    expect(rejection).toEqual({ code: 'EVENT_INVALID', where: 'Events[0]', message: expected });
  });

  it.each([
    ['null', null, 'expected a JSON object, got null'],
    ['a number', 42, 'expected a JSON object, got a number'],
    ['a number as text', '42', 'expected a JSON object, got a number'],
    ['a boolean', true, 'expected a JSON object, got a boolean'],
    ['an array', fixtureText('bad/top-level-array.json'), 'expected a JSON object, got an array'],
  ])('rejects %s at the top level as ENVELOPE_UNKNOWN', (_label, raw, expected) => {
    // Arrange
    const input: unknown = raw;
    // Act
    const rejection = rejectionOf(input);
    // Assert
    expect(rejection).toEqual({
      code: 'ENVELOPE_UNKNOWN',
      where: 'body',
      message: `body: ${expected}`,
    });
  });

  it('rejects an unknown object and names a few of its keys', () => {
    // Arrange
    const raw = fixtureJson('bad/unknown-envelope.json');
    // Act
    const rejection = rejectionOf(raw);
    // Assert
    expect(rejection.code).toBe('ENVELOPE_UNKNOWN');
    expect(rejection.message).toContain('"TriggerName"');
  });

  it('refuses __proto__ keys without polluting any prototype, keeping the clean event', () => {
    // Arrange
    const raw = fixtureText('bad/proto-pollution.json');
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(eventsOf(delivery.items).map((e) => e.name)).toEqual(['JOB_RUNNING']);
    expect(rejectionsOf(delivery.items)).toEqual([
      {
        code: 'EVENT_INVALID',
        where: 'Events[0]',
        message: 'Events[0].Batch: key __proto__ is not allowed',
      },
      {
        code: 'EVENT_INVALID',
        where: 'Events[1]',
        message: 'Events[1].EventVars[0].Name: key __proto__ is not allowed',
      },
    ]);
  });

  it('rejects a bad topic-trigger record alone and keeps the good one', () => {
    // Arrange
    const raw = fixtureJson('bad/scf-topic-trigger-bad-record.json');
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(delivery.kind).toBe('topic-trigger');
    expect(eventsOf(delivery.items).map((e) => e.computeNodeId)).toEqual(['node-0iy7wxyo']);
    expect(rejectionsOf(delivery.items)).toEqual([
      {
        code: 'BODY_UNDECODABLE',
        where: 'Records[0].CMQ.msgBody',
        message: 'Records[0].CMQ.msgBody: neither JSON nor Base64 of JSON',
      },
      {
        code: 'ENVELOPE_INVALID',
        where: 'Records[1]',
        message: 'Records[1].CMQ.msgBody: expected a string, got a number',
      },
    ]);
  });

  it.each([
    ['Records that is not an array', { Records: {} }, 'Records: expected an array, got an object'],
    ['an empty Records', { Records: [] }, 'Records: expected at least one record'],
    [
      'a JSON push with a numeric msgBody',
      { topicName: 't', msgBody: 1 },
      'msgBody: expected a string, got a number',
    ],
    [
      'a wrapper with text headers',
      { httpMethod: 'POST', headers: 'x', body: '{}' },
      'headers: expected an object, got a string',
    ],
  ])('rejects %s as ENVELOPE_INVALID', (_label, raw, expected) => {
    // Arrange
    const input: unknown = raw;
    // Act
    const rejection = rejectionOf(input);
    // Assert
    expect(rejection).toEqual({ code: 'ENVELOPE_INVALID', where: 'body', message: expected });
  });
});
