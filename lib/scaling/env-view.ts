import type { NodeView } from './compute.js';
import type { ScalingDeps } from './types.js';

/** One DescribeComputeEnv, reduced to what the scaler decides on. */
export interface EnvNodes {
  /** DesiredComputeNodeCount. */
  readonly current: number;
  readonly nodes: readonly NodeView[];
}

export const readEnv = async (
  deps: Pick<ScalingDeps, 'batch'>,
  region: string,
  envId: string,
): Promise<EnvNodes> => {
  const env = await deps.batch.describeComputeEnv({ EnvId: envId }, { region });
  return { current: env.DesiredComputeNodeCount, nodes: env.ComputeNodeSet };
};

export const modifyDesired = async (
  deps: Pick<ScalingDeps, 'batch'>,
  region: string,
  envId: string,
  count: number,
): Promise<void> => {
  await deps.batch.modifyComputeEnv({ EnvId: envId, DesiredComputeNodeCount: count }, { region });
};
