import { UpstreamError, type UpstreamErrorOptions } from '../errors.js';

/** Tencent answered with `Response.Error`; `apiCode` is its `Error.Code` (stable, matchable). */
export class TencentApiError extends UpstreamError {
  override readonly name = 'TencentApiError';
  readonly apiCode: string;

  constructor(apiCode: string, message: string, options: UpstreamErrorOptions) {
    super('TENCENT_API', message, options);
    this.apiCode = apiCode;
  }
}
