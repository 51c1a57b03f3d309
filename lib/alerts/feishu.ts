import { fieldsOf, neutraliseFences, SEVERITY_LABEL, severityOf } from './markdown.js';
import {
  codeVerdict,
  httpFailure,
  numberAt,
  parseJsonObject,
  stringAt,
  unreadableReply,
} from './reply.js';
import { signFeishu } from './signing.js';
import { utf8Length } from './text-cut.js';
import type { AlertMessage, ChannelAdapter, HttpReply, Severity, Verdict } from './types.js';

/** Feishu/Lark custom bot, as an interactive card (platform.md 6). */

/** The request body may be at most 20 KB (platform.md 6, "Size"); 20000 bytes to be safe. */
export const FEISHU_MAX_BODY_BYTES = 20_000;
/** Room for `"timestamp":"…","sign":"…"`, added after fitting. */
const SIGNATURE_ROOM = 96;

const CODES = {
  // 11232: rate limited (100/min, 5/s); the per-second window clears within a second.
  rateLimited: new Map([[11232, 1000]]),
  transient: new Set<number>(),
};

const HEADER_COLOR: Readonly<Record<Severity, string>> = {
  info: 'blue',
  warning: 'orange',
  error: 'red',
};

const larkMd = (content: string) => ({ tag: 'lark_md', content });

const cardElements = (message: AlertMessage): unknown[] => {
  const elements: unknown[] = [];
  if (message.text !== '') elements.push({ tag: 'div', text: larkMd(message.text) });
  const fields = fieldsOf(message).map(([label, value]) => ({
    is_short: true,
    text: larkMd(`**${label}**\n${value}`),
  }));
  if (fields.length > 0) elements.push({ tag: 'div', fields });
  if (message.codeBlock !== undefined) {
    elements.push({
      tag: 'markdown',
      content: `\`\`\`\n${neutraliseFences(message.codeBlock)}\n\`\`\``,
    });
  }
  if (message.link !== undefined) {
    const text = { tag: 'plain_text', content: message.link.label };
    elements.push({
      tag: 'action',
      actions: [{ tag: 'button', text, type: 'default', url: message.link.url }],
    });
  }
  return elements;
};

interface FeishuBody {
  readonly msg_type: 'interactive';
  readonly card: Readonly<Record<string, unknown>>;
}

export const renderFeishuCard = (message: AlertMessage): FeishuBody => {
  const severity = severityOf(message);
  const title = { tag: 'plain_text', content: `${SEVERITY_LABEL[severity]} ${message.title}` };
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { template: HEADER_COLOR[severity], title },
      elements: cardElements(message),
    },
  };
};

/** Feishu may put the code in a 4xx body too, so the body is read before the status. */
export const judgeFeishu = (reply: HttpReply): Verdict => {
  if (reply.status === 429 || reply.status >= 500) return httpFailure(reply);
  const body = parseJsonObject(reply.text);
  const code = body === undefined ? undefined : numberAt(body, ['code', 'StatusCode']);
  if (body === undefined || code === undefined) {
    return reply.status < 300 ? unreadableReply(reply) : httpFailure(reply);
  }
  const verdict = codeVerdict(code, stringAt(body, ['msg', 'StatusMessage']), CODES);
  return verdict.ok || reply.status < 300 ? verdict : { ...verdict, status: reply.status };
};

export const feishuAdapter: ChannelAdapter<FeishuBody> = {
  type: 'feishu',
  // 100 a minute and 5 a second per bot (platform.md 6).
  windows: [
    { limit: 5, windowMs: 1000 },
    { limit: 100, windowMs: 60_000 },
  ],
  render: renderFeishuCard,
  fits: (body) => utf8Length(JSON.stringify(body)) + SIGNATURE_ROOM <= FEISHU_MAX_BODY_BYTES,
  prepare: (body, { url, secret, now }) => {
    if (secret === undefined) return { url, body: JSON.stringify(body), secrets: [] };
    // Seconds, unlike DingTalk's milliseconds; Feishu rejects a timestamp older than an hour.
    const timestamp = Math.floor(now / 1000);
    const sign = signFeishu(secret, timestamp);
    return {
      url,
      body: JSON.stringify({ timestamp: String(timestamp), sign, ...body }),
      secrets: [sign],
    };
  },
  judge: judgeFeishu,
};
