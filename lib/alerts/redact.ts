/**
 * Webhook URLs are credentials (WeCom `key`, DingTalk `access_token`, the Feishu hook id, the
 * Slack path). Whatever a channel echoes back is scrubbed of them before it reaches an error
 * message or a log line.
 */

const REDACTED = '[redacted]';
/** Path segments this long with a digit in them are tokens, not words like `services`. */
const TOKEN_SEGMENT = /^(?=.*\d)[A-Za-z0-9_-]{8,}$/;

export const urlSecrets = (url: string): string[] => {
  const found = [url];
  try {
    const parsed = new URL(url);
    for (const value of parsed.searchParams.values()) if (value.length >= 4) found.push(value);
    for (const segment of parsed.pathname.split('/')) {
      if (TOKEN_SEGMENT.test(segment)) found.push(segment);
    }
    if (parsed.password !== '') found.push(parsed.password);
  } catch {
    // The config schema only lets valid URLs through; the raw string is still covered.
  }
  return found;
};

export const scrub = (text: string, secrets: readonly string[]): string => {
  let out = text;
  // Longest first, so a URL is replaced whole before its key is.
  const ordered = [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out;
};
