/**
 * Cutting text to fit a channel. Cuts fall between grapheme clusters, so a multi-byte
 * character (CJK, an emoji, a flag, a ZWJ family) is never split, and every cut says so.
 */

// Made on first use: ICU's segmenter takes milliseconds to build, and most texts fit uncut.
let segmenter: Intl.Segmenter | undefined;

export const graphemes = (text: string): string[] => {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
};

export const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The largest n in [lo, hi] with `ok(n)`, or lo - 1; `ok` must be monotone (true, then false). */
export const largestFitting = (lo: number, hi: number, ok: (n: number) => boolean): number => {
  let low = lo;
  let high = hi;
  let best = lo - 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (ok(mid)) {
      best = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return best;
};

export const truncatedMarker = (lines: number): string =>
  `… (truncated ${lines} ${lines === 1 ? 'line' : 'lines'})`;

/** A log tail keeping its last `keep` lines, led by a marker when lines were dropped. */
export const keepLastLines = (lines: readonly string[], keep: number): string => {
  const dropped = lines.length - keep;
  if (dropped <= 0) return lines.join('\n');
  const kept = keep > 0 ? lines.slice(-keep) : [];
  return [truncatedMarker(dropped), ...kept].join('\n');
};

/** Text keeping its first `keep` lines, followed by a marker when lines were dropped. */
export const keepFirstLines = (lines: readonly string[], keep: number): string => {
  const dropped = lines.length - keep;
  if (dropped <= 0) return lines.join('\n');
  return [...lines.slice(0, keep), truncatedMarker(dropped)].join('\n');
};
