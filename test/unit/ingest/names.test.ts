import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, type EventFamily, type EventName } from '../../../lib/ingest/event.js';
import { normalizeEventName, normalizeState, parseDelivery } from '../../../lib/ingest/index.js';
import { message, onlyEvent } from './helpers.js';

/** Written out rather than derived, so a wrong prefix rule in the code cannot hide here. */
const FAMILIES: Record<EventName, EventFamily> = {
  JOB_RUNNING: 'job',
  JOB_SUCCEED: 'job',
  JOB_FAILED: 'job',
  JOB_FAILED_INTERRUPTED: 'job',
  TASK_RUNNING: 'task',
  TASK_SUCCEED: 'task',
  TASK_FAILED: 'task',
  TASK_FAILED_INTERRUPTED: 'task',
  TASK_INSTANCE_RUNNING: 'taskInstance',
  TASK_INSTANCE_SUCCEED: 'taskInstance',
  TASK_INSTANCE_FAILED: 'taskInstance',
  TASK_INSTANCE_FAILED_INTERRUPTED: 'taskInstance',
  COMPUTE_ENV_CREATED: 'env',
  COMPUTE_ENV_DELETED: 'env',
  COMPUTE_NODE_CREATED: 'node',
  COMPUTE_NODE_CREATION_FAILED: 'node',
  COMPUTE_NODE_RUNNING: 'node',
  COMPUTE_NODE_ABNORMAL: 'node',
  COMPUTE_NODE_DELETING: 'node',
};

/** The CamelCase spelling of the docs' CLI sample (`JobFailed`, `ComputeEnvCreated`). */
const camel = (name: string): string =>
  name
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

const cases = EVENT_NAMES.map((name) => ({ name, family: FAMILIES[name], alias: camel(name) }));

describe('normalizeEventName', () => {
  it('covers all 19 event names of the contract', () => {
    // Arrange
    const expected = Object.keys(FAMILIES);
    // Act
    const names = [...EVENT_NAMES];
    // Assert
    expect(names).toHaveLength(19);
    expect(names.sort()).toEqual(expected.sort());
  });

  it.each(cases)('keeps $name and puts it in family $family', ({ name, family }) => {
    // Arrange
    const input: string = name;
    // Act
    const result = normalizeEventName(input);
    // Assert
    expect(result).toEqual({ name, family });
  });

  it.each(cases)('reads the CamelCase alias $alias as $name', ({ name, family, alias }) => {
    // Arrange
    const input = alias;
    // Act
    const result = normalizeEventName(input);
    // Assert
    expect(result).toEqual({ name, family });
  });

  it.each(cases)(
    'turns $name sent in an event into that name and family',
    ({ name, family, alias }) => {
      // Arrange
      const raw = message({ EventName: alias, EventTime: '2024-03-02T08:00:00Z' });
      // Act
      const event = onlyEvent(parseDelivery(raw));
      // Assert
      expect([event.name, event.family]).toEqual([name, family]);
    },
  );

  it.each([
    ['JobFailed', 'JOB_FAILED'],
    ['job-failed', 'JOB_FAILED'],
    ['job failed', 'JOB_FAILED'],
    ['jobfailed', 'JOB_FAILED'],
    [' JOB_FAILED ', 'JOB_FAILED'],
    ['ComputeEnvCreated', 'COMPUTE_ENV_CREATED'],
    ['TaskInstanceSucceeded', 'TASK_INSTANCE_SUCCEED'],
    ['TASK_INSTANCE_SUCCEEDED', 'TASK_INSTANCE_SUCCEED'],
    ['JobSucceed', 'JOB_SUCCEED'],
    ['compute-node-creation-failed', 'COMPUTE_NODE_CREATION_FAILED'],
  ])('reads %j as %s', (input, expected) => {
    // Arrange
    const name = input;
    // Act
    const result = normalizeEventName(name);
    // Assert
    expect(result.name).toBe(expected);
  });

  it.each([
    ['JobPaused', 'JOB_PAUSED'],
    ['TASK_INSTANCE_PREEMPTED', 'TASK_INSTANCE_PREEMPTED'],
    ['quotaExceeded', 'QUOTA_EXCEEDED'],
    ['ScaleSucceeded', 'SCALE_SUCCEED'],
  ])('keeps the unknown name %j as %s in family unknown', (input, expected) => {
    // Arrange
    const name = input;
    // Act
    const result = normalizeEventName(name);
    // Assert
    expect(result).toEqual({ name: expected, family: 'unknown' });
  });

  it('still reads the alias correctly after many distinct unknown names', () => {
    // Arrange: more distinct names than the cache holds
    for (let i = 0; i < 2000; i++) normalizeEventName(`Unknown${i}Event`);
    // Act
    const result = normalizeEventName('TaskFailedInterrupted');
    // Assert
    expect(result).toEqual({ name: 'TASK_FAILED_INTERRUPTED', family: 'task' });
  });
});

describe('normalizeState', () => {
  it.each([
    ['SUCCEED', 'SUCCEED'],
    ['SUCCEEDED', 'SUCCEED'],
    ['Succeeded', 'SUCCEED'],
    ['running', 'RUNNING'],
    ['FailedInterrupted', 'FAILED_INTERRUPTED'],
    ['CreationFailed', 'CREATION_FAILED'],
    ['creation-failed', 'CREATION_FAILED'],
    ['ABNORMAL', 'ABNORMAL'],
    ['Hibernating', 'HIBERNATING'],
  ])('reads %j as %s', (input, expected) => {
    // Arrange
    const state = input;
    // Act
    const result = normalizeState(state);
    // Assert
    expect(result).toBe(expected);
  });
});
