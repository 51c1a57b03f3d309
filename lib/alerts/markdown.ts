import type { AlertMessage, Severity } from './types.js';

/** Pieces the markdown-speaking channels share. */

export const severityOf = (message: AlertMessage): Severity => message.severity ?? 'info';

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  info: 'INFO',
  warning: 'WARNING',
  error: 'ERROR',
};

/** A log line with ``` in it would close the code block early and render the rest as markdown. */
export const neutraliseFences = (code: string): string => code.replaceAll('```', '`\u200b``');

/** Quoted lines: the CN bots document `>` quotes but no multi-line code blocks. */
export const quoteLines = (code: string): string =>
  code
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

export const fieldsOf = (message: AlertMessage): readonly (readonly [string, string])[] =>
  message.fields ?? [];

/** The whole message as plain text, for fallbacks and the `message` template value. */
export const plainText = (message: AlertMessage): string => {
  const parts = [message.title, message.text];
  const fields = fieldsOf(message);
  if (fields.length > 0)
    parts.push(fields.map(([label, value]) => `${label}: ${value}`).join('\n'));
  if (message.codeBlock !== undefined) parts.push(message.codeBlock);
  if (message.link !== undefined) parts.push(`${message.link.label}: ${message.link.url}`);
  return parts.filter((p) => p !== '').join('\n\n');
};
