import type { TerminateNodeAction } from '../config/schema.js';
import type { BatchEvent } from '../ingest/event.js';
import type { TerminateNodePlan } from './plan.js';
import { type CompiledAction, type PlannerContext, planError, regionFor } from './planner.js';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export const compileTerminateNode = (
  action: TerminateNodeAction,
  context: PlannerContext,
): CompiledAction => {
  const plan = (event: BatchEvent) => {
    const computeNodeId = text(event.computeNodeId);
    if (computeNodeId === undefined) return planError(context, 'event has no computeNodeId');
    const envId = text(event.envId);
    if (envId === undefined) return planError(context, 'event has no envId');
    const instanceId = text(event.computeNodeInstanceId);
    const terminate: TerminateNodePlan = {
      region: regionFor(action.region, event, context.config),
      envId,
      computeNodeId,
      ...(instanceId === undefined ? {} : { computeNodeInstanceId: instanceId }),
      maxPerHour: action.maxPerHour,
    };
    return { rule: context.rule, action: 'terminateNode' as const, plan: terminate };
  };
  return { plan, warnings: [] };
};
