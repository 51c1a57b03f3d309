import { fieldsOf, SEVERITY_LABEL, severityOf } from './markdown.js';
import { judgeErrcodeReply } from './reply.js';
import { signDingTalk } from './signing.js';
import { utf8Length } from './text-cut.js';
import type { AlertMessage, ChannelAdapter } from './types.js';

/** DingTalk custom robot (platform.md 6). */

/** The platform documents no figure (UNVERIFIED in platform.md 6); 20000 bytes of the whole
 *  body is the conservative budget the design asks for. */
export const DINGTALK_MAX_BODY_BYTES = 20_000;

const CODES = {
  // 130101: more than 20 a minute; the robot is then throttled for 10 minutes (platform.md 6).
  rateLimited: new Map([[130101, 600_000]]),
  // -1: "system busy".
  transient: new Set([-1]),
};

/** DingTalk markdown joins single newlines; a trailing double space forces the line break. */
const hardBreaks = (text: string): string => text.split('\n').join('  \n');

export const renderDingTalkMarkdown = (message: AlertMessage): string => {
  const severity = severityOf(message);
  const parts = [`#### ${SEVERITY_LABEL[severity]} ${message.title}`];
  if (message.text !== '') parts.push(hardBreaks(message.text));
  const fields = fieldsOf(message);
  if (fields.length > 0)
    parts.push(fields.map(([label, value]) => `- **${label}**: ${value}`).join('\n'));
  if (message.codeBlock !== undefined) {
    parts.push(
      message.codeBlock
        .split('\n')
        .map((line) => `> ${line}`)
        .join('  \n'),
    );
  }
  if (message.link !== undefined) parts.push(`[${message.link.label}](${message.link.url})`);
  return parts.join('\n\n');
};

interface DingTalkBody {
  readonly msgtype: 'markdown';
  /** `title` is what the notification list shows; `text` the message itself. */
  readonly markdown: { readonly title: string; readonly text: string };
}

export const judgeDingTalk = judgeErrcodeReply(CODES);

export const dingtalkAdapter: ChannelAdapter<DingTalkBody> = {
  type: 'dingtalk',
  windows: [{ limit: 20, windowMs: 60_000 }], // 20 messages a minute per robot (platform.md 6)
  render: (message) => ({
    msgtype: 'markdown',
    markdown: { title: message.title, text: renderDingTalkMarkdown(message) },
  }),
  fits: (body) => utf8Length(JSON.stringify(body)) <= DINGTALK_MAX_BODY_BYTES,
  prepare: (body, { url, secret, now }) => {
    if (secret === undefined) return { url, body: JSON.stringify(body), secrets: [] };
    // Signed per attempt: DingTalk rejects a timestamp more than an hour away.
    const sign = signDingTalk(secret, now);
    const signed = new URL(url);
    signed.searchParams.set('timestamp', String(now));
    signed.searchParams.set('sign', sign);
    return { url: signed.toString(), body: JSON.stringify(body), secrets: [sign] };
  },
  judge: judgeDingTalk,
};
