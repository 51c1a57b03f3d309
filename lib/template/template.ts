import type { BatchEvent } from '../ingest/event.js';
import { configErrorAt } from './config-error.js';
import { compileField, type FieldGetter } from './fields.js';

/** A `{{ field }}` template, parsed once at compile time and rendered per event. */
export interface Template {
  readonly source: string;
  /** True when the text has no `{{ }}`: rendering returns `source` unchanged. */
  readonly isConstant: boolean;
  render(event: BatchEvent): string;
}

interface Part {
  readonly before: string;
  readonly get: FieldGetter;
}

// Logic-less on purpose: a field path and nothing else, so no code can ever run.
const EXPRESSION = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** How a value appears in rendered text: absent is empty, objects are JSON. */
export const stringifyValue = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null || typeof value !== 'object') return '';
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
};

const parse = (source: string, path: string): { parts: Part[]; tail: string } => {
  const parts: Part[] = [];
  let literal = '';
  let at = 0;
  for (;;) {
    const open = source.indexOf('{{', at);
    if (open === -1) return { parts, tail: literal + source.slice(at) };
    // `\{{` is a literal `{{`, for commands that need braces (Go templates, jq).
    if (open > 0 && source[open - 1] === '\\') {
      literal += `${source.slice(at, open - 1)}{{`;
      at = open + 2;
      continue;
    }
    const close = source.indexOf('}}', open + 2);
    if (close === -1)
      throw configErrorAt(path, `unclosed '{{' in '${source}' (write \\{{ for a literal)`);
    const raw = source.slice(open, close + 2);
    const expression = source.slice(open + 2, close).trim();
    if (!EXPRESSION.test(expression)) {
      throw configErrorAt(path, `invalid template expression ${raw}: only {{ field }} is allowed`);
    }
    const field = compileField(expression);
    if ('error' in field) throw configErrorAt(path, `${field.error} in ${raw}`);
    parts.push({ before: literal + source.slice(at, open), get: field.get });
    literal = '';
    at = close + 2;
  }
};

/** Throws ConfigError (with `path`) for an unknown field or a malformed expression. */
export const compileTemplate = (source: string, path: string): Template => {
  const { parts, tail } = parse(source, path);
  if (parts.length === 0) {
    return { source, isConstant: true, render: () => tail };
  }
  const render = (event: BatchEvent): string => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as Part;
      out += part.before + stringifyValue(part.get(event));
    }
    return out + tail;
  };
  return { source, isConstant: false, render };
};
