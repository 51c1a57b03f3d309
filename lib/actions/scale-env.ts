import type { ScaleEnvAction } from '../config/schema.js';
import type { BatchEvent } from '../ingest/event.js';
import { compileTemplate } from '../template/template.js';
import type { ScaleEnvPlan } from './plan.js';
import { type CompiledAction, type PlannerContext, planError, regionFor } from './planner.js';

export const compileScaleEnv = (
  action: ScaleEnvAction,
  context: PlannerContext,
): CompiledAction => {
  const envId = compileTemplate(action.envId, `${context.path}.scaleEnv.envId`);
  const policy = Object.freeze({
    min: action.min,
    max: action.max,
    scaleDownAfterMs: action.scaleDownAfter,
    tasksPerNode: action.tasksPerNode,
  });
  const plan = (event: BatchEvent) => {
    const id = envId.render(event).trim();
    if (id === '')
      return planError(context, `envId '${action.envId}' rendered empty for this event`);
    const scale: ScaleEnvPlan = {
      region: regionFor(action.region, event, context.config),
      envId: id,
      policy,
    };
    return { rule: context.rule, action: 'scaleEnv' as const, plan: scale };
  };
  return { plan, warnings: [] };
};
