import type { ActionOutcome, Executor } from './plan.js';

const PLANNED: ActionOutcome = Object.freeze({ status: 'planned' });

/** Reports every plan as planned and sends nothing: what `batch-bridge replay` runs with. */
export const createDryRunExecutor = (): Executor =>
  Object.freeze({
    mode: 'dry-run' as const,
    execute: () => PLANNED,
  });
