import { handleParsed } from '../core/handle-delivery.js';
import type { ProcessDeps } from '../core/process-delivery.js';
import { parseMessageBody } from '../ingest/index.js';
import type { MessageProcessor } from './types.js';

export interface CoreProcessorOptions {
  /** Largest body accepted, in bytes (the settings' maxBodyBytes). */
  readonly maxBytes?: number;
}

/**
 * Each queue message through the same core call as every other entry point, with the
 * per-action log lines of `handleDelivery`. The body is what the topic published
 * (SIMPLIFIED, platform.md 8.1): one Batch message, whose events carry `source.kind: 'queue'`
 * and the message id.
 */
export const createCoreProcessor =
  (deps: ProcessDeps, options: CoreProcessorOptions = {}): MessageProcessor =>
  async (body, message) => {
    const parse = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
    const source = { kind: 'queue' as const, messageId: message.msgId };
    const items = parseMessageBody(body, source, parse);
    const summary = await handleParsed({ kind: 'queue', items }, deps);
    return { handled: summary.events > 0, retry: summary.retry, rejections: summary.rejected };
  };
