import * as z from 'zod';
import { expected } from './reject.js';
import { hasShape, type Shape } from './shape.js';

/**
 * What Tencent sends, as zod schemas: the source of the input types. Lenient where the docs
 * disagree (platform.md 2.1: `topicOwner` string or number, `msgTag` string or array), loose
 * objects so that added fields pass, strict on the fields the bridge relies on. `null` counts
 * as absent for optional fields.
 */

const Text = z.string(expected('a string'));
const TextOrNumber = z.union([z.string(), z.number()], expected('a string or a number'));
const Headers = z.record(z.string(), z.unknown(), expected('an object'));

/** One `Records[]` entry of the SCF CMQ topic trigger (platform.md 2.1, batch-api.md 4.5). */
export const CmqRecordSchema = z.lazy(() =>
  z.looseObject(
    {
      CMQ: z.looseObject(
        {
          type: Text.nullish(),
          topicOwner: TextOrNumber.nullish(),
          topicName: Text.nullish(),
          subscriptionName: Text.nullish(),
          publishTime: TextOrNumber.nullish(),
          msgId: TextOrNumber.nullish(),
          requestId: TextOrNumber.nullish(),
          msgBody: Text,
          msgTag: z
            .union([z.string(), z.array(z.string())], expected('a string or an array of strings'))
            .nullish(),
        },
        expected('an object'),
      ),
    },
    expected('an object'),
  ),
);
export type CmqRecord = z.infer<typeof CmqRecordSchema>;

const TEXT = ['string'] as const;
const TEXT_OR_NUMBER = ['string', 'number'] as const;
const CMQ_SHAPE: Shape = {
  fields: {
    type: TEXT,
    topicOwner: TEXT_OR_NUMBER,
    topicName: TEXT,
    subscriptionName: TEXT,
    publishTime: TEXT_OR_NUMBER,
    msgId: TEXT_OR_NUMBER,
    requestId: TEXT_OR_NUMBER,
    msgBody: TEXT,
    msgTag: ['string', 'strings'],
  },
  required: ['msgBody'],
};
/** The same verdict as CmqRecordSchema for well-formed records, without copying them. */
export const isCmqRecord = (value: unknown): boolean =>
  hasShape(value, { fields: { CMQ: ['object'] }, required: ['CMQ'] }) &&
  hasShape(value['CMQ'], CMQ_SHAPE);

/** Topic HTTP push, JSON format (platform.md 3): the message wrapped with its ids. */
export const HttpPushJsonSchema = z.lazy(() =>
  z.looseObject({
    TopicOwner: TextOrNumber.nullish(),
    topicName: Text.nullish(),
    subscriptionName: Text.nullish(),
    msgId: TextOrNumber.nullish(),
    msgBody: Text,
    publishTime: TextOrNumber.nullish(),
  }),
);
export type HttpPushJson = z.infer<typeof HttpPushJsonSchema>;

const PUSH_SHAPE: Shape = {
  fields: {
    TopicOwner: TEXT_OR_NUMBER,
    topicName: TEXT,
    subscriptionName: TEXT,
    msgId: TEXT_OR_NUMBER,
    msgBody: TEXT,
    publishTime: TEXT_OR_NUMBER,
  },
  required: ['msgBody'],
};
export const isHttpPushJson = (value: unknown): boolean => hasShape(value, PUSH_SHAPE);

/** SCF function-URL event, or the legacy API-gateway event (platform.md 8.2). */
export const HttpEventSchema = z.lazy(() =>
  z.looseObject({
    httpMethod: Text.nullish(),
    path: Text.nullish(),
    headers: Headers.nullish(),
    body: z
      .union([z.string(), z.record(z.string(), z.unknown())], expected('a string or an object'))
      .nullish(),
    isBase64Encoded: z.boolean(expected('a boolean')).nullish(),
    requestContext: Headers.nullish(),
  }),
);
export type HttpEvent = z.infer<typeof HttpEventSchema>;

const HTTP_EVENT_SHAPE: Shape = {
  fields: {
    httpMethod: TEXT,
    path: TEXT,
    headers: ['object'],
    body: ['string', 'object'],
    isBase64Encoded: ['boolean'],
    requestContext: ['object'],
  },
  required: [],
};
export const hasHttpEventShape = (value: unknown): boolean => hasShape(value, HTTP_EVENT_SHAPE);

/** Tencent sends numbers as numeric strings elsewhere (batch-api.md 7.5); accept both. */
const integerLike = (pattern: RegExp, min: number) => {
  const error = expected(min === 0 ? 'a non-negative integer' : 'an integer');
  return z.union(
    [
      z.number(error).int(error).min(min, error),
      z
        .string(error)
        .regex(pattern, error)
        .transform((s) => Number(s)),
    ],
    error,
  );
};

/** The `Batch` object: documented for node events, plausible keys for the others (platform.md 1.3). */
export const BatchObjectSchema = z.lazy(() =>
  z.looseObject(
    {
      JobId: Text.nullish(),
      JobName: Text.nullish(),
      JobState: Text.nullish(),
      TaskName: Text.nullish(),
      TaskState: Text.nullish(),
      TaskInstanceIndex: integerLike(/^\d{1,15}$/, 0).nullish(),
      TaskInstanceState: Text.nullish(),
      ExitCode: integerLike(/^-?\d{1,15}$/, Number.MIN_SAFE_INTEGER).nullish(),
      StateReason: Text.nullish(),
      EnvId: Text.nullish(),
      EnvName: Text.nullish(),
      ComputeNodeId: Text.nullish(),
      ComputeNodeState: Text.nullish(),
      ComputeNodeInstanceId: Text.nullish(),
    },
    expected('an object'),
  ),
);
export type BatchObject = z.infer<typeof BatchObjectSchema>;

const EventVarSchema = z.looseObject({ Name: Text, Value: z.unknown() }, expected('an object'));

/** `EventVars`: `[{Name, Value}]` as documented, or a plain name -> value map. */
export const EventVarsSchema = z.lazy(() =>
  z.union(
    [z.array(EventVarSchema), z.record(z.string(), z.unknown())],
    expected('an array of {Name, Value} or an object'),
  ),
);

/** One entry of `Events[]` (platform.md 1.1). */
export const BatchEventInputSchema = z.lazy(() =>
  z.looseObject(
    {
      EventName: z.string(expected('a string')).min(1, { error: 'expected a non-empty name' }),
      EventVersion: TextOrNumber.nullish(),
      EventTime: Text.nullish(),
      Region: Text.nullish(),
      Batch: BatchObjectSchema.nullish(),
      EventVars: EventVarsSchema.nullish(),
    },
    expected('an object'),
  ),
);
export type BatchEventInput = z.infer<typeof BatchEventInputSchema>;
