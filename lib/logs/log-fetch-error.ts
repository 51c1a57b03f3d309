import { UpstreamError, type UpstreamErrorOptions } from '../errors.js';

/** Reading a log from COS failed; `status` is the HTTP status when the server answered. */
export class LogFetchError extends UpstreamError {
  override readonly name = 'LogFetchError';

  constructor(message: string, options: UpstreamErrorOptions) {
    super('LOG_FETCH', message, options);
  }
}
