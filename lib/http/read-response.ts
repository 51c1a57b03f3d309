import type { IncomingMessage } from 'node:http';
import { HttpTransportError } from './http-transport-error.js';

/** Turns a node:http response into a buffered WHATWG `Response`, within a size cap. */

/** Statuses that a `Response` may not carry a body with (Fetch standard, "null body status"). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

const tooLarge = (maxBytes: number): HttpTransportError =>
  new HttpTransportError('BODY_TOO_LARGE', `the response body exceeds ${maxBytes} bytes`);

/** Rejects as soon as the body passes `maxBytes`, destroying the socket rather than reading on. */
export const readBody = (res: IncomingMessage, maxBytes: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      res.destroy();
      reject(error);
    };
    // A declared length over the cap fails before a byte is buffered.
    if (Number(res.headers['content-length']) > maxBytes) return fail(tooLarge(maxBytes));
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks, size)));
    res.on('error', reject);
    // A peer that closes mid-body may end the stream without 'end' or 'error'.
    res.on('close', () => {
      if (!res.complete)
        reject(new HttpTransportError('BODY_INCOMPLETE', 'the body was cut short'));
    });
  });

/** Every value of a repeated header (Set-Cookie, Link) survives, as it does in fetch. */
const toHeaders = (raw: readonly string[]): Headers => {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    headers.append(raw[i] as string, raw[i + 1] as string);
  }
  return headers;
};

export const toResponse = (res: IncomingMessage, body: Buffer, method: string): Response => {
  const status = res.statusCode ?? 0;
  const hasNoBody = NULL_BODY_STATUSES.has(status) || method === 'HEAD';
  return new Response(hasNoBody ? null : body, {
    status,
    statusText: res.statusMessage ?? '',
    headers: toHeaders(res.rawHeaders),
  });
};
