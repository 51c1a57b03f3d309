import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../lib/logger.js';
import {
  auditingExecutor,
  createMetrics,
  createStateAuditSink,
  readAudit,
  type StateAuditOptions,
} from '../../../lib/observe/index.js';
import type { StateStore } from '../../../lib/state/index.js';
import {
  AUDIT_DAY,
  AUDIT_TIME,
  alertPlan,
  event,
  fakeLiveExecutor,
  submitPlan,
} from './audit-fixtures.js';

/**
 * The audit trail's contract, run against every state store: it uses only StateStore
 * operations, so what passes on memory and Redis passes on any store.
 */
export const describeAuditContract = (name: string, make: () => Promise<StateStore>): void => {
  const audited = async (options: StateAuditOptions = {}) => {
    const state = await make();
    const metrics = createMetrics();
    const sink = createStateAuditSink(state, options);
    const clock = () => AUDIT_TIME;
    const executor = auditingExecutor(fakeLiveExecutor(), sink, {
      logger: silentLogger,
      metrics,
      clock,
    });
    return { state, metrics, executor };
  };

  describe(`state audit trail (${name})`, () => {
    it('keeps every action, readable by day and by job (the event job or the submitted one)', async () => {
      // Arrange
      const { state, executor } = await audited();

      // Act
      await executor.execute(submitPlan(), event('evt-1'));
      await executor.execute(alertPlan(), event('evt-2', 'job-other'));
      const day = await readAudit(state, { day: AUDIT_DAY });
      const byEventJob = await readAudit(state, { day: AUDIT_DAY, jobId: 'job-render01' });
      const bySubmitted = await readAudit(state, { day: AUDIT_DAY, jobId: 'job-encode01' });
      const otherDay = await readAudit(state, { day: '2026-03-05' });

      // Assert
      expect(day.map((r) => [r.eventId, r.rule, r.action, r.outcome.status])).toEqual([
        ['evt-1', 'encode-after-render', 'submitJob', 'done'],
        ['evt-2', 'failures', 'alert', 'skipped'],
      ]);
      expect(day[0]).toMatchObject({
        time: '2026-03-04T05:06:07.000Z',
        event: 'JOB_SUCCEED',
        jobId: 'job-render01',
        delivery: { kind: 'queue', messageId: 'msg-evt-1' },
        outcome: { detail: { jobId: 'job-encode01' } },
      });
      expect(byEventJob.map((r) => r.eventId)).toEqual(['evt-1']);
      expect(bySubmitted.map((r) => r.eventId)).toEqual(['evt-1']);
      expect(otherDay).toEqual([]);
      await state.close();
    });

    it('stores what was sent with secrets masked', async () => {
      // Arrange
      const { state, executor } = await audited();

      // Act
      await executor.execute(submitPlan(), event('evt-secret'));
      const [record] = await readAudit(state, { day: AUDIT_DAY });

      // Assert
      expect(JSON.stringify(record)).not.toMatch(/LEAK/);
      expect(record?.plan).toMatchObject({
        request: {
          Job: {
            JobName: 'encode',
            Authentications: [{ Scene: 'COS', SecretId: '[redacted]', SecretKey: '[redacted]' }],
          },
          ClientToken: 'bb-0123456789',
        },
      });
      await state.close();
    });

    it('gives concurrent writers their own record each', async () => {
      // Arrange
      const { state, executor } = await audited();
      const ids = Array.from({ length: 20 }, (_, i) => `evt-${i}`);

      // Act
      await Promise.all(ids.map((id) => executor.execute(alertPlan(), event(id))));
      const records = await readAudit(state, { day: AUDIT_DAY });

      // Assert
      expect(records.map((r) => r.eventId).sort()).toEqual([...ids].sort());
      await state.close();
    });

    it('drops records past maxRecords a day, counts them, and still answers the action', async () => {
      // Arrange
      const { state, executor, metrics } = await audited({ maxRecords: 2 });

      // Act
      const outcomes = [];
      for (const id of ['a', 'b', 'c'])
        outcomes.push(await executor.execute(alertPlan(), event(id)));
      const records = await readAudit(state, { day: AUDIT_DAY });

      // Assert
      expect(records).toHaveLength(2);
      expect(outcomes.map((o) => o.status)).toEqual(['skipped', 'skipped', 'skipped']);
      expect(metrics.snapshot().counters).toEqual([
        { name: 'audit_failures', labels: { sink: 'state' }, value: 1 },
      ]);
      await state.close();
    });
  });
};
