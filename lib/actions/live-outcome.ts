import { isBridgeError, summarizeError } from '../errors.js';
import type { ActionOutcome } from './plan.js';

/** A thrown error as an outcome: retryable only when the error says a redelivery may help. */
export const failedOutcome = (e: unknown): ActionOutcome => ({
  status: 'failed',
  error: summarizeError(e),
  retryable: isBridgeError(e) && e.retryable,
});
