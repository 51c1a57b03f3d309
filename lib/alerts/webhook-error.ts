import { UpstreamError, type UpstreamErrorOptions } from '../errors.js';

export interface WebhookErrorOptions extends UpstreamErrorOptions {
  readonly channel: string;
  /** The channel's own code (errcode 310000, Slack's `invalid_payload`, HTTP_503, TIMEOUT). */
  readonly channelCode: string;
  readonly retryAfterMs?: number;
}

/** A chat channel refused or never answered; names the channel, never its URL. */
export class WebhookError extends UpstreamError {
  override readonly name = 'WebhookError';
  readonly channel: string;
  readonly channelCode: string;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: WebhookErrorOptions) {
    super('WEBHOOK', message, options);
    this.channel = options.channel;
    this.channelCode = options.channelCode;
    this.retryAfterMs = options.retryAfterMs;
  }
}
