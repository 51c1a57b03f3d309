import type { AlertAction } from '../config/schema.js';
import type { BatchEvent } from '../ingest/event.js';
import { configErrorAt } from '../template/config-error.js';
import { compileTemplate } from '../template/template.js';
import { alertText, alertTitle } from './alert-text.js';
import { dedupKeyFor } from './client-token.js';
import type { AlertPlan } from './plan.js';
import type { CompiledAction, PlannerContext } from './planner.js';

export const compileAlert = (action: AlertAction, context: PlannerContext): CompiledAction => {
  const channelName = action.channel;
  const { channels } = context.config;
  const channel = Object.hasOwn(channels, channelName) ? channels[channelName] : undefined;
  if (channel === undefined) {
    throw configErrorAt(`${context.path}.alert.channel`, `unknown channel '${channelName}'`);
  }
  const template =
    action.template === undefined
      ? undefined
      : compileTemplate(action.template, `${context.path}.alert.template`);
  const logs =
    action.logs === undefined
      ? undefined
      : Object.freeze({ stream: action.logs.stream, lines: action.logs.lines });
  const plan = (event: BatchEvent) => {
    const alert: AlertPlan = {
      channel: channelName,
      channelType: channel.type,
      title: alertTitle(event),
      text: template === undefined ? alertText(event) : template.render(event),
      ...(logs === undefined ? {} : { logs }),
      dedupKey: dedupKeyFor(context.rule, channelName, event.id),
    };
    return { rule: context.rule, action: 'alert' as const, plan: alert };
  };
  return { plan, warnings: [] };
};
