import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventSource } from '../../../lib/ingest/event.js';
import { readEvent } from '../../../lib/ingest/event-reader.js';
import { normalizeEventName, normalizeState } from '../../../lib/ingest/names.js';
import { rejectIssues } from '../../../lib/ingest/reject.js';
import { BatchEventInputSchema } from '../../../lib/ingest/schemas.js';

/**
 * readEvent is the hand-written fast path of BatchEventInputSchema (see its header comment).
 * This proves they agree: same accept/reject, same first message, same converted values.
 */

const SOURCE: EventSource = { kind: 'raw' };
const WHERE = 'Events[0]';

const scalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    '0',
    '3',
    '-1',
    '007',
    '1.5',
    ' 2',
    '1e3',
    '9999999999999999',
    'SUCCEEDED',
    'Running',
  ),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0.5, -0, 2 ** 53, Number.MAX_SAFE_INTEGER, -3),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

const BATCH_KEYS = [
  'JobId',
  'JobName',
  'JobState',
  'TaskName',
  'TaskState',
  'TaskInstanceIndex',
  'TaskInstanceState',
  'ExitCode',
  'StateReason',
  'EnvId',
  'EnvName',
  'ComputeNodeId',
  'ComputeNodeState',
  'ComputeNodeInstanceId',
  'Mem',
] as const;

const batch = fc.record(Object.fromEntries(BATCH_KEYS.map((k) => [k, scalar])), {
  requiredKeys: [],
});
const eventVar = fc.oneof(
  fc.record({ Name: fc.oneof(fc.string({ maxLength: 4 }), scalar), Value: scalar }),
  scalar,
);
const eventVars = fc.oneof(
  fc.array(eventVar, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('a', 'b', 'c'), scalar),
  scalar,
);

const entry = fc.oneof(
  { weight: 1, arbitrary: scalar },
  {
    weight: 9,
    arbitrary: fc.record(
      {
        EventName: fc.oneof(
          fc.constantFrom('JOB_FAILED', 'TaskInstanceSucceeded', '', '--'),
          scalar,
        ),
        EventVersion: scalar,
        EventTime: scalar,
        Region: scalar,
        Batch: fc.oneof(batch, scalar),
        EventVars: eventVars,
      },
      { requiredKeys: [] },
    ),
  },
);

/** What the event should hold, computed from zod's output instead of the reader. */
const fromZod = (data: ReturnType<typeof BatchEventInputSchema.parse>) => {
  const b = data.Batch ?? {};
  const state = (s: string | null | undefined) => (s == null ? undefined : normalizeState(s));
  return {
    time: data.EventTime ?? undefined,
    region: data.Region ?? undefined,
    jobId: b.JobId ?? undefined,
    jobState: state(b.JobState),
    taskInstanceIndex: b.TaskInstanceIndex ?? undefined,
    taskInstanceState: state(b.TaskInstanceState),
    exitCode: b.ExitCode ?? undefined,
    computeNodeState: state(b.ComputeNodeState),
  };
};

describe('readEvent', () => {
  it('agrees with BatchEventInputSchema on random events', () => {
    // Arrange
    const check = (input: unknown) => {
      const zod = BatchEventInputSchema.safeParse(input);
      // Act
      const item = readEvent(input, SOURCE, WHERE);
      // Assert
      if (!zod.success) {
        expect(item.ok).toBe(false);
        if (!item.ok)
          expect(item.error.message).toBe(
            rejectIssues('EVENT_INVALID', WHERE, zod.error).error.message,
          );
        return;
      }
      if (normalizeEventName(zod.data.EventName).name === '') {
        expect(item.ok).toBe(false);
        return;
      }
      expect(item.ok).toBe(true);
      if (!item.ok) return;
      const {
        time,
        region,
        jobId,
        jobState,
        taskInstanceIndex,
        taskInstanceState,
        exitCode,
        computeNodeState,
      } = item.event;
      expect({
        time,
        region,
        jobId,
        jobState,
        taskInstanceIndex,
        taskInstanceState,
        exitCode,
        computeNodeState,
      }).toEqual(fromZod(zod.data));
    };
    fc.assert(fc.property(entry, check), { numRuns: 3000 });
  });

  it('reads an event the schema accepts into the same vars', () => {
    // Arrange
    const input = {
      EventName: 'JOB_FAILED',
      EventVars: [
        { Name: 'a', Value: 1 },
        { Name: 'b', Value: 'x' },
      ],
    };
    // Act
    const item = readEvent(input, SOURCE, WHERE);
    // Assert
    expect(BatchEventInputSchema.safeParse(input).success).toBe(true);
    expect(item.ok && item.event.vars).toEqual({ a: '1', b: 'x' });
  });
});
