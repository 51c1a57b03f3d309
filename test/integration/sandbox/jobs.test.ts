import { afterEach, describe, expect, it } from 'vitest';
import { type BatchEmulator, createBatchEmulator } from '../../../sandbox/batch-emulator/index.js';
import {
  anonymousTask,
  callApi,
  createTopicRecorder,
  FAST,
  notifyAll,
  ok,
  uniqueToken,
} from './emulator-client.js';
import { finished, submit } from './fixtures.js';

const JOB_EVENTS = [
  'JOB_RUNNING',
  'JOB_SUCCEED',
  'JOB_FAILED',
  'TASK_RUNNING',
  'TASK_SUCCEED',
  'TASK_FAILED',
  'TASK_INSTANCE_RUNNING',
  'TASK_INSTANCE_SUCCEED',
  'TASK_INSTANCE_FAILED',
];

describe('batch emulator job lifecycle', () => {
  let emulator: BatchEmulator | undefined;

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('returns the same JobId for a repeated ClientToken and creates no second job', async () => {
    // Arrange
    emulator = await createBatchEmulator({ ...FAST });
    const token = uniqueToken();
    const job = { JobName: 'render-1', Tasks: [anonymousTask('A', 'echo hi')] };

    // Act
    const first = await submit(emulator, job, token);
    const second = await submit(emulator, { ...job, JobName: 'render-2' }, token);

    // Assert
    expect(second).toBe(first);
    expect(first).toMatch(/^job-[a-z0-9]{8}$/);
    expect(emulator.jobs()).toHaveLength(1);
  });

  it('runs a two-task DAG to SUCCEED and publishes its events in order with EventVars', async () => {
    // Arrange
    const topic = createTopicRecorder();
    emulator = await createBatchEmulator({ ...FAST, publish: topic.publish });
    const job = {
      JobName: 'render-films',
      Tasks: [anonymousTask('A', 'echo rendering'), anonymousTask('B', 'echo encoding')],
      Dependences: [{ StartTask: 'A', EndTask: 'B' }],
      Notifications: notifyAll('batch-events', JOB_EVENTS),
    };

    // Act
    const jobId = await submit(emulator, job);
    await finished(emulator, jobId);
    await emulator.flushEvents();

    // Assert
    expect(emulator.job(jobId)?.state).toBe('SUCCEED');
    expect(topic.names()).toEqual([
      'JOB_RUNNING',
      'TASK_RUNNING',
      'TASK_INSTANCE_RUNNING',
      'TASK_INSTANCE_SUCCEED',
      'TASK_SUCCEED',
      'TASK_RUNNING',
      'TASK_INSTANCE_RUNNING',
      'TASK_INSTANCE_SUCCEED',
      'TASK_SUCCEED',
      'JOB_SUCCEED',
    ]);
    const last = topic.messages.at(-1)?.message.Events[0];
    expect(last).toMatchObject({
      EventVersion: '1.0',
      Region: 'ap-guangzhou',
      EventVars: [{ Name: 'pipeline', Value: 'films' }],
      Batch: { JobId: jobId, JobName: 'render-films', JobState: 'SUCCEED' },
    });
    expect(last?.EventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(topic.messages.every((m) => m.topicName === 'batch-events')).toBe(true);
    const instanceEvent = topic.messages[3]?.message.Events[0]?.Batch;
    expect(instanceEvent).toMatchObject({
      TaskName: 'A',
      TaskInstanceIndex: 0,
      TaskInstanceState: 'SUCCEED',
      ExitCode: 0,
    });
  });

  it('fails an instance whose command exits non-zero, with its exit code and a stderr log in COS', async () => {
    // Arrange
    const written = new Map<string, string>();
    const topic = createTopicRecorder();
    emulator = await createBatchEmulator({
      ...FAST,
      publish: topic.publish,
      writeLog: async (url, content) => {
        written.set(url, content);
      },
    });
    const job = {
      Tasks: [anonymousTask('train', 'echo loading data && python train.py; exit 3')],
      Notifications: notifyAll('batch-events', ['TASK_INSTANCE_FAILED', 'JOB_FAILED']),
    };

    // Act
    const jobId = await submit(emulator, job);
    await finished(emulator, jobId);
    await emulator.flushEvents();
    const task = await ok(callApi(emulator, 'DescribeTask', { JobId: jobId, TaskName: 'train' }));

    // Assert
    const prefix = 'cos://logs-1250000000.cos.ap-guangzhou.myqcloud.com/runs/';
    const stderr = written.get(`${prefix}stderr.${jobId}.train.0.log`) ?? '';
    expect(written.get(`${prefix}stdout.${jobId}.train.0.log`)).toBe('loading data\n');
    expect(stderr.trim().split('\n').at(-1)).toBe('ERROR: command exited with code 3');
    expect(stderr).toContain('Traceback (most recent call last):');
    expect(task).toMatchObject({ TaskState: 'FAILED', TaskInstanceTotalCount: 1 });
    expect((task['TaskInstanceSet'] as unknown[])[0]).toMatchObject({
      TaskInstanceState: 'FAILED',
      ExitCode: 3,
      RedirectInfo: {
        StderrRedirectPath: prefix,
        StderrRedirectFileName: `stderr.${jobId}.train.0.log`,
      },
    });
    expect(topic.names()).toEqual(['TASK_INSTANCE_FAILED', 'JOB_FAILED']);
    expect(topic.messages[0]?.message.Events[0]?.Batch).toMatchObject({
      ExitCode: 3,
      TaskInstanceState: 'FAILED',
    });
  });

  it('returns the tail of each stream from DescribeTaskLogs as Base64', async () => {
    // Arrange
    emulator = await createBatchEmulator({ ...FAST });
    const jobId = await submit(emulator, {
      Tasks: [anonymousTask('A', 'echo first; echo second', { TaskInstanceNum: 2 })],
    });
    await finished(emulator, jobId);

    // Act
    const logs = await ok(
      callApi(emulator, 'DescribeTaskLogs', {
        JobId: jobId,
        TaskName: 'A',
        TaskInstanceIndexes: [1],
      }),
    );

    // Assert
    const entry = (logs['TaskInstanceLogSet'] as Array<Record<string, string>>)[0];
    const base64 = entry?.['StdoutLog']?.slice(entry['StdoutLog'].indexOf(',') + 1) ?? '';
    expect(logs['TotalCount']).toBe(2);
    expect(entry?.['TaskInstanceIndex']).toBe(1);
    expect(Buffer.from(base64, 'base64').toString('utf8')).toBe('first\nsecond\n');
  });

  it('terminates a running job: its instances end FAILED', async () => {
    // Arrange
    emulator = await createBatchEmulator({ ...FAST });
    const jobId = await submit(emulator, {
      Tasks: [anonymousTask('A', 'sleep 600', { TaskInstanceNum: 2 })],
    });
    await emulator.waitFor(() => emulator?.job(jobId)?.state === 'RUNNING');

    // Act
    await ok(callApi(emulator, 'TerminateJob', { JobId: jobId }));
    const job = await finished(emulator, jobId);

    // Assert
    expect(job.state).toBe('FAILED');
    expect(job.stateReason).toBe('Terminated by user');
    expect(job.tasks[0]?.instances.map((i) => i.state)).toEqual(['FAILED', 'FAILED']);
  });
});
