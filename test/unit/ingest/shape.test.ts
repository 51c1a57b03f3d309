import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CmqRecordSchema,
  HttpEventSchema,
  HttpPushJsonSchema,
  hasHttpEventShape,
  isCmqRecord,
  isHttpPushJson,
} from '../../../lib/ingest/schemas.js';

// Values near the envelopes' fields, so both verdicts get exercised, not only "reject".
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string(), { maxKeys: 2 }),
);
const fieldsOf = (names: readonly string[]) =>
  fc.record(Object.fromEntries(names.map((n) => [n, leaf])), { requiredKeys: [] });

const CMQ_FIELDS = [
  'type',
  'topicOwner',
  'topicName',
  'subscriptionName',
  'publishTime',
  'msgId',
  'requestId',
  'msgBody',
  'msgTag',
];
const PUSH_FIELDS = [
  'TopicOwner',
  'topicName',
  'subscriptionName',
  'msgId',
  'msgBody',
  'publishTime',
];
const HTTP_FIELDS = ['httpMethod', 'path', 'headers', 'body', 'isBase64Encoded', 'requestContext'];

describe('envelope shape checks', () => {
  it.each([
    [
      'CMQ record',
      fc.oneof(fc.record({ CMQ: fieldsOf(CMQ_FIELDS) }), leaf),
      isCmqRecord,
      CmqRecordSchema,
    ],
    ['HTTP push JSON', fc.oneof(fieldsOf(PUSH_FIELDS), leaf), isHttpPushJson, HttpPushJsonSchema],
    ['HTTP event', fc.oneof(fieldsOf(HTTP_FIELDS), leaf), hasHttpEventShape, HttpEventSchema],
  ] as const)('never accept a %s the schema rejects', (_name, values, conforms, schema) => {
    // Act / Assert: the fast path may only say yes where zod says yes.
    fc.assert(
      fc.property(values, (value) => {
        if (conforms(value)) expect(schema.safeParse(value).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts the documented envelopes without the schema', () => {
    // Arrange
    const record = {
      CMQ: {
        type: 'topic',
        topicOwner: 120000000,
        topicName: 't',
        msgId: '1',
        msgBody: '{}',
        msgTag: 'a,b',
      },
    };
    const push = {
      TopicOwner: 1251783334,
      topicName: 't',
      subscriptionName: 's',
      msgId: '1',
      msgBody: '{}',
      publishTime: 1,
    };
    const event = {
      httpMethod: 'POST',
      path: '/',
      headers: { a: 'b' },
      body: '{}',
      queryString: {},
    };
    // Act / Assert
    expect([isCmqRecord(record), isHttpPushJson(push), hasHttpEventShape(event)]).toEqual([
      true,
      true,
      true,
    ]);
    expect([isCmqRecord({ CMQ: { msgBody: 1 } }), isHttpPushJson({ msgBody: null })]).toEqual([
      false,
      false,
    ]);
  });
});
