import { isoTime, type Scheduler } from './clock.js';
import type { Faults } from './faults.js';
import type { EventVar, NotificationConfig } from './types.js';

/** The message Batch publishes to a topic (batch-api.md 4.4). */
export interface BatchEventEntry {
  readonly EventVersion: '1.0';
  readonly EventTime: string;
  readonly Region: string;
  readonly EventName: string;
  readonly EventVars: readonly EventVar[];
  readonly Batch: Readonly<Record<string, unknown>>;
}

export interface BatchEventMessage {
  readonly Events: readonly BatchEventEntry[];
}

export type PublishFn = (topicName: string, message: BatchEventMessage) => void | Promise<void>;

export interface PublishedMessage {
  readonly topicName: string;
  readonly message: BatchEventMessage;
  /** A second delivery injected by the duplicate fault. */
  readonly duplicate: boolean;
  /** Held back by the out-of-order fault. */
  readonly delayed: boolean;
}

export interface EventBus {
  emit(
    notifications: readonly NotificationConfig[],
    eventName: string,
    batch: Record<string, unknown>,
  ): void;
  /** Resolves when every message handed to `publish` so far has settled. */
  flush(): Promise<void>;
  published(): PublishedMessage[];
}

export interface EventBusOptions {
  readonly publish: PublishFn | undefined;
  readonly region: string;
  readonly scheduler: Scheduler;
  readonly faults: Faults;
  readonly onError: (error: unknown) => void;
}

/** `JobFailed` -> `JOB_FAILED`, `SUCCEEDED` -> `SUCCEED` (batch-api.md 7.3, 7.4). */
export const normaliseEventName = (name: string): string =>
  name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/SUCCEEDED$/, 'SUCCEED');

/** Fields with no value are left out, as the documented node event leaves out what it lacks. */
const compact = (batch: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(batch).filter(([, value]) => value !== undefined));

const buildEntry = (
  options: EventBusOptions,
  eventName: string,
  eventVars: readonly EventVar[],
  batch: Record<string, unknown>,
): BatchEventEntry => ({
  EventVersion: '1.0',
  EventTime: isoTime(options.scheduler.now()) ?? '',
  Region: options.region,
  EventName: eventName,
  EventVars: eventVars,
  Batch: compact(batch),
});

export const createEventBus = (options: EventBusOptions): EventBus => {
  const log: PublishedMessage[] = [];
  let chain: Promise<void> = Promise.resolve();
  // One chain keeps publish order equal to event order unless a fault says otherwise.
  const enqueue = (entry: PublishedMessage): void => {
    chain = chain
      .then(async () => {
        log.push(entry);
        await options.publish?.(entry.topicName, entry.message);
      })
      .catch(options.onError);
  };
  const deliver = (topicName: string, message: BatchEventMessage): void => {
    const delayed = options.faults.reorder();
    const send = (): void => {
      enqueue({ topicName, message, duplicate: false, delayed });
      if (options.faults.duplicate()) enqueue({ topicName, message, duplicate: true, delayed });
    };
    if (delayed) options.scheduler.after(options.faults.current().reorderDelayMs, send);
    else send();
  };
  return {
    emit(notifications, eventName, batch) {
      for (const notification of notifications) {
        const config = notification.eventConfigs.find((c) => c.eventName === eventName);
        if (config === undefined) continue;
        const entry = buildEntry(options, eventName, config.eventVars, batch);
        deliver(notification.topicName, { Events: [entry] });
      }
    },
    flush: async () => {
      let seen: Promise<void> | undefined;
      while (seen !== chain) {
        seen = chain;
        await chain;
      }
    },
    published: () => [...log],
  };
};
