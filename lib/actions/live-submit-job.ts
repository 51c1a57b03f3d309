import type { Logger } from '../logger.js';
import type { BatchApi, BatchRequest } from '../tencent/index.js';
import { failedOutcome } from './live-outcome.js';
import type { ActionOutcome, SubmitJobPlan } from './plan.js';

/**
 * SubmitJob with the plan's ClientToken: a redelivered event renders the same token, and
 * Batch answers a repeated token with the job it already created, so chains run exactly once.
 */
export const submitJobLive = async (
  plan: SubmitJobPlan,
  deps: { readonly batch: Pick<BatchApi, 'submitJob'>; readonly logger: Logger },
): Promise<ActionOutcome> => {
  try {
    // The plan carries the request as plain data; the client validates it before sending.
    const request = plan.request as BatchRequest<'submitJob'>;
    const { JobId } = await deps.batch.submitJob(request, { region: plan.region });
    deps.logger.info('action.submitJob', { jobId: JobId, region: plan.region });
    return { status: 'done', detail: { jobId: JobId, clientToken: plan.request.ClientToken } };
  } catch (e) {
    deps.logger.warn('action.submitJob.failed', { region: plan.region, error: e });
    return failedOutcome(e);
  }
};
