import { fieldsOf, quoteLines, SEVERITY_LABEL, severityOf } from './markdown.js';
import { judgeErrcodeReply } from './reply.js';
import { utf8Length } from './text-cut.js';
import type { AlertMessage, ChannelAdapter, Severity } from './types.js';

/** WeCom group robot (platform.md 6). */

/** markdown.content is at most 4096 bytes of UTF-8 (platform.md 6, "Size"). */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

/** WeCom markdown has three font colours; `warning` is its alarming one. */
const COLOR: Readonly<Record<Severity, string>> = {
  info: 'info',
  warning: 'warning',
  error: 'warning',
};

const CODES = {
  // 45009: frequency limit; 20 messages a minute, so a minute clears it (platform.md 6).
  rateLimited: new Map([[45009, 60_000]]),
  // -1: WeCom's global "system busy, retry later" code.
  transient: new Set([-1]),
};

export const renderWeComMarkdown = (message: AlertMessage): string => {
  const severity = severityOf(message);
  const lines = [
    `## <font color="${COLOR[severity]}">${SEVERITY_LABEL[severity]}</font> ${message.title}`,
  ];
  if (message.text !== '') lines.push(message.text);
  const fields = fieldsOf(message);
  if (fields.length > 0)
    lines.push(fields.map(([label, value]) => `**${label}**: ${value}`).join('\n'));
  if (message.codeBlock !== undefined) lines.push(quoteLines(message.codeBlock));
  if (message.link !== undefined) lines.push(`[${message.link.label}](${message.link.url})`);
  return lines.join('\n\n');
};

interface WeComBody {
  readonly msgtype: 'markdown';
  readonly markdown: { readonly content: string };
}

export const judgeWeCom = judgeErrcodeReply(CODES);

export const wecomAdapter: ChannelAdapter<WeComBody> = {
  type: 'wecom',
  windows: [{ limit: 20, windowMs: 60_000 }], // 20 messages a minute per robot (platform.md 6)
  render: (message) => ({
    msgtype: 'markdown',
    markdown: { content: renderWeComMarkdown(message) },
  }),
  fits: (body) => utf8Length(body.markdown.content) <= WECOM_MARKDOWN_MAX_BYTES,
  // The key in the URL is the only credential: nothing to sign.
  prepare: (body, { url }) => ({ url, body: JSON.stringify(body), secrets: [] }),
  judge: judgeWeCom,
};
