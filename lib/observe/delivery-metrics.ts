import type { DeliveryResult } from '../core/process-delivery.js';
import type { Metrics } from './metrics.js';

/** Counts one delivery's outcome: a few map updates, cheap enough for every dry run. */
export const countDelivery = (metrics: Metrics, result: DeliveryResult): void => {
  metrics.inc('deliveries', { kind: result.kind ?? 'unknown' });
  for (const r of result.rejected) metrics.inc('rejected_items', { code: r.error.code });
  const [first] = result.rejected;
  if (result.events.length === 0 && first !== undefined) {
    metrics.inc('rejected_deliveries', { code: first.error.code });
  }
  for (const { event, actions } of result.events) {
    metrics.inc('events', { event: event.name });
    for (const { planned, outcome } of actions) {
      metrics.inc('actions', {
        rule: planned.rule,
        action: planned.action,
        status: outcome.status,
      });
    }
  }
};
