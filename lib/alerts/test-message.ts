import type { Channel, SendOptions, SendResult } from './types.js';

/**
 * For `batch-bridge alert test`: one short message that proves the URL, the secret and the
 * channel's keyword or IP rules in one go. A refusal throws the WebhookError carrying the
 * channel's own code (310000 for a wrong DingTalk secret, 93000 for a dead WeCom key).
 */
export const sendTestMessage = (channel: Channel, options: SendOptions = {}): Promise<SendResult> =>
  channel.send(
    {
      title: 'batch-bridge test message',
      text: `Channel '${channel.name}' (${channel.type}) is set up: batch-bridge alerts will arrive here.`,
      severity: 'info',
    },
    options,
  );
