import { EVENT_NAMES as BRIDGE_EVENT_NAMES } from '../../lib/ingest/event.js';
import { ApiError, invalidType, invalidValue } from './api-error.js';
import { normaliseEventName } from './events.js';
import { isObject, optArray, reqString } from './params.js';
import type { EventVar, JsonObject, NotificationConfig } from './types.js';

/** The 19 event names of batch-api.md 4.2: the contract the bridge reads them by. */
export const EVENT_NAMES: readonly string[] = BRIDGE_EVENT_NAMES;

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
