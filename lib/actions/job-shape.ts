/**
 * The parts of a Batch Job (reference/batch-api.md section 3) that planning reads or edits.
 * Everything else passes through untouched, so the rest stays `unknown`.
 */

export interface JobObject {
  Tasks?: unknown;
  JobName?: unknown;
  Notifications?: unknown;
  NotificationTarget?: unknown;
  [field: string]: unknown;
}

export interface TaskObject {
  TaskName?: unknown;
  EnvId?: unknown;
  [field: string]: unknown;
}

export interface EventConfigObject {
  EventName?: unknown;
  EventVars?: unknown;
  [field: string]: unknown;
}

export interface NotificationObject {
  TopicName?: unknown;
  EventConfigs?: unknown;
  [field: string]: unknown;
}

export interface EventVar {
  readonly Name: string;
  readonly Value: string;
}

export const isObject = <T extends Record<string, unknown>>(value: unknown): value is T =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
