import type { SeedEnv } from '../../sandbox/batch-emulator/index.js';

/** What the SDK comparison shares between its parent and its child processes (no imports
 *  with side effects: the cold-start child loads this too). */

export const BENCH_CREDENTIAL = {
  secretId: 'AKIDbenchLOCALKEY0001',
  secretKey: 'bench-local-secret-0001',
} as const;

export const BENCH_REGION = 'ap-guangzhou';
export const BENCH_ACTION = 'DescribeComputeEnvs';

export const BENCH_ENVS: readonly SeedEnv[] = [
  { envId: 'env-bench001', envName: 'render-pool', desiredComputeNodeCount: 0 },
  { envId: 'env-bench002', envName: 'encode-pool', desiredComputeNodeCount: 0 },
];
