import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { jsonResponse } from '../handler/middleware.js';
import { SECRET_HEADER } from './routes.js';

/** Sent with every answer given before the body was read: the rest of it is not wanted. */
export const CLOSE = { connection: 'close' } as const;

/**
 * Answers once: a later call (the timeout after the result, or the result after the timeout,
 * or anything after the client left) is a no-op that says so.
 */
export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): boolean => {
  if (res.headersSent || res.writableEnded || res.destroyed) return false;
  const reply = jsonResponse(status, body);
  res.writeHead(reply.statusCode, {
    ...reply.headers,
    'content-length': String(Buffer.byteLength(reply.body)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(reply.body);
  return true;
};

/**
 * ingest reads x-cmq-* from these; repeated headers are joined as HTTP says they may be. The
 * secret stays behind: nothing past the door needs it.
 */
export const flatHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (key === SECRET_HEADER) continue;
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.join(', ');
  }
  return out;
};
