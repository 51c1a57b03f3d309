import { ConfigError } from '../errors.js';
import { plainText, severityOf } from './markdown.js';
import type { AlertMessage } from './types.js';

/**
 * The plain webhook's optional body template: JSON in which `{{ name }}` stands for a whole
 * JSON value. Each value is inserted with JSON.stringify, so no content can break out of its
 * place or into the structure, and nothing but a lookup ever runs.
 */

export type BodyValues = Readonly<Record<string, unknown>>;

const VALUES: Readonly<Record<string, (message: AlertMessage) => unknown>> = {
  title: (m) => m.title,
  text: (m) => m.text,
  severity: (m) => severityOf(m),
  fields: (m) => (m.fields ?? []).map(([label, value]) => ({ label, value })),
  logs: (m) => m.codeBlock ?? null,
  'link.url': (m) => m.link?.url ?? null,
  'link.label': (m) => m.link?.label ?? null,
  /** Everything as one text, for receivers that take a single string (Discord, Mattermost). */
  message: (m) => plainText(m),
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type BodyTemplate = (message: AlertMessage) => unknown;

const SAMPLES: readonly AlertMessage[] = [
  {
    title: 'sample "title"',
    text: 'text\nwith } and {{',
    severity: 'error',
    fields: [['label', 'value']],
    codeBlock: 'log',
    link: { label: 'open', url: 'https://example.com/' },
  },
  { title: '', text: '' },
];

const renderWith = (source: string, message: AlertMessage): string =>
  source.replace(PLACEHOLDER, (_match, name: string) => {
    const value = Object.hasOwn(VALUES, name) ? VALUES[name]?.(message) : undefined;
    return JSON.stringify(value ?? null);
  });

/** Throws ConfigError at `channels.NAME.template` for unknown names or a body that is not JSON. */
export const compileBodyTemplate = (source: string, channel: string): BodyTemplate => {
  const path = `channels.${channel}.template`;
  for (const [, name] of source.matchAll(PLACEHOLDER)) {
    if (name === undefined || !Object.hasOwn(VALUES, name)) {
      const known = Object.keys(VALUES).join(', ');
      throw new ConfigError(
        'CONFIG_INVALID',
        `unknown template value '{{ ${name ?? ''} }}' (known: ${known})`,
        { path },
      );
    }
  }
  for (const sample of SAMPLES) {
    try {
      JSON.parse(renderWith(source, sample));
    } catch (e) {
      const hint =
        'the template must be JSON with each {{ name }} standing for a whole value, as in {"content": {{ message }}}';
      throw new ConfigError('CONFIG_INVALID', `the body template is not valid JSON: ${hint}`, {
        path,
        cause: e,
      });
    }
  }
  return (message) => JSON.parse(renderWith(source, message)) as unknown;
};
