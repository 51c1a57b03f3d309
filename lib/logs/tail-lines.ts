/** Turning byte windows taken from the end of a log into lines. Pure: no I/O. */

const LF = 0x0a;

export interface WindowLines {
  readonly lines: string[];
  /** The window held `wanted` complete lines, or reached the start of the log. */
  readonly complete: boolean;
  /** The first line returned was cut by the window's start. */
  readonly cut: boolean;
  /** Lines of the window were left out because only `wanted` were asked for. */
  readonly dropped: boolean;
}

const decoder = new TextDecoder('utf-8');

/** UTF-8 continuation bytes (10xxxxxx) at the start of a window belong to a character the
 *  window cut in half: drop them rather than render U+FFFD. */
const skipContinuation = (bytes: Uint8Array): Uint8Array => {
  let i = 0;
  while (i < bytes.length && i < 3 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i += 1;
  return bytes.subarray(i);
};

const splitLines = (text: string): string[] => {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
};

/**
 * The last `wanted` lines of a window that ends at the end of the log. `atStart` says the window
 * begins at byte 0; otherwise its first line is partial and only counts when nothing better
 * exists (`final`: the window cannot grow any more).
 */
export const extractTailLines = (
  bytes: Uint8Array,
  options: { readonly wanted: number; readonly atStart: boolean; readonly final?: boolean },
): WindowLines => {
  const { wanted, atStart } = options;
  if (atStart) {
    const lines = splitLines(decoder.decode(bytes));
    const dropped = lines.length > wanted;
    return {
      lines: lines.slice(Math.max(0, lines.length - wanted)),
      complete: true,
      cut: false,
      dropped,
    };
  }
  const firstLf = bytes.indexOf(LF);
  // Everything after the first LF is whole lines; the part before it began earlier in the log.
  const whole = firstLf === -1 ? [] : splitLines(decoder.decode(bytes.subarray(firstLf + 1)));
  if (whole.length >= wanted) {
    return { lines: whole.slice(whole.length - wanted), complete: true, cut: false, dropped: true };
  }
  if (options.final !== true) return { lines: whole, complete: false, cut: false, dropped: true };
  const head = firstLf === -1 ? bytes : bytes.subarray(0, firstLf);
  const partial = splitLines(decoder.decode(skipContinuation(head)))[0] ?? '';
  return { lines: [partial, ...whole], complete: false, cut: true, dropped: false };
};

/** `DescribeTaskLogs` text: Base64, sometimes as a `data:text/plain;charset=utf-8;base64,` URI
 *  (batch-semantics.md 5). Returns the decoded bytes, or undefined when there is nothing. */
export const decodeTaskLog = (value: string | null | undefined): Uint8Array | undefined => {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const payload = trimmed.startsWith('data:') ? trimmed.slice(trimmed.indexOf(',') + 1) : trimmed;
  return Buffer.from(payload, 'base64');
};

/** Decodes a byte stream read in pieces: characters and CRLF pairs split across reads are
 *  joined, so `follow` never yields U+FFFD or a stray CR for a boundary it caused. */
export const createChunkDecoder = () => {
  const stream = new TextDecoder('utf-8');
  let heldCr = false;
  const normalise = (text: string, last: boolean): string => {
    let out = (heldCr ? '\r' : '') + text;
    heldCr = !last && out.endsWith('\r');
    if (heldCr) out = out.slice(0, -1);
    return out.replace(/\r\n/g, '\n');
  };
  return {
    write: (bytes: Uint8Array): string => normalise(stream.decode(bytes, { stream: true }), false),
    end: (): string => normalise(stream.decode(), true),
  };
};
