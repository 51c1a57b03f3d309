import {
  type BatchApi,
  type BatchRequest,
  createBatchClient,
  staticCredentials,
} from '../../lib/tencent/index.js';
import type { SoakJob } from './soak-jobs.js';

/**
 * The user: submits the plan's jobs through the same faults as the bridge, each with its
 * ClientToken, trying again until it sticks (a real user's script would). Its own calls are
 * counted so the report can tell them from the bridge's.
 */

export interface SoakUser {
  submitAll(jobs: readonly SoakJob[]): Promise<void>;
  calls(): Readonly<Record<string, number>>;
}

const ATTEMPTS = 10;

const submitOnce = async (batch: BatchApi, job: SoakJob): Promise<void> => {
  const request = job.request as BatchRequest<'submitJob'>;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await batch.submitJob(request);
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
    }
  }
};

export const createSoakUser = (options: {
  readonly endpoint: string;
  readonly keys: { readonly secretId: string; readonly secretKey: string };
}): SoakUser => {
  const calls: Record<string, number> = {};
  const counting: typeof fetch = (input, init) => {
    const action = new Headers(init?.headers).get('X-TC-Action') ?? 'unknown';
    calls[action] = (calls[action] ?? 0) + 1;
    return fetch(input, init);
  };
  const batch = createBatchClient({
    credentials: staticCredentials(options.keys),
    region: 'ap-guangzhou',
    endpoint: options.endpoint,
    // A user's script, not the bridge: it may submit faster than the bridge's budget.
    rateLimits: { SubmitJob: 50 },
    fetch: counting,
  });
  return {
    submitAll: async (jobs) => {
      for (const job of jobs) await submitOnce(batch, job);
    },
    calls: () => ({ ...calls }),
  };
};
