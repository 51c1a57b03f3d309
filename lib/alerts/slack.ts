import { fieldsOf, neutraliseFences, plainText, severityOf } from './markdown.js';
import { httpFailure, isSuccessStatus, oneLine } from './reply.js';
import { graphemes, largestFitting } from './text-cut.js';
import type { AlertMessage, ChannelAdapter, HttpReply, Severity, Verdict } from './types.js';

/**
 * Slack incoming webhook (platform.md 6), as `{text, blocks}`. The block limits come from
 * Slack's Block Kit reference (header 150 characters, section text 3000, 10 fields of 2000,
 * 50 blocks); the 40000-character `text` is platform.md 6 (UNVERIFIED there). Characters are
 * counted as UTF-16 units, which over-counts and so errs on the safe side.
 */
export const SLACK_LIMITS = {
  text: 40_000,
  header: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  blocks: 50,
} as const;

const EMOJI: Readonly<Record<Severity, string>> = {
  info: ':information_source:',
  warning: ':warning:',
  error: ':rotating_light:',
};

/** Slack's three control characters in mrkdwn and in `text`. */
export const escapeSlack = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The header is plain text and tiny, so it is cut here; the full title stays in `text`. */
const headerText = (title: string): string => {
  if (title.length <= SLACK_LIMITS.header) return title;
  const parts = graphemes(title);
  const keep = largestFitting(
    0,
    parts.length,
    (n) => parts.slice(0, n).join('').length < SLACK_LIMITS.header,
  );
  return `${parts.slice(0, keep).join('')}…`;
};

interface SlackText {
  readonly type: 'mrkdwn' | 'plain_text';
  readonly text: string;
  readonly emoji?: boolean;
}

interface SlackBlock {
  readonly type: 'header' | 'section' | 'context';
  readonly text?: SlackText;
  readonly fields?: readonly SlackText[];
  readonly elements?: readonly SlackText[];
}

const mrkdwn = (text: string): SlackText => ({ type: 'mrkdwn', text });

const fieldSections = (message: AlertMessage): SlackBlock[] => {
  const fields = fieldsOf(message).map(([label, value]) =>
    mrkdwn(`*${escapeSlack(label)}*\n${escapeSlack(value)}`),
  );
  const sections: SlackBlock[] = [];
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection) {
    sections.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.fieldsPerSection) });
  }
  return sections;
};

interface SlackBody {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

export const renderSlack = (message: AlertMessage): SlackBody => {
  const header = `${EMOJI[severityOf(message)]} ${message.title}`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: headerText(header), emoji: true } },
  ];
  // Slack rejects a section with empty text.
  if (message.text !== '')
    blocks.push({ type: 'section', text: mrkdwn(escapeSlack(message.text)) });
  blocks.push(...fieldSections(message));
  if (message.codeBlock !== undefined) {
    const code = escapeSlack(neutraliseFences(message.codeBlock));
    blocks.push({ type: 'section', text: mrkdwn(`\`\`\`${code}\`\`\``) });
  }
  if (message.link !== undefined) {
    const link = `<${message.link.url}|${escapeSlack(message.link.label)}>`;
    blocks.push({ type: 'context', elements: [mrkdwn(link)] });
  }
  // The notification preview; without the log, which would bury the point.
  const { codeBlock: _log, ...withoutLog } = message;
  return { text: escapeSlack(plainText(withoutLog)), blocks };
};

export const fitsSlack = (body: SlackBody): boolean =>
  body.text.length <= SLACK_LIMITS.text &&
  body.blocks.length <= SLACK_LIMITS.blocks &&
  body.blocks.every(
    (block) =>
      block.type !== 'section' ||
      ((block.text?.text.length ?? 0) <= SLACK_LIMITS.sectionText &&
        (block.fields ?? []).every((field) => field.text.length <= SLACK_LIMITS.fieldText)),
  );

/** Slack's error is the plain-text body (`invalid_payload`, `channel_not_found`): its code. */
export const judgeSlack = (reply: HttpReply): Verdict => {
  if (isSuccessStatus(reply.status)) {
    // "ok" is UNVERIFIED (platform.md 6): a 2xx is delivery, another body only a note.
    return reply.text.trim() === 'ok' ? { ok: true } : { ok: true, note: oneLine(reply.text) };
  }
  const failure = httpFailure(reply);
  const token = reply.text.trim();
  return !failure.ok && /^[a-z_]{2,64}$/.test(token) ? { ...failure, code: token } : failure;
};

export const slackAdapter: ChannelAdapter<SlackBody> = {
  type: 'slack',
  windows: [{ limit: 1, windowMs: 1000 }], // about one message a second (platform.md 6)
  render: renderSlack,
  fits: fitsSlack,
  // The URL is the secret: nothing to sign.
  prepare: (body, { url }) => ({ url, body: JSON.stringify(body), secrets: [] }),
  judge: judgeSlack,
};
