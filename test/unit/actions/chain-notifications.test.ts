import { describe, expect, it } from 'vitest';
import { evaluateOne } from './plan-of.js';
import { event, job, jobOf, planOf, submit } from './submit-fixtures.js';

const CHAIN = ['JOB_SUCCEED', 'JOB_FAILED', 'JOB_FAILED_INTERRUPTED', 'TASK_INSTANCE_FAILED'];

const withOwn = (eventConfigs: unknown[], extra: Record<string, unknown> = {}) => ({
  ...job,
  ...extra,
  Notifications: [{ TopicName: 'mine', EventConfigs: eventConfigs }],
});

describe('submitJob plan › chain notifications', () => {
  it('adds notifications to the topic, with the rule vars, when the job has none', () => {
    // Arrange / Act
    const plan = planOf(submit({ vars: { upstream: '{{ jobId }}', stage: 'encode' } }), {
      topic: 'batch-events',
    });
    // Assert
    const EventVars = [
      { Name: 'upstream', Value: 'job-4yn0we13' },
      { Name: 'stage', Value: 'encode' },
    ];
    expect(jobOf(plan).Notifications).toEqual([
      {
        TopicName: 'batch-events',
        EventConfigs: CHAIN.map((EventName) => ({ EventName, EventVars })),
      },
    ]);
    expect(jobOf(plan).NotificationTarget).toBe('TDMQ_CMQ');
  });

  it('adds empty EventVars when the rule has no vars', () => {
    // Arrange / Act
    const plan = planOf(submit(), { topic: 'batch-events' });
    // Assert
    expect(jobOf(plan).Notifications).toEqual([
      {
        TopicName: 'batch-events',
        EventConfigs: CHAIN.map((EventName) => ({ EventName, EventVars: [] })),
      },
    ]);
  });

  it("merges rule vars into every EventConfig of the job's own notifications; rule vars win", () => {
    // Arrange
    const own = withOwn([
      {
        EventName: 'JOB_SUCCEED',
        EventVars: [
          { Name: 'keep', Value: 'k' },
          { Name: 'upstream', Value: 'old' },
        ],
      },
      { EventName: 'JOB_FAILED' },
    ]);
    const action = {
      submitJob: { job: own, placement: { Zone: 'z' }, vars: { upstream: '{{ jobId }}' } },
    };
    // Act
    const plan = planOf(action, { topic: 'batch-events' });
    // Assert
    const upstream = { Name: 'upstream', Value: 'job-4yn0we13' };
    expect(jobOf(plan).Notifications).toEqual([
      {
        TopicName: 'mine',
        EventConfigs: [
          { EventName: 'JOB_SUCCEED', EventVars: [{ Name: 'keep', Value: 'k' }, upstream] },
          { EventName: 'JOB_FAILED', EventVars: [upstream] },
        ],
      },
    ]);
    expect(jobOf(plan).NotificationTarget).toBe('TDMQ_CMQ');
  });

  it('sets TDMQ_CMQ on a job with its own notifications, even without topic or vars', () => {
    // Arrange
    const own = withOwn([{ EventName: 'JOB_FAILED', EventVars: [] }]);
    // Act
    const plan = planOf({ submitJob: { job: own, placement: { Zone: 'z' } } });
    // Assert
    expect(jobOf(plan).NotificationTarget).toBe('TDMQ_CMQ');
    expect(jobOf(plan).Notifications).toEqual(own.Notifications);
  });

  it('keeps a NotificationTarget the job sets itself', () => {
    // Arrange
    const own = withOwn([], { NotificationTarget: 'CMQ' });
    // Act
    const plan = planOf({ submitJob: { job: own, placement: { Zone: 'z' } } });
    // Assert
    expect(jobOf(plan).NotificationTarget).toBe('CMQ');
  });

  it('adds no notifications without a topic or vars', () => {
    // Arrange / Act
    const plan = planOf(submit());
    // Assert
    expect('Notifications' in jobOf(plan)).toBe(false);
    expect('NotificationTarget' in jobOf(plan)).toBe(false);
  });

  it.each([
    [
      'a notification without EventConfigs',
      [{ TopicName: 'mine' }],
      'Job.Notifications[0] has no EventConfigs list',
    ],
    [
      'EventVars that are not a list',
      [{ TopicName: 'm', EventConfigs: [{ EventName: 'JOB_FAILED', EventVars: 'x' }] }],
      'EventVars is not a list',
    ],
  ])('refuses %s when merging vars', (_case, notifications, message) => {
    // Arrange
    const bad = { ...job, Notifications: notifications };
    // Act
    const { errors } = evaluateOne(
      [{ submitJob: { job: bad, placement: { Zone: 'z' }, vars: { a: 'b' } } }],
      event,
    );
    // Assert
    expect(errors[0]?.code).toBe('RULE_PLAN');
    expect(errors[0]?.message).toContain(message);
  });
});
