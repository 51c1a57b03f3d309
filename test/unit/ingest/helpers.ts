import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as z from 'zod';
import { ValidationError } from '../../../lib/errors.js';
import { type BatchEvent, EVENT_NAMES } from '../../../lib/ingest/event.js';
import {
  type IngestItem,
  type ParsedDelivery,
  type ParseOptions,
  parseDelivery,
} from '../../../lib/ingest/index.js';

const FIXTURES = new URL('../../fixtures/deliveries/', import.meta.url);

/** A fixture's raw bytes, as `replay` or `serve` would receive them. */
export const fixtureBytes = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));
export const fixtureText = (name: string): string => fixtureBytes(name).toString('utf8');
export const fixtureJson = (name: string): Record<string, unknown> =>
  JSON.parse(fixtureText(name)) as Record<string, unknown>;

export const eventsOf = (items: readonly IngestItem[]): BatchEvent[] =>
  items.flatMap((i) => (i.ok ? [i.event] : []));

export const rejectionsOf = (items: readonly IngestItem[]) =>
  items.flatMap((i) =>
    i.ok ? [] : [{ code: i.error.code, where: i.where, message: i.error.message }],
  );

export const onlyEvent = (delivery: ParsedDelivery): BatchEvent => {
  const [item, ...rest] = delivery.items;
  if (item === undefined || !item.ok || rest.length > 0) {
    throw new Error(
      `expected exactly one event, got ${JSON.stringify(rejectionsOf(delivery.items))}`,
    );
  }
  return item.event;
};

/** The one rejection of a delivery that must yield exactly one. */
export const rejectionOf = (raw: unknown, options: ParseOptions = {}) => {
  const delivery = parseDelivery(raw, options);
  expect(delivery.items).toHaveLength(1);
  const [item] = delivery.items;
  if (item === undefined || item.ok) throw new Error('expected a rejection');
  expect(item.error).toBeInstanceOf(ValidationError);
  return { code: item.error.code, where: item.where, message: item.error.message };
};

export const base64 = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

/** A Batch message around the given events. */
export const message = (...events: unknown[]): { Events: unknown[] } => ({ Events: events });

export const VALIDATION_CODES = [
  'BODY_TOO_LARGE',
  'BODY_EMPTY',
  'BODY_NOT_JSON',
  'BODY_UNDECODABLE',
  'ENVELOPE_UNKNOWN',
  'ENVELOPE_INVALID',
  'MESSAGE_INVALID',
  'EVENT_INVALID',
  'INPUT_INVALID',
] as const;

const Text = z.string().optional();

/** What a valid BatchEvent looks like, checked strictly: used on fuzzed output. */
export const BatchEventShape = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  name: z.string().regex(/^[A-Z0-9]+(_[A-Z0-9]+)*$/),
  family: z.enum(['job', 'task', 'taskInstance', 'env', 'node', 'unknown']),
  time: Text,
  region: Text,
  vars: z.record(z.string(), z.string()),
  jobId: Text,
  jobName: Text,
  jobState: Text,
  taskName: Text,
  taskState: Text,
  taskInstanceIndex: z.number().int().nonnegative().optional(),
  taskInstanceState: Text,
  exitCode: z.number().int().optional(),
  stateReason: Text,
  envId: Text,
  envName: Text,
  computeNodeId: Text,
  computeNodeState: Text,
  computeNodeInstanceId: Text,
  batch: z.record(z.string(), z.unknown()),
  source: z.strictObject({
    kind: z.enum(['topic-trigger', 'http-json', 'http-simplified', 'queue', 'raw']),
    topic: Text,
    subscription: Text,
    messageId: Text,
    publishTime: Text,
    attempt: z.number().optional(),
    tags: z.array(z.string()).optional(),
  }),
});

export const isKnownName = (name: string): boolean =>
  (EVENT_NAMES as readonly string[]).includes(name);
