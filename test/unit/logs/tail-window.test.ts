import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ByteRange,
  type LogObject,
  MISSING_FROM_COS,
  type RangeReader,
  tailObject,
} from '../../../lib/logs/index.js';

const object: LogObject = { bucket: 'logs-1250000000', region: 'ap-guangzhou', key: 'a.log' };

/** The RangeReader port over bytes in memory, recording the ranges asked for. The COS adapter
 *  itself is tested against s3rver in test/integration/logs. */
const memoryReader = (content: string | undefined) => {
  const data = content === undefined ? undefined : Buffer.from(content, 'utf8');
  const ranges: ByteRange[] = [];
  const reader: RangeReader = {
    size: async () => data?.length,
    read: async (_, range) => {
      ranges.push(range);
      const bytes = (data ?? Buffer.alloc(0)).subarray(range.start, range.end + 1);
      return { bytes, bytesRead: bytes.length };
    },
  };
  return { reader, ranges };
};

const naiveTail = (text: string, n: number): string[] => {
  if (text === '') return [];
  const lines = text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
  return lines.slice(Math.max(0, lines.length - n));
};

describe('tailObject', () => {
  it('reports a missing object as a result, saying why', async () => {
    // Arrange
    const { reader } = memoryReader(undefined);
    // Act
    const result = await tailObject(reader, object);
    // Assert
    expect(result).toEqual({ status: 'missing', reason: MISSING_FROM_COS, source: 'cos' });
  });

  it('reads nothing for an empty object', async () => {
    // Arrange
    const { reader, ranges } = memoryReader('');
    // Act
    const result = await tailObject(reader, object, { lines: 5 });
    // Assert
    expect(result).toEqual({
      status: 'ok',
      lines: [],
      truncated: false,
      bytesRead: 0,
      size: 0,
      source: 'cos',
    });
    expect(ranges).toEqual([]);
  });

  it('grows the window by fetching only the bytes in front of it', async () => {
    // Arrange: 100-byte lines, a 64-byte first window
    const text = Array.from({ length: 50 }, (_, i) => `${String(i).padStart(99, '.')}\n`).join('');
    const { reader, ranges } = memoryReader(text);
    // Act
    const result = await tailObject(reader, object, {
      lines: 3,
      initialWindow: 64,
      maxBytes: 4096,
    });
    // Assert
    expect(result).toMatchObject({ status: 'ok', lines: naiveTail(text, 3), truncated: true });
    expect(ranges.map((r) => [r.start, r.end])).toEqual([
      [4936, 4999],
      [4872, 4935],
      [4744, 4871],
      [4488, 4743],
    ]);
    expect(result.status === 'ok' && result.bytesRead).toBe(512);
  });

  it('stops at maxBytes and returns the cut line of a log that is one long line', async () => {
    // Arrange
    const text = 'x'.repeat(10_000);
    const { reader } = memoryReader(text);
    // Act
    const result = await tailObject(reader, object, {
      lines: 3,
      initialWindow: 100,
      maxBytes: 1000,
    });
    // Assert
    expect(result).toEqual({
      status: 'ok',
      lines: ['x'.repeat(1000)],
      truncated: true,
      bytesRead: 1000,
      size: 10_000,
      source: 'cos',
    });
  });

  it('matches a naive split for any text, line count and window', async () => {
    // Arrange
    const line = fc.string({
      unit: fc.constantFrom('a', 'é', '€', '\r', ' ', '😀'),
      maxLength: 12,
    });
    const texts = fc
      .tuple(fc.array(line, { maxLength: 30 }), fc.boolean(), fc.boolean())
      .map(([lines, crlf, trailing]) => lines.join(crlf ? '\r\n' : '\n') + (trailing ? '\n' : ''));
    await fc.assert(
      fc.asyncProperty(
        texts,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 40 }),
        async (text, n, w) => {
          // Act
          const result = await tailObject(memoryReader(text).reader, object, {
            lines: n,
            initialWindow: w,
            maxBytes: 1 << 20,
          });
          // Assert
          expect(result.status === 'ok' && result.lines).toEqual(naiveTail(text, n));
        },
      ),
    );
  });
});
