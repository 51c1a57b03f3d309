import type { RuleAction } from '../config/schema.js';
import { configErrorAt } from '../template/config-error.js';
import { compileAlert } from './alert.js';
import type { CompiledAction, PlannerContext } from './planner.js';
import { compileScaleEnv } from './scale-env.js';
import { compileSubmitJob } from './submit-job.js';
import { compileTerminateNode } from './terminate-node.js';

/** Turns one `do` entry into a planner; compile errors carry the entry's path. */
export const compileAction = (
  action: RuleAction,
  context: Omit<PlannerContext, 'label'>,
): CompiledAction => {
  const index = context.path.slice(context.path.lastIndexOf('.') + 1);
  if ('submitJob' in action) {
    return compileSubmitJob(action.submitJob, { ...context, label: `${index}.submitJob` });
  }
  if ('alert' in action) return compileAlert(action.alert, { ...context, label: `${index}.alert` });
  if ('scaleEnv' in action) {
    return compileScaleEnv(action.scaleEnv, { ...context, label: `${index}.scaleEnv` });
  }
  if ('terminateNode' in action) {
    return compileTerminateNode(action.terminateNode, {
      ...context,
      label: `${index}.terminateNode`,
    });
  }
  throw configErrorAt(context.path, 'unknown action');
};
