import type { ChannelType } from '../config/schema.js';
import { compileBodyTemplate } from './body-template.js';
import { dingtalkAdapter } from './dingtalk.js';
import { feishuAdapter } from './feishu.js';
import { slackAdapter } from './slack.js';
import type { ChannelAdapter, ChannelSettings } from './types.js';
import { createWebhookAdapter } from './webhook.js';
import { wecomAdapter } from './wecom.js';

const FIXED: Readonly<Record<Exclude<ChannelType, 'webhook'>, ChannelAdapter>> = {
  wecom: wecomAdapter,
  dingtalk: dingtalkAdapter,
  feishu: feishuAdapter,
  slack: slackAdapter,
};

/** Throws ConfigError when a webhook's body template is unusable. */
export const adapterFor = (name: string, settings: ChannelSettings): ChannelAdapter => {
  if (settings.type !== 'webhook') return FIXED[settings.type];
  return settings.template === undefined
    ? createWebhookAdapter()
    : createWebhookAdapter(compileBodyTemplate(settings.template, name));
};
