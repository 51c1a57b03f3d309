import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../lib/logger.js';
import type { NodeView, ScalingApi } from '../../../lib/scaling/index.js';
import { createJobTaskCache, summarizeNodes } from '../../../lib/scaling/index.js';
import { type ScaleInContext, scaleIn } from '../../../lib/scaling/scale-in.js';
import { TencentApiError } from '../../../lib/tencent/index.js';
import { createMemoryActionState } from '../../integration/live/memory-action-state.js';

/** Branches of the scale-in that the emulator does not reach on its own. */

const node = (id: string, state: string, free = 1): NodeView => ({
  ComputeNodeId: id,
  ComputeNodeState: state,
  ComputeNodeInstanceId: `ins-${id}`,
  TaskInstanceNumAvailable: free,
});

const context = (
  nodes: NodeView[],
  current: number,
  target: number,
  api: Partial<ScalingApi>,
): ScaleInContext => ({
  deps: {
    batch: api as ScalingApi,
    state: createMemoryActionState(),
    clock: Date.now,
    logger: silentLogger,
    jobTasks: createJobTaskCache(),
  },
  input: {
    envId: 'env-a',
    region: 'ap-guangzhou',
    policy: { min: 0, max: 10, scaleDownAfterMs: 0, tasksPerNode: 1 },
  },
  env: { current, nodes, ...summarizeNodes(nodes, new Set()) },
  onNodeInstanceIds: new Set(),
  target,
});

const refuse = (apiCode: string) => async () => {
  throw new TencentApiError(apiCode, 'refused', {
    service: 'batch',
    operation: 'ModifyComputeEnv',
  });
};

describe('scaleIn', () => {
  it('holds when every node beyond the target is busy', async () => {
    // Arrange
    const ctx = context([node('a', 'RUNNING', 0), node('b', 'RUNNING', 0)], 2, 2, {});

    // Act
    const outcome = await scaleIn({ ...ctx, target: 1 });

    // Assert
    expect(outcome).toEqual({
      action: 'hold',
      reason: 'no idle node to remove (2 busy)',
      terminated: [],
    });
  });

  it('holds instead of failing when Batch finds too few removable nodes', async () => {
    // Arrange
    const api = {
      modifyComputeEnv: refuse('UnsupportedOperation.NotEnoughComputeNodesToTerminate'),
    };
    const ctx = context([node('a', 'CREATED'), node('b', 'CREATED')], 2, 0, api);

    // Act
    const outcome = await scaleIn(ctx);

    // Assert
    expect(outcome).toMatchObject({ action: 'hold', terminated: [] });
    expect(outcome.reason).toContain('not removable yet');
  });

  it('does not call ModifyComputeEnv while nodes are still being created', async () => {
    // Arrange
    const ctx = context([node('a', 'CREATING'), node('b', 'CREATING')], 2, 0, {});

    // Act
    const outcome = await scaleIn(ctx);

    // Assert
    expect(outcome).toMatchObject({ action: 'hold' });
  });

  it('passes on any other ModifyComputeEnv error', async () => {
    // Arrange
    const api = { modifyComputeEnv: refuse('UnsupportedOperation.AcceptOtherRequest') };
    const ctx = context([node('a', 'CREATED')], 1, 0, api);

    // Act
    const pending = scaleIn(ctx);

    // Assert
    await expect(pending).rejects.toMatchObject({
      apiCode: 'UnsupportedOperation.AcceptOtherRequest',
    });
  });
});
