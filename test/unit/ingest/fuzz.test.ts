import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lib/errors.js';
import { type ParsedDelivery, parseDelivery } from '../../../lib/ingest/index.js';
import { BatchEventShape, base64, fixtureText, isKnownName, VALIDATION_CODES } from './helpers.js';

const VALID = [
  'compute-node-created.json',
  'job-succeed.json',
  'task-instance-failed.json',
  'camel-case-names.json',
  'env-and-node-events.json',
  'scf-topic-trigger.json',
  'http-push-json.json',
  'function-url-event.json',
  'api-gateway-event.json',
].map(fixtureText);

const KINDS = ['topic-trigger', 'http-json', 'http-simplified', 'queue', 'raw'];

/** Every item is a well-formed event or a clean rejection; the safety net never fires. */
const expectWellFormed = (delivery: ParsedDelivery): void => {
  expect(KINDS).toContain(delivery.kind);
  expect(delivery.items.length).toBeGreaterThan(0);
  for (const item of delivery.items) {
    if (item.ok) {
      const shape = BatchEventShape.safeParse(item.event);
      expect(shape.error).toBeUndefined();
      expect(item.event.family === 'unknown').toBe(!isKnownName(item.event.name));
      continue;
    }
    expect(item.error).toBeInstanceOf(ValidationError);
    expect(VALIDATION_CODES).toContain(item.error.code);
    expect(item.error.code).not.toBe('INPUT_INVALID');
    expect(item.where).not.toBe('');
    expect(item.error.message.length).toBeLessThan(300);
  }
};

/** Replaces the n-th node (depth first) of a JSON value, reaching into JSON-in-string bodies. */
const replaceNth = (value: unknown, n: { left: number }, replacement: unknown): unknown => {
  if (n.left-- === 0) return replacement;
  if (typeof value === 'string' && value.startsWith('{')) {
    return JSON.stringify(replaceNth(JSON.parse(value), n, replacement));
  }
  if (Array.isArray(value)) return value.map((v) => replaceNth(v, n, replacement));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, replaceNth(v, n, replacement)]),
    );
  }
  return value;
};

const typeChange = fc
  .tuple(fc.constantFrom(...VALID), fc.nat({ max: 80 }), fc.jsonValue({ maxDepth: 2 }))
  .map(([text, n, replacement]) =>
    JSON.stringify(replaceNth(JSON.parse(text), { left: n }, replacement)),
  );

const truncation = fc
  .tuple(fc.constantFrom(...VALID), fc.nat())
  .map(([text, cut]) => text.slice(0, cut % text.length));

const byteFlip = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
  )
  .map(([text, flips]) => {
    const bytes = Buffer.from(text);
    for (const [at, value] of flips) bytes[at % bytes.length] = value;
    return bytes;
  });

/** Base64 on the outside, or on a msgBody inside, possibly of an already damaged text. */
const base64Wrap = fc
  .tuple(fc.oneof(fc.constantFrom(...VALID), truncation, typeChange), fc.boolean())
  .map(([text, inner]) =>
    inner
      ? text.replace(
          /"msgBody":\s*("(?:[^"\\]|\\.)*")/,
          (_m, s: string) => `"msgBody":"${base64(JSON.parse(s))}"`,
        )
      : base64(text),
  );

describe('parseDelivery', () => {
  it('never throws on thousands of random values and texts', () => {
    // Arrange
    const anyInput = fc.oneof(
      fc.anything(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary' }),
      fc.uint8Array(),
      fc.base64String(),
    );
    // Act + Assert
    fc.assert(
      fc.property(anyInput, (raw) => expectWellFormed(parseDelivery(raw))),
      { numRuns: 3000 },
    );
  });

  it('never throws on mutated valid deliveries: truncated, flipped, retyped, Base64 wrapped', () => {
    // Arrange
    const mutated = fc.oneof(truncation, byteFlip, typeChange, base64Wrap);
    // Act + Assert
    fc.assert(
      fc.property(mutated, fc.boolean(), (raw, withHeaders) => {
        const headers = withHeaders ? { 'x-cmq-message-id': '1' } : undefined;
        expectWellFormed(parseDelivery(raw, headers ? { headers } : {}));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the intact events of a message when another one is retyped', () => {
    // Arrange
    const good = { EventName: 'JOB_SUCCEED', Batch: { JobId: 'job-4yn0we13' } };
    const bad = fc.jsonValue({ maxDepth: 3 });
    // Act + Assert
    fc.assert(
      fc.property(bad, (event) => {
        const delivery = parseDelivery({ Events: [good, event, good] });
        expectWellFormed(delivery);
        expect(delivery.items).toHaveLength(3);
        expect(delivery.items[0]?.ok && delivery.items[2]?.ok).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
