import { describe, expect, it } from 'vitest';
import {
  graphemes,
  keepFirstLines,
  keepLastLines,
  largestFitting,
} from '../../../lib/alerts/text-cut.js';

describe('keepLastLines', () => {
  it('keeps the newest lines under a marker that counts the dropped ones', () => {
    // Act
    const tail = keepLastLines(['1', '2', '3', '4'], 2);

    // Assert
    expect(tail).toBe('… (truncated 2 lines)\n3\n4');
  });

  it('returns the text unchanged when everything is kept', () => {
    // Act / Assert
    expect(keepLastLines(['1', '2'], 2)).toBe('1\n2');
  });

  it('says "1 line" for one', () => {
    // Act / Assert
    expect(keepLastLines(['1', '2'], 1)).toBe('… (truncated 1 line)\n2');
  });
});

describe('keepFirstLines', () => {
  it('keeps the first lines and puts the marker after them', () => {
    // Act / Assert
    expect(keepFirstLines(['a', 'b', 'c'], 1)).toBe('a\n… (truncated 2 lines)');
  });
});

describe('largestFitting', () => {
  it('finds the boundary of a monotone predicate', () => {
    // Act / Assert
    expect(largestFitting(0, 100, (n) => n * n <= 50)).toBe(7);
    expect(largestFitting(0, 100, () => false)).toBe(-1);
  });
});

describe('graphemes', () => {
  it('treats a ZWJ sequence as one unit', () => {
    // Act / Assert
    expect(graphemes('a👩‍💻b')).toEqual(['a', '👩‍💻', 'b']);
  });
});
