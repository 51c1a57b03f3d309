export { type ChannelOptions, createChannel, type RetryOptions } from './channel.js';
export { DINGTALK_MAX_BODY_BYTES } from './dingtalk.js';
export { FEISHU_MAX_BODY_BYTES } from './feishu.js';
export { type Fitted, fitMessage } from './fit.js';
export {
  type ChannelRateLimiter,
  createSlidingWindowLimiter,
  type RateLimiterOptions,
  type SlotResult,
} from './rate-limiter.js';
export { signDingTalk, signFeishu } from './signing.js';
export { SLACK_LIMITS } from './slack.js';
export { sendTestMessage } from './test-message.js';
export type {
  AlertMessage,
  Channel,
  ChannelSettings,
  RateWindow,
  SendOptions,
  SendResult,
  Severity,
  Sleep,
} from './types.js';
export { WEBHOOK_MAX_BODY_BYTES } from './webhook.js';
export { WebhookError, type WebhookErrorOptions } from './webhook-error.js';
export { WECOM_MARKDOWN_MAX_BYTES } from './wecom.js';
