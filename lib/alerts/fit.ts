import {
  graphemes,
  keepFirstLines,
  keepLastLines,
  largestFitting,
  truncatedMarker,
} from './text-cut.js';
import type { AlertMessage } from './types.js';

/**
 * Shrinks a message until the channel accepts its size, giving up the least useful part
 * first: the oldest log lines, then the end of the text, then fields, then the title. Each
 * step keeps as much as still fits (a binary search over what it keeps), so a cut lands
 * exactly at the limit.
 */

/** make(0) is the smallest form; make(k) grows with k; `max` is the largest k worth trying. */
interface Shrink {
  readonly max: number;
  make(k: number): AlertMessage;
}

type Step = (message: AlertMessage) => Shrink | undefined;

const ELLIPSIS = '…';

const oldestLogLines: Step = (message) => {
  if (message.codeBlock === undefined || !message.codeBlock.includes('\n')) return undefined;
  const lines = message.codeBlock.split('\n');
  return {
    max: lines.length - 2,
    make: (k) => ({ ...message, codeBlock: keepLastLines(lines, k + 1) }),
  };
};

/** One enormous last line (a minified JSON dump): keep its end, where the error usually is. */
const lastLogLine: Step = (message) => {
  if (message.codeBlock === undefined || message.codeBlock === '') return undefined;
  const lines = message.codeBlock.split('\n');
  const last = graphemes(lines.at(-1) ?? '');
  const before = lines.length > 1 ? [truncatedMarker(lines.length - 1)] : [];
  const make = (g: number): AlertMessage => {
    if (g === 0) return { ...message, codeBlock: truncatedMarker(lines.length) };
    const tail = ELLIPSIS + last.slice(-g).join('');
    return { ...message, codeBlock: [...before, tail].join('\n') };
  };
  return { max: last.length - 1, make };
};

const lastTextLines: Step = (message) => {
  if (!message.text.includes('\n')) return undefined;
  const lines = message.text.split('\n');
  return {
    max: lines.length - 2,
    make: (k) => ({ ...message, text: keepFirstLines(lines, k + 1) }),
  };
};

const firstTextLine: Step = (message) => {
  if (message.text === '') return undefined;
  const lines = message.text.split('\n');
  const first = graphemes(lines[0] ?? '');
  const after = lines.length > 1 ? [truncatedMarker(lines.length - 1)] : [];
  const make = (g: number): AlertMessage => {
    if (g === 0) return { ...message, text: truncatedMarker(lines.length) };
    return { ...message, text: [first.slice(0, g).join('') + ELLIPSIS, ...after].join('\n') };
  };
  return { max: first.length - 1, make };
};

const fields: Step = (message) => {
  const all = message.fields;
  if (all === undefined) return undefined;
  return {
    max: all.length - 1,
    make: (k) => {
      const { fields: _dropped, ...rest } = message;
      return k === 0 ? rest : { ...rest, fields: all.slice(0, k) };
    },
  };
};

const title: Step = (message) => {
  if (message.title === '') return undefined;
  const parts = graphemes(message.title);
  return {
    max: parts.length - 1,
    make: (g) => ({ ...message, title: parts.slice(0, g).join('') + ELLIPSIS }),
  };
};

const STEPS: readonly Step[] = [
  oldestLogLines,
  lastLogLine,
  lastTextLines,
  firstTextLine,
  fields,
  title,
];

export interface Fitted {
  readonly message: AlertMessage;
  readonly truncated: boolean;
}

/** When even the smallest form does not fit, that form is returned and the channel decides. */
export const fitMessage = (message: AlertMessage, fits: (m: AlertMessage) => boolean): Fitted => {
  if (fits(message)) return { message, truncated: false };
  let current = message;
  for (const step of STEPS) {
    const shrink = step(current);
    if (shrink === undefined) continue;
    const k = largestFitting(0, shrink.max, (n) => fits(shrink.make(n)));
    if (k >= 0) return { message: shrink.make(k), truncated: true };
    current = shrink.make(0);
  }
  return { message: current, truncated: true };
};
