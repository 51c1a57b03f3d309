import { ApiError, invalidType, invalidValue } from './api-error.js';
import { normaliseEventName } from './events.js';
import { isObject, optArray, reqString } from './params.js';
import type { EventVar, JsonObject, NotificationConfig } from './types.js';

/** The 19 event names of batch-api.md 4.2 (DESIGN 3.1). */
export const EVENT_NAMES: readonly string[] = [
  'JOB_RUNNING',
  'JOB_SUCCEED',
  'JOB_FAILED',
  'JOB_FAILED_INTERRUPTED',
  'TASK_RUNNING',
  'TASK_SUCCEED',
  'TASK_FAILED',
  'TASK_FAILED_INTERRUPTED',
  'TASK_INSTANCE_RUNNING',
  'TASK_INSTANCE_SUCCEED',
  'TASK_INSTANCE_FAILED',
  'TASK_INSTANCE_FAILED_INTERRUPTED',
  'COMPUTE_ENV_CREATED',
  'COMPUTE_ENV_DELETED',
  'COMPUTE_NODE_CREATED',
  'COMPUTE_NODE_CREATION_FAILED',
  'COMPUTE_NODE_RUNNING',
  'COMPUTE_NODE_ABNORMAL',
  'COMPUTE_NODE_DELETING',
];

const readEventVars = (raw: JsonObject, path: string): EventVar[] =>
  (optArray(raw, 'EventVars', `${path}.EventVars`) ?? []).map((v, i) => {
    if (!isObject(v)) throw invalidType(`${path}.EventVars.${i}`, 'EventVar');
    const Name = reqString(v, 'Name', `${path}.EventVars.${i}.Name`);
    const Value = reqString(v, 'Value', `${path}.EventVars.${i}.Value`);
    return { Name, Value };
  });

const readNotification = (raw: unknown, path: string): NotificationConfig => {
  if (!isObject(raw)) throw invalidType(path, 'Notification');
  const topicName = reqString(raw, 'TopicName', `${path}.TopicName`);
  if (topicName.length > 64) {
    throw new ApiError(
      'InvalidParameter.NotificationTopicNameTooLong',
      `The topic name \`${topicName}\` is too long.`,
    );
  }
  const configs = optArray(raw, 'EventConfigs', `${path}.EventConfigs`) ?? [];
  const seen = new Set<string>();
  const eventConfigs = configs.map((config, i) => {
    const at = `${path}.EventConfigs.${i}`;
    if (!isObject(config)) throw invalidType(at, 'EventConfig');
    const eventName = normaliseEventName(reqString(config, 'EventName', `${at}.EventName`));
    if (!EVENT_NAMES.includes(eventName))
      throw invalidValue(`${at}.EventName`, `unknown event ${eventName}`);
    if (seen.has(eventName)) {
      throw new ApiError(
        'InvalidParameter.NotificationEventNameDuplicate',
        `The event name \`${eventName}\` is duplicated.`,
      );
    }
    seen.add(eventName);
    return { eventName, eventVars: readEventVars(config, at) };
  });
  return { topicName, eventConfigs };
};

export const readNotifications = (owner: JsonObject, path: string): NotificationConfig[] =>
  (optArray(owner, 'Notifications', `${path}.Notifications`) ?? []).map((raw, i) =>
    readNotification(raw, `${path}.Notifications.${i}`),
  );

/** ClientToken: caller-chosen, at most 64 ASCII characters (batch-api.md 2.2). */
export const readClientToken = (params: JsonObject): string | undefined => {
  const token = params['ClientToken'];
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string') throw invalidType('ClientToken', 'String');
  if (token.length > 64 || !/^[\x20-\x7e]+$/.test(token)) {
    throw invalidValue('ClientToken', 'at most 64 ASCII characters');
  }
  return token;
};
