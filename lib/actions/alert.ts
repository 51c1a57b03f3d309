import type { AlertAction } from '../config/schema.js';
import type { BatchEvent } from '../ingest/event.js';
import { configErrorAt } from '../template/config-error.js';
import { compileField } from '../template/fields.js';
import { compileTemplate, stringifyValue } from '../template/template.js';
import { alertText, alertTitle } from './alert-text.js';
import { dedupKeyFor } from './client-token.js';
import type { AlertPlan } from './plan.js';
import type { CompiledAction, PlannerContext } from './planner.js';

/** `groupBy` names event fields (as `if` does) and `signature`, which the sender fills in. */
const compileGroupKey = (fields: readonly string[], path: string) => {
  const getters = fields
    .filter((f) => f !== 'signature')
    .map((field, i) => {
      const compiled = compileField(field);
      if ('error' in compiled) throw configErrorAt(`${path}[${i}]`, compiled.error);
      return compiled.get;
    });
  return {
    bySignature: fields.includes('signature'),
    key: (event: BatchEvent) => JSON.stringify(getters.map((get) => stringifyValue(get(event)))),
  };
};

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
  const group = compileGroupKey(action.groupBy, `${context.path}.alert.groupBy`);
  const plan = (event: BatchEvent) => {
    const alert: AlertPlan = {
      channel: channelName,
      channelType: channel.type,
      title: alertTitle(event),
      text: template === undefined ? alertText(event) : template.render(event),
      ...(logs === undefined ? {} : { logs }),
      dedupKey: dedupKeyFor(context.rule, channelName, event.id),
      group: { key: group.key(event), bySignature: group.bySignature, windowMs: action.window },
    };
    return { rule: context.rule, action: 'alert' as const, plan: alert };
  };
  return { plan, warnings: [] };
};
