import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../../lib/ingest/index.js';
import { eventsOf, fixtureText, message, onlyEvent, rejectionsOf } from './helpers.js';

const instance = (batch: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  message({
    EventName: 'TASK_INSTANCE_FAILED',
    EventTime: '2024-03-02T08:11:05Z',
    Region: 'ap-guangzhou',
    Batch: { JobId: 'job-4yn0we13', TaskName: 'render', TaskInstanceIndex: 3, ...batch },
    ...extra,
  });

const idOf = (raw: unknown): string => onlyEvent(parseDelivery(raw)).id;

describe('parseDelivery', () => {
  it('maps every documented Batch field onto the event', () => {
    // Arrange
    const raw = fixtureText('task-instance-failed.json');
    // Act
    const event = onlyEvent(parseDelivery(raw));
    // Assert
    expect(event).toMatchObject({
      name: 'TASK_INSTANCE_FAILED',
      family: 'taskInstance',
      jobId: 'job-4yn0we13',
      jobName: 'render-films-0302',
      taskName: 'render',
      taskInstanceIndex: 3,
      taskInstanceState: 'FAILED',
      exitCode: 137,
      stateReason: 'Container exited with code 137',
      envId: 'env-ptoxdb1t',
      computeNodeId: 'node-0iy7wxyo',
      computeNodeInstanceId: 'ins-9rikj9kw',
      vars: { pipeline: 'films' },
    });
  });

  it('converts numeric strings and normalises CamelCase names and states', () => {
    // Arrange
    const raw = fixtureText('camel-case-names.json');
    // Act
    const [running, succeeded, failed] = eventsOf(parseDelivery(raw).items);
    // Assert
    expect(running).toMatchObject({ name: 'TASK_INSTANCE_RUNNING', taskInstanceIndex: 1 });
    expect(running).toMatchObject({ taskState: 'RUNNING', taskInstanceState: 'RUNNING' });
    expect(succeeded).toMatchObject({ name: 'TASK_SUCCEED', taskState: 'SUCCEED', exitCode: 0 });
    expect(failed).toMatchObject({
      name: 'JOB_FAILED',
      jobState: 'FAILED',
      jobName: 'train-resnet',
    });
  });

  it('keeps the Batch object as received, unknown fields and original spellings included', () => {
    // Arrange
    const raw = instance({ TaskInstanceIndex: '7', GpuModel: 'T4', Extra: { a: [1] } });
    // Act
    const event = onlyEvent(parseDelivery(raw));
    // Assert
    expect(event.taskInstanceIndex).toBe(7);
    expect(event.batch).toEqual({
      JobId: 'job-4yn0we13',
      TaskName: 'render',
      TaskInstanceIndex: '7',
      GpuModel: 'T4',
      Extra: { a: [1] },
    });
  });

  it('reads EventVars as a list with values stringified, or as a plain map', () => {
    // Arrange
    const list = [
      { Name: 'n', Value: 2 },
      { Name: 'b', Value: true },
      { Name: 'o', Value: { k: 'v' } },
      { Name: 'z', Value: null },
    ];
    // Act
    const fromList = onlyEvent(parseDelivery(instance({}, { EventVars: list }))).vars;
    const fromMap = onlyEvent(parseDelivery(instance({}, { EventVars: { n: 2, s: 'x' } }))).vars;
    // Assert
    expect(fromList).toEqual({ n: '2', b: 'true', o: '{"k":"v"}', z: '' });
    expect(fromMap).toEqual({ n: '2', s: 'x' });
  });

  it('treats null fields as absent, as Tencent sends for empty ones', () => {
    // Arrange
    const raw = instance({ ExitCode: null, StateReason: null }, { EventVars: null, Region: null });
    // Act
    const event = onlyEvent(parseDelivery(raw));
    // Assert
    expect(event).not.toHaveProperty('exitCode');
    expect(event).not.toHaveProperty('stateReason');
    expect(event).not.toHaveProperty('region');
    expect(event.vars).toEqual({});
  });

  it('accepts an event without a Batch object', () => {
    // Arrange
    const raw = message({ EventName: 'COMPUTE_ENV_DELETED' });
    // Act
    const event = onlyEvent(parseDelivery(raw));
    // Assert
    expect(event).toMatchObject({
      name: 'COMPUTE_ENV_DELETED',
      family: 'env',
      batch: {},
      vars: {},
    });
  });

  it('gives a redelivery of the same event the same id, whatever the envelope or vars', () => {
    // Arrange
    const first = instance({ ExitCode: 1 }, { EventVars: [{ Name: 'a', Value: '1' }] });
    const again = instance({ ExitCode: 2, TaskInstanceIndex: '3' });
    // Act
    const ids = [idOf(first), idOf(again), idOf(JSON.stringify(first))];
    // Assert
    expect(new Set(ids).size).toBe(1);
  });

  it('gives another instance, time, job, task, env, node or name another id', () => {
    // Arrange
    const base = instance({});
    const variants = [
      instance({ TaskInstanceIndex: 4 }),
      instance({}, { EventTime: '2024-03-02T08:11:06Z' }),
      instance({ JobId: 'job-97zcl3wt' }),
      instance({ TaskName: 'encode' }),
      instance({ EnvId: 'env-ptoxdb1t' }),
      instance({ ComputeNodeId: 'node-0iy7wxyo' }),
      instance({}, { EventName: 'TASK_INSTANCE_RUNNING' }),
    ];
    // Act
    const ids = [base, ...variants].map(idOf);
    // Assert
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects one event with a bad field and still returns the others of the message', () => {
    // Arrange
    const raw = message(
      { EventName: 'JOB_RUNNING', Batch: { JobId: 'job-4yn0we13' } },
      { EventName: 'TASK_INSTANCE_FAILED', Batch: { ExitCode: 1.5 } },
      { EventName: 'TASK_INSTANCE_FAILED', Batch: { TaskInstanceIndex: '-1' } },
      { EventName: 'JOB_FAILED', Batch: { JobId: 42 } },
      { EventName: 'JOB_FAILED', EventVars: [{ Name: 1, Value: 'x' }] },
      { EventName: 'JOB_FAILED', EventVars: 'pipeline=films' },
      { EventName: 'JOB_FAILED', Batch: 'job-4yn0we13' },
      { EventName: 'JOB_FAILED', EventTime: 1709367343 },
      { EventName: 'JOB_SUCCEED', Batch: { JobId: 'job-4yn0we13' } },
    );
    // Act
    const delivery = parseDelivery(raw);
    // Assert
    expect(eventsOf(delivery.items).map((e) => e.name)).toEqual(['JOB_RUNNING', 'JOB_SUCCEED']);
    expect(rejectionsOf(delivery.items)).toEqual([
      {
        code: 'EVENT_INVALID',
        where: 'Events[1]',
        message: 'Events[1].Batch.ExitCode: expected an integer, got a number',
      },
      {
        code: 'EVENT_INVALID',
        where: 'Events[2]',
        message: 'Events[2].Batch.TaskInstanceIndex: expected a non-negative integer, got a string',
      },
      {
        code: 'EVENT_INVALID',
        where: 'Events[3]',
        message: 'Events[3].Batch.JobId: expected a string, got a number',
      },
      {
        code: 'EVENT_INVALID',
        where: 'Events[4]',
        message: 'Events[4].EventVars[0].Name: expected a string, got a number',
      },
      {
        code: 'EVENT_INVALID',
        where: 'Events[5]',
        message:
          'Events[5].EventVars: expected an array of {Name, Value} or an object, got a string',
      },
      {
        code: 'EVENT_INVALID',
        where: 'Events[6]',
        message: 'Events[6].Batch: expected an object, got a string',
      },
      {
        code: 'EVENT_INVALID',
        where: 'Events[7]',
        message: 'Events[7].EventTime: expected a string, got a number',
      },
    ]);
  });

  it('puts the path of the field in ValidationError.path', () => {
    // Arrange
    const raw = {
      Records: [{ CMQ: { msgBody: JSON.stringify(instance({ TaskInstanceIndex: 'x' })) } }],
    };
    // Act
    const [item] = parseDelivery(raw).items;
    // Assert
    expect(item?.ok).toBe(false);
    if (item?.ok !== false) return;
    expect(item.where).toBe('Records[0].CMQ.msgBody.Events[0]');
    expect(item.error.path).toBe('Records[0].CMQ.msgBody.Events[0].Batch.TaskInstanceIndex');
  });
});
