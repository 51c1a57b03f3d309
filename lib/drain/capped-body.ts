/** A rejected message is logged with its body so that nothing is lost silently, but capped. */

export const MAX_LOGGED_BODY_BYTES = 2048;

export interface CappedBody {
  readonly body: string;
  readonly bodyBytes: number;
  readonly truncated: boolean;
}

/** Cut on a UTF-8 boundary: a split character would log as U+FFFD and mislead. */
export const capBody = (body: string, maxBytes = MAX_LOGGED_BODY_BYTES): CappedBody => {
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length <= maxBytes) return { body, bodyBytes: bytes.length, truncated: false };
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return {
    body: bytes.subarray(0, end).toString('utf8'),
    bodyBytes: bytes.length,
    truncated: true,
  };
};
