import type { BatchEvent, EventSource } from './event.js';
import { readEvent } from './event-reader.js';
import { at, describeType, isRecord, type Rejection, reject } from './reject.js';

export type IngestItem =
  | { readonly ok: true; readonly event: BatchEvent }
  | { readonly ok: false; readonly error: Rejection['error']; readonly where: string };

/**
 * A Batch message `{Events:[…]}` to one item per event. `where` locates the message in its
 * delivery (`Records[1].CMQ.msgBody`, or '' when the message is the whole body).
 */
export const parseBatchMessage = (
  message: unknown,
  source: EventSource,
  where: string,
): IngestItem[] => {
  const self = where === '' ? 'body' : where;
  if (!isRecord(message)) {
    return [
      reject(
        'MESSAGE_INVALID',
        self,
        `expected an object with Events, got ${describeType(message)}`,
      ),
    ];
  }
  const events = message['Events'];
  const eventsAt = at(where, 'Events');
  if (!Array.isArray(events)) {
    const problem = `expected an array, got ${describeType(events)}`;
    return [reject('MESSAGE_INVALID', self, problem, eventsAt)];
  }
  if (events.length === 0) {
    return [reject('MESSAGE_INVALID', self, 'expected at least one event', eventsAt)];
  }
  return events.map((entry, i) => readEvent(entry, source, at(eventsAt, i)));
};
