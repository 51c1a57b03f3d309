/**
 * Why the Node transport gave up on a request it had started. It only ever travels as the
 * `cause` of fetch's `TypeError('fetch failed')`, where callers look for a string `code`, as
 * they do for undici's and Node's socket errors; adapters wrap that TypeError once, as usual.
 */

export type HttpTransportCode =
  | 'BODY_TOO_LARGE'
  | 'BODY_INCOMPLETE'
  | 'IDLE_TIMEOUT'
  | 'UNSUPPORTED_PROTOCOL';

export class HttpTransportError extends Error {
  override readonly name = 'HttpTransportError';
  readonly code: HttpTransportCode;

  constructor(code: HttpTransportCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The shape undici rejects with for every failure that is not an abort. */
export const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });
