import { UpstreamError } from '../errors.js';
import type { DeliverySummary } from './handle-delivery.js';

/** Thrown by async handlers so the platform redelivers; the summary was logged already. */
export const redeliveryError = (summary: DeliverySummary): UpstreamError =>
  new UpstreamError(
    'UPSTREAM',
    `${summary.actions.failed} action(s) failed for a retryable reason; asking for redelivery`,
    {
      service: 'batch-bridge',
      operation: 'delivery',
      retryable: true,
    },
  );
