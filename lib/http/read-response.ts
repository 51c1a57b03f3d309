import type { IncomingMessage } from 'node:http';
import { HttpTransportError } from './http-transport-error.js';
import type { HttpResponse } from './types.js';

/** Turns a node:http response into a buffered `HttpResponse`, within a size cap. */

/** Statuses that a `Response` may not carry a body with (Fetch standard, "null body status"). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);
const EMPTY = Buffer.alloc(0);

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

/** Header lookup by any case; a repeated header's values joined with ", ", as fetch does. */
class BufferedHeaders {
  readonly #values = new Map<string, string>();

  constructor(raw: readonly string[]) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = (raw[i] as string).toLowerCase();
      const before = this.#values.get(name);
      const value = raw[i + 1] as string;
      this.#values.set(name, before === undefined ? value : `${before}, ${value}`);
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }
}

/** A response whose body is already in memory, so it may be read any number of times. */
class BufferedResponse implements HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: BufferedHeaders;
  readonly body: Buffer;

  constructor(status: number, statusText: string, headers: BufferedHeaders, body: Buffer) {
    this.status = status;
    this.statusText = statusText;
    this.headers = headers;
    this.body = body;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  /** UTF-8 with a leading BOM dropped and bad bytes replaced, as `Response.text()` decodes. */
  text(): Promise<string> {
    return Promise.resolve(new TextDecoder().decode(this.body));
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.body;
    return Promise.resolve(buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
  }

  clone(): BufferedResponse {
    return new BufferedResponse(this.status, this.statusText, this.headers, this.body);
  }
}

export const toResponse = (res: IncomingMessage, body: Buffer, method: string): HttpResponse => {
  const status = res.statusCode ?? 0;
  const hasNoBody = NULL_BODY_STATUSES.has(status) || method === 'HEAD';
  const headers = new BufferedHeaders(res.rawHeaders);
  return new BufferedResponse(status, res.statusMessage ?? '', headers, hasNoBody ? EMPTY : body);
};
