import type { EventSource } from './event.js';
import { type IngestItem, parseBatchMessage } from './message.js';
import { at, describeType, reject, rejectIssues } from './reject.js';
import { CmqRecordSchema, HttpPushJsonSchema, isCmqRecord, isHttpPushJson } from './schemas.js';
import { parseWithShape } from './shape.js';
import { buildSource, type CmqHeaders } from './source.js';
import { decodeText } from './text.js';

/**
 * A topic message body (JSON text or Base64 of it) to items. Text that is neither is
 * BODY_UNDECODABLE: Base64 is a legitimate form here, so garbage is not just "not JSON".
 */
export const parseMessageText = (
  text: string,
  source: EventSource,
  where: string,
  maxBytes: number,
): IngestItem[] => {
  const decoded = decodeText(text, where === '' ? 'body' : where, {
    maxBytes,
    garbageCode: 'BODY_UNDECODABLE',
  });
  return decoded.ok ? parseBatchMessage(decoded.value, source, where) : [decoded];
};

/** One `Records[i]`: a bad record is one rejected item, the other records still count. */
const parseRecord = (record: unknown, where: string, maxBytes: number): IngestItem[] => {
  const parsed = parseWithShape(CmqRecordSchema, isCmqRecord, record);
  if (!parsed.success) return [rejectIssues('ENVELOPE_INVALID', where, parsed.error)];
  const cmq = parsed.data.CMQ;
  const source = buildSource('topic-trigger', {
    topic: cmq.topicName,
    subscription: cmq.subscriptionName,
    messageId: cmq.msgId,
    publishTime: cmq.publishTime,
    tags: cmq.msgTag,
  });
  return parseMessageText(cmq.msgBody, source, at(where, 'CMQ.msgBody'), maxBytes);
};

/** SCF CMQ topic trigger: `{Records:[{CMQ:{…, msgBody}}]}`, possibly several messages. */
export const parseTopicTrigger = (records: unknown, maxBytes: number): IngestItem[] => {
  if (!Array.isArray(records)) {
    const problem = `expected an array, got ${describeType(records)}`;
    return [reject('ENVELOPE_INVALID', 'body', problem, 'Records')];
  }
  if (records.length === 0) {
    return [reject('ENVELOPE_INVALID', 'body', 'expected at least one record', 'Records')];
  }
  const items: IngestItem[] = [];
  for (let i = 0; i < records.length; i++) {
    for (const item of parseRecord(records[i], at('Records', i), maxBytes)) items.push(item);
  }
  return items;
};

/** Topic HTTP push in JSON format: the message is in `msgBody`, ids beside it. */
export const parseHttpPushJson = (
  body: Readonly<Record<string, unknown>>,
  headers: CmqHeaders,
  maxBytes: number,
): IngestItem[] => {
  const parsed = parseWithShape(HttpPushJsonSchema, isHttpPushJson, body);
  if (!parsed.success) return [rejectIssues('ENVELOPE_INVALID', 'body', parsed.error, '')];
  const push = parsed.data;
  const source = buildSource('http-json', {
    topic: push.topicName,
    subscription: push.subscriptionName,
    messageId: push.msgId ?? headers.messageId,
    publishTime: push.publishTime,
    tags: headers.tags,
  });
  return parseMessageText(push.msgBody, source, 'msgBody', maxBytes);
};
