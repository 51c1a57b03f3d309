import { severityOf } from './markdown.js';
import { httpFailure, isSuccessStatus } from './reply.js';
import { utf8Length } from './text-cut.js';
import type { AlertMessage, ChannelAdapter, HttpReply, Verdict } from './types.js';

/** A plain JSON webhook, for receivers of our own or any service not listed. */

/** No platform sets a limit; this keeps one alert from becoming a large upload. */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;

export const renderWebhookBody = (message: AlertMessage): Record<string, unknown> => ({
  title: message.title,
  text: message.text,
  severity: severityOf(message),
  fields: (message.fields ?? []).map(([label, value]) => ({ label, value })),
  logs: message.codeBlock ?? null,
  link: message.link ?? null,
});

export const judgeWebhook = (reply: HttpReply): Verdict =>
  isSuccessStatus(reply.status) ? { ok: true } : httpFailure(reply);

/** `render` is the fixed body above, or the channel's compiled body template. */
export const createWebhookAdapter = (
  render: (message: AlertMessage) => unknown = renderWebhookBody,
): ChannelAdapter => ({
  type: 'webhook',
  windows: [],
  render,
  fits: (body) => utf8Length(JSON.stringify(body)) <= WEBHOOK_MAX_BODY_BYTES,
  prepare: (body, { url }) => ({ url, body: JSON.stringify(body), secrets: [] }),
  judge: judgeWebhook,
});
