import { describe, expect, it } from 'vitest';
import { createChunkDecoder, decodeTaskLog, extractTailLines } from '../../../lib/logs/index.js';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('extractTailLines from the start of a log', () => {
  it.each([
    ['', []],
    ['\n', ['']],
    ['one', ['one']],
    ['one\ntwo', ['one', 'two']],
    ['one\ntwo\n', ['one', 'two']],
    ['one\r\ntwo\r\n', ['one', 'two']],
    ['a\n\nb\n', ['a', '', 'b']],
  ])('splits %j into %j', (text, lines) => {
    // Arrange / Act
    const found = extractTailLines(bytes(text), { wanted: 10, atStart: true });
    // Assert
    expect(found).toEqual({ lines, complete: true, cut: false, dropped: false });
  });

  it('keeps the last N lines and says earlier ones were dropped', () => {
    // Arrange
    const text = '1\n2\n3\n4\n5\n';
    // Act
    const found = extractTailLines(bytes(text), { wanted: 2, atStart: true });
    // Assert
    expect(found).toEqual({ lines: ['4', '5'], complete: true, cut: false, dropped: true });
  });
});

describe('extractTailLines from a window inside a log', () => {
  it('discards the partial first line when enough whole lines follow', () => {
    // Arrange: the window starts in the middle of "third"
    const window = bytes('ird\nfourth\nfifth\n');
    // Act
    const found = extractTailLines(window, { wanted: 2, atStart: false });
    // Assert
    expect(found).toEqual({
      lines: ['fourth', 'fifth'],
      complete: true,
      cut: false,
      dropped: true,
    });
  });

  it('asks for a bigger window when too few whole lines are in it', () => {
    // Arrange
    const window = bytes('ird\nfourth\n');
    // Act
    const found = extractTailLines(window, { wanted: 3, atStart: false });
    // Assert
    expect(found.complete).toBe(false);
    expect(found.lines).toEqual(['fourth']);
  });

  it('drops the bytes of a character the window cut in half', () => {
    // Arrange: "é" is C3 A9 and "€" is E2 82 AC; the window keeps only their tails
    const full = bytes('héllo wörld €uro\nlast\n');
    const cutAt = full.indexOf(0x82);
    // Act
    const found = extractTailLines(full.subarray(cutAt), {
      wanted: 5,
      atStart: false,
      final: true,
    });
    // Assert
    expect(found).toEqual({ lines: ['uro', 'last'], complete: false, cut: true, dropped: false });
    expect(found.lines.join('')).not.toContain('\uFFFD');
  });

  it('handles a cut between CR and LF', () => {
    // Arrange: the window begins with the LF of "one\r\n"
    const window = bytes('\ntwo\r\nthree\r\n');
    // Act
    const found = extractTailLines(window, { wanted: 2, atStart: false });
    // Assert
    expect(found.lines).toEqual(['two', 'three']);
  });

  it('returns the cut line when one line is longer than the biggest window', () => {
    // Arrange
    const window = bytes('xxxxxxxxxxxx');
    // Act
    const found = extractTailLines(window, { wanted: 3, atStart: false, final: true });
    // Assert
    expect(found).toEqual({ lines: ['xxxxxxxxxxxx'], complete: false, cut: true, dropped: false });
  });

  it('keeps a last line without a newline', () => {
    // Arrange
    const window = bytes('a\nb\nno newline');
    // Act
    const found = extractTailLines(window, { wanted: 2, atStart: false });
    // Assert
    expect(found.lines).toEqual(['b', 'no newline']);
  });
});

describe('decodeTaskLog', () => {
  it('decodes plain Base64 and the data URI form of the documented example', () => {
    // Arrange
    const b64 = Buffer.from('boom\nexit 1\n').toString('base64');
    // Act
    const plain = decodeTaskLog(b64);
    const uri = decodeTaskLog(`data:text/plain;charset=utf-8;base64,${b64}`);
    // Assert
    expect(Buffer.from(plain ?? []).toString()).toBe('boom\nexit 1\n');
    expect(Buffer.from(uri ?? []).toString()).toBe('boom\nexit 1\n');
  });

  it.each([null, undefined, '', '  '])('returns undefined for %j', (value) => {
    // Arrange / Act
    const decoded = decodeTaskLog(value);
    // Assert
    expect(decoded).toBeUndefined();
  });
});

describe('createChunkDecoder', () => {
  it('joins characters and CRLF pairs split across reads', () => {
    // Arrange
    const all = bytes('a€\r\nb\r');
    const decoder = createChunkDecoder();
    // Act: split inside "€" and between CR and LF
    const parts = [all.subarray(0, 2), all.subarray(2, 5), all.subarray(5, 6), all.subarray(6)];
    const text = parts.map((p) => decoder.write(p)).join('') + decoder.end();
    // Assert
    expect(text).toBe('a€\nb\r');
  });
});
