import { describe, expect, it } from 'vitest';
import {
  chunk,
  desiredCount,
  isIdleNode,
  type NodeView,
  selectIdleNodes,
  summarizeNodes,
  unfinishedFromMetrics,
} from '../../../lib/scaling/index.js';

const POLICY = { min: 0, max: 10, scaleDownAfterMs: 600_000, tasksPerNode: 1 };

const node = (id: string, state: string, extra: Partial<NodeView> = {}): NodeView => ({
  ComputeNodeId: id,
  ComputeNodeState: state,
  ComputeNodeInstanceId: `ins-${id}`,
  TaskInstanceNumAvailable: 1,
  ...extra,
});

describe('desiredCount', () => {
  it.each([
    [0, POLICY, 0],
    [3, POLICY, 3],
    [25, POLICY, 10],
    [0, { ...POLICY, min: 2 }, 2],
    [5, { ...POLICY, tasksPerNode: 2 }, 3],
  ])('turns demand %i under %o into %i nodes', (demand, policy, expected) => {
    // Act
    const desired = desiredCount(demand, policy);

    // Assert
    expect(desired).toBe(expected);
  });
});

describe('unfinishedFromMetrics', () => {
  it('adds the five unfinished counters', () => {
    // Arrange
    const metrics = {
      SubmittedCount: 1,
      PendingCount: 2,
      RunnableCount: 3,
      StartingCount: 4,
      RunningCount: 5,
      SucceedCount: 100,
    };

    // Act
    const unfinished = unfinishedFromMetrics(metrics);

    // Assert
    expect(unfinished).toBe(15);
  });

  it('gives no number when a counter is missing, so the instances are counted instead', () => {
    // Act
    const unfinished = unfinishedFromMetrics({ RunnableCount: 3, RunningCount: 1 });

    // Assert
    expect(unfinished).toBeUndefined();
    expect(unfinishedFromMetrics(undefined)).toBeUndefined();
  });
});

describe('isIdleNode', () => {
  it.each([
    ['a RUNNING node with a free slot', node('a', 'RUNNING'), true],
    [
      'a RUNNING node without a free slot',
      node('a', 'RUNNING', { TaskInstanceNumAvailable: 0 }),
      false,
    ],
    [
      'a node without the counter',
      node('a', 'RUNNING', { TaskInstanceNumAvailable: undefined }),
      false,
    ],
    ['a CREATED node (no heartbeat yet)', node('a', 'CREATED'), false],
    ['an ABNORMAL node', node('a', 'ABNORMAL'), false],
  ])('says %s is idle: %s', (_what, view, expected) => {
    // Act
    const idle = isIdleNode(view, new Set());

    // Assert
    expect(idle).toBe(expected);
  });

  it('trusts a running instance on the node over a free-slot counter', () => {
    // Act
    const idle = isIdleNode(node('a', 'RUNNING'), new Set(['ins-a']));

    // Assert
    expect(idle).toBe(false);
  });
});

describe('summarizeNodes', () => {
  it('counts nodes on their way as capacity and leaves broken ones out', () => {
    // Arrange
    const nodes = [
      node('a', 'RUNNING'),
      node('b', 'RUNNING', { TaskInstanceNumAvailable: 0 }),
      node('c', 'CREATING'),
      node('d', 'CREATED'),
      node('e', 'ABNORMAL'),
      node('f', 'CREATION_FAILED'),
      node('g', 'DELETING'),
      node('h', 'SUBMITTED'),
    ];

    // Act
    const summary = summarizeNodes(nodes, new Set());

    // Assert
    expect(summary.capacity).toBe(5);
    expect(summary.busy).toBe(1);
    expect(summary.idle.map((n) => n.ComputeNodeId)).toEqual(['a']);
  });
});

describe('selectIdleNodes', () => {
  it('picks the newest idle nodes first, ties by id', () => {
    // Arrange
    const idle = [
      node('old', 'RUNNING', { ResourceCreatedTime: '2026-01-01T00:00:00Z' }),
      node('new-b', 'RUNNING', { ResourceCreatedTime: '2026-01-02T00:00:00Z' }),
      node('new-a', 'RUNNING', { ResourceCreatedTime: '2026-01-02T00:00:00Z' }),
    ];

    // Act
    const picked = selectIdleNodes(idle, 2);

    // Assert
    expect(picked).toEqual(['new-a', 'new-b']);
    expect(selectIdleNodes(idle, 0)).toEqual([]);
    expect(selectIdleNodes(idle, -1)).toEqual([]);
  });
});

describe('chunk', () => {
  it('splits ids into calls of at most 100', () => {
    // Arrange
    const ids = Array.from({ length: 250 }, (_, i) => `node-${i}`);

    // Act
    const parts = chunk(ids, 100);

    // Assert
    expect(parts.map((p) => p.length)).toEqual([100, 100, 50]);
  });
});
