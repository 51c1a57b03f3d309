import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENV_ID, EVENT, type Harness, startHarness, terminatePlan } from './harness.js';

/** Replacing broken nodes: the API decides, a breaker caps the damage. */

describe('live executor terminateNode', () => {
  let h: Harness;
  const nodeIds = () => h.emulator.env(ENV_ID)?.nodes.map((n) => n.nodeId) ?? [];
  const stateOf = (id: string) => h.emulator.env(ENV_ID)?.nodes.find((n) => n.nodeId === id)?.state;

  beforeEach(async () => {
    // Deletion takes 300 ms real time, so a quick redelivery sees the node DELETING.
    h = await startHarness({ desired: 3, emulator: { timings: { nodeDeleteMs: 60_000 } } });
  });
  afterEach(async () => {
    await h.close();
  });

  it('leaves a node alone that the API shows RUNNING, whatever the event said', async () => {
    // Arrange
    const [id = ''] = nodeIds();

    // Act
    const outcome = await h.executor.execute(terminatePlan(id), EVENT);

    // Assert
    expect(outcome).toEqual({
      status: 'skipped',
      reason: `node ${id} is RUNNING, not ABNORMAL, per DescribeComputeEnv`,
    });
    expect(h.emulator.callCount('TerminateComputeNode')).toBe(0);
    expect(stateOf(id)).toBe('RUNNING');
  });

  it('terminates an ABNORMAL node once, however often the event is delivered', async () => {
    // Arrange
    const [id = ''] = nodeIds();
    h.emulator.setNodeAbnormal(id);

    // Act
    const first = await h.executor.execute(terminatePlan(id), EVENT);
    const again = await h.executor.execute(terminatePlan(id), EVENT);
    await h.emulator.waitFor(() => stateOf(id) === undefined);
    const late = await h.executor.execute(terminatePlan(id), EVENT);

    // Assert
    expect(first).toEqual({
      status: 'done',
      detail: { envId: ENV_ID, computeNodeId: id, result: 'terminated' },
    });
    expect(again).toMatchObject({ status: 'done', detail: { result: 'already-terminating' } });
    expect(late).toMatchObject({ status: 'done', detail: { result: 'already-gone' } });
    expect(h.emulator.callCount('TerminateComputeNode')).toBe(1);
  });

  it('opens the breaker after maxPerHour terminations in an env, and closes it an hour later', async () => {
    // Arrange
    const ids = nodeIds();
    for (const id of ids) h.emulator.setNodeAbnormal(id);

    // Act
    const outcomes = [];
    for (const id of ids) outcomes.push(await h.executor.execute(terminatePlan(id, 2), EVENT));
    h.advance(3_600_000);
    const later = await h.executor.execute(terminatePlan(ids[2] ?? '', 2), EVENT);

    // Assert
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'skipped']);
    expect(outcomes[2]).toEqual({
      status: 'skipped',
      reason: 'circuit breaker open: 2 terminations in the last hour',
    });
    expect(later).toMatchObject({ status: 'done', detail: { result: 'terminated' } });
    expect(h.emulator.callCount('TerminateComputeNode')).toBe(3);
  });

  it('fails retryably when the env cannot be read, and does not count against the breaker', async () => {
    // Arrange
    const [id = ''] = nodeIds();
    h.emulator.setNodeAbnormal(id);
    h.emulator.setFaults({ throttle: { DescribeComputeEnv: 1 } });

    // Act
    const failed = await h.executor.execute(terminatePlan(id, 1), EVENT);
    h.emulator.resetFaults();
    const retried = await h.executor.execute(terminatePlan(id, 1), EVENT);

    // Assert
    expect(failed).toMatchObject({ status: 'failed', retryable: true });
    expect(retried).toMatchObject({ status: 'done', detail: { result: 'terminated' } });
  });

  it('fails for good on an env that does not exist', async () => {
    // Arrange
    const plan = terminatePlan('node-abc123');
    const missing = { ...plan, plan: { ...plan.plan, envId: 'env-missing1' } };

    // Act
    const outcome = await h.executor.execute(missing as typeof plan, EVENT);

    // Assert
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
  });

  it('terminates once when two deliveries of the same event arrive together', async () => {
    // Arrange
    const [id = ''] = nodeIds();
    h.emulator.setNodeAbnormal(id);

    // Act
    const outcomes = await Promise.all([
      h.executor.execute(terminatePlan(id), EVENT),
      h.executor.execute(terminatePlan(id), EVENT),
    ]);

    // Assert
    expect(outcomes.map((o) => o.status)).toContain('done');
    expect(outcomes.every((o) => o.status === 'done' || o.status === 'skipped')).toBe(true);
    expect(h.emulator.callCount('TerminateComputeNode')).toBe(1);
  });

  it('releases the node when TerminateComputeNode fails, so a redelivery can finish the job', async () => {
    // Arrange
    const [id = ''] = nodeIds();
    h.emulator.setNodeAbnormal(id);
    h.emulator.setFaults({ throttle: { TerminateComputeNode: 1 } });

    // Act
    const failed = await h.executor.execute(terminatePlan(id), EVENT);
    h.emulator.resetFaults();
    const retried = await h.executor.execute(terminatePlan(id), EVENT);

    // Assert
    expect(failed).toMatchObject({ status: 'failed', retryable: true });
    expect(retried).toMatchObject({ status: 'done', detail: { result: 'terminated' } });
    expect(stateOf(id)).toBe('DELETING');
  });
});
