export type { ActionState } from './action-state.js';
export { type Coalescer, createCoalescer } from './coalesce.js';
export {
  chunk,
  desiredCount,
  isIdleNode,
  type NodeSummary,
  type NodeView,
  planScale,
  type ScaleInput,
  type ScaleStep,
  selectIdleNodes,
  summarizeNodes,
  unfinishedFromMetrics,
} from './compute.js';
export { type Demand, readDemand } from './demand.js';
export {
  createJobTaskCache,
  DEFAULT_JOB_CACHE_SIZE,
  type JobTaskCache,
  type SubmittedTask,
} from './job-cache.js';
export { reconcileEnv } from './reconcile.js';
export { reconcileAll, type ScaleTarget, scaleTargets } from './reconcile-all.js';
export type {
  ReconcileAction,
  ReconcileInput,
  ReconcileResult,
  ScalePolicy,
  ScalingApi,
  ScalingDeps,
} from './types.js';
