import { describe, expect, it } from 'vitest';
import { fitMessage } from '../../../lib/alerts/fit.js';
import { utf8Length } from '../../../lib/alerts/text-cut.js';
import type { AlertMessage } from '../../../lib/alerts/types.js';

/** A channel that only counts the UTF-8 bytes of the text and the log. */
const bytesOf = (m: AlertMessage): number =>
  utf8Length(m.title) + utf8Length(m.text) + utf8Length(m.codeBlock ?? '');
const within = (limit: number) => (m: AlertMessage) => bytesOf(m) <= limit;

const isWholeUtf8 = (text: string): boolean =>
  Buffer.from(text, 'utf8').toString('utf8') === text && !text.includes('\uFFFD');

const logOf = (n: number): string =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

describe('fitMessage', () => {
  it('leaves a message that fits untouched', () => {
    // Arrange
    const message = { title: 't', text: 'x', codeBlock: 'log' };

    // Act
    const fitted = fitMessage(message, within(100));

    // Assert
    expect(fitted).toEqual({ message, truncated: false });
  });

  it('drops the oldest log lines first and keeps as many of the newest as fit', () => {
    // Arrange
    const message = { title: 'T', text: 'body', codeBlock: logOf(100) };
    const limit = 200;

    // Act
    const { message: out, truncated } = fitMessage(message, within(limit));

    // Assert
    const lines = (out.codeBlock ?? '').split('\n');
    expect(truncated).toBe(true);
    expect(out.text).toBe('body');
    expect(lines.at(-1)).toBe('line 100');
    expect(lines[0]).toBe(`… (truncated ${101 - lines.length} lines)`);
    expect(bytesOf(out)).toBeLessThanOrEqual(limit);
    // One more line would not have fitted.
    const kept = lines.length - 1;
    const more = `… (truncated ${99 - kept} lines)\n${logOf(100)
      .split('\n')
      .slice(-(kept + 1))
      .join('\n')}`;
    expect(bytesOf({ ...out, codeBlock: more })).toBeGreaterThan(limit);
  });

  it('keeps the end of one enormous log line', () => {
    // Arrange
    const message = { title: 'T', text: '', codeBlock: `first\n${'x'.repeat(500)}END` };

    // Act
    const { message: out } = fitMessage(message, within(100));

    // Assert
    expect(out.codeBlock).toMatch(/^… \(truncated 1 line\)\n…x+END$/);
    expect(bytesOf(out)).toBe(100);
  });

  it('cuts the text at its end, by lines, once the log is gone', () => {
    // Arrange
    const message = { title: 'T', text: logOf(50), codeBlock: 'log' };

    // Act
    const { message: out } = fitMessage(message, within(120));

    // Assert
    expect(out.codeBlock).toBe('… (truncated 1 line)');
    expect(out.text.startsWith('line 1\nline 2\n')).toBe(true);
    expect(out.text).toMatch(/\n… \(truncated \d+ lines\)$/);
    expect(bytesOf(out)).toBeLessThanOrEqual(120);
  });

  it('cuts CJK and emoji text exactly at the byte limit without splitting a character', () => {
    // Arrange: 3-byte CJK and 4-byte emoji, one line, so the cut falls inside it
    const text = '任务失败🔥'.repeat(200);
    const limit = 1001;

    // Act
    const { message: out } = fitMessage({ title: '', text }, within(limit));

    // Assert
    expect(isWholeUtf8(out.text)).toBe(true);
    expect(out.text.endsWith('…')).toBe(true);
    expect(bytesOf(out)).toBeLessThanOrEqual(limit);
    // The next character of the original would have crossed the limit.
    const kept = out.text.slice(0, -1);
    const next = text.slice(kept.length).codePointAt(0) ?? 0;
    expect(bytesOf({ title: '', text: `${kept}${String.fromCodePoint(next)}…` })).toBeGreaterThan(
      limit,
    );
  });

  it('never splits a ZWJ emoji sequence', () => {
    // Arrange
    const family = '👨‍👩‍👧';
    const text = family.repeat(20);

    // Act
    const { message: out } = fitMessage({ title: '', text }, within(100));

    // Assert: 100 bytes hold five 18-byte families and the 3-byte ellipsis
    expect(out.text).toBe(`${family.repeat(5)}…`);
  });

  it('drops fields, then cuts the title, as a last resort', () => {
    // Arrange
    const message = {
      title: 'a long title',
      text: '',
      fields: [['k', 'v'] as const, ['k2', 'v2'] as const],
    };
    const fits = (m: AlertMessage) => (m.fields?.length ?? 0) === 0 && utf8Length(m.title) <= 8;

    // Act
    const { message: out } = fitMessage(message, fits);

    // Assert
    expect(out.fields).toBeUndefined();
    expect(out.title).toBe('a lon…');
    expect(out.text).toBe('');
  });
});
