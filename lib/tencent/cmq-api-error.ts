import { UpstreamError, type UpstreamErrorOptions } from '../errors.js';

/** The CMQ data plane answered with a non-zero `code`; `cmqCode` is that number. */
export class CmqApiError extends UpstreamError {
  override readonly name = 'CmqApiError';
  readonly cmqCode: number;

  constructor(cmqCode: number, message: string, options: UpstreamErrorOptions) {
    super('CMQ_API', message, options);
    this.cmqCode = cmqCode;
  }
}
