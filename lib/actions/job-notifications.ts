import {
  type EventConfigObject,
  type EventVar,
  isObject,
  type JobObject,
  type NotificationObject,
} from './job-shape.js';

/** How a chained job keeps the chain going: its own notifications back to the bridge's topic. */

/** What a follow-up job reports by default: its outcome, and each failed task instance. */
export const CHAIN_EVENTS = [
  'JOB_SUCCEED',
  'JOB_FAILED',
  'JOB_FAILED_INTERRUPTED',
  'TASK_INSTANCE_FAILED',
] as const;

const copyVars = (vars: readonly EventVar[]): EventVar[] => vars.map((v) => ({ ...v }));

// Rule vars win: an existing var of the same Name is dropped, then the rule's are appended.
const mergeVars = (existing: unknown, vars: readonly EventVar[]): unknown[] | string => {
  if (existing === undefined) return copyVars(vars);
  if (!Array.isArray(existing)) return 'EventVars is not a list';
  const names = new Set(vars.map((v) => v.Name));
  const kept = existing.filter(
    (v) => !(isObject<{ Name?: unknown }>(v) && names.has(String(v.Name))),
  );
  return [...kept, ...copyVars(vars)];
};

const mergeIntoNotifications = (list: unknown[], vars: readonly EventVar[]): string | undefined => {
  for (const [i, notification] of list.entries()) {
    const configs = isObject<NotificationObject>(notification)
      ? notification.EventConfigs
      : undefined;
    if (!Array.isArray(configs)) return `Job.Notifications[${i}] has no EventConfigs list`;
    for (const [k, config] of configs.entries()) {
      const at = `Job.Notifications[${i}].EventConfigs[${k}]`;
      if (!isObject<EventConfigObject>(config)) return `${at} is not an object`;
      const merged = mergeVars(config.EventVars, vars);
      if (typeof merged === 'string') return `${at}: ${merged}`;
      config.EventVars = merged;
    }
  }
  return undefined;
};

export interface ChainOptions {
  readonly topic: string | undefined;
  /** The rule's rendered vars; undefined when the action has none. */
  readonly vars: readonly EventVar[] | undefined;
}

const defaultNotifications = (topic: string, vars: readonly EventVar[]): NotificationObject[] => [
  {
    TopicName: topic,
    EventConfigs: CHAIN_EVENTS.map((name) => ({ EventName: name, EventVars: copyVars(vars) })),
  },
];

/**
 * Edits `job` in place (it is a fresh render, never the config's object). Returns a problem
 * description when the job's own Notifications are malformed.
 */
export const attachChainNotifications = (
  job: JobObject,
  options: ChainOptions,
): string | undefined => {
  const existing = job.Notifications;
  if (existing !== undefined && !Array.isArray(existing)) return 'Job.Notifications is not a list';
  const hasOwn = Array.isArray(existing) && existing.length > 0;
  if (hasOwn && options.vars !== undefined) {
    const problem = mergeIntoNotifications(existing, options.vars);
    if (problem !== undefined) return problem;
  } else if (!hasOwn && options.topic !== undefined) {
    job.Notifications = defaultNotifications(options.topic, options.vars ?? []);
  }
  const notifications = job.Notifications;
  // The API defaults to CMQ, a retired product (reference/platform.md S3).
  if (
    Array.isArray(notifications) &&
    notifications.length > 0 &&
    job.NotificationTarget === undefined
  ) {
    job.NotificationTarget = 'TDMQ_CMQ';
  }
  return undefined;
};
