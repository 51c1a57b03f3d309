import { describe, expect, it } from 'vitest';
import { createDryRunExecutor } from '../../../lib/actions/index.js';
import type { Executor } from '../../../lib/actions/plan.js';
import { BridgeError } from '../../../lib/errors.js';
import { createLogger } from '../../../lib/logger.js';
import { recordCall } from '../../../lib/observe/call-trace.js';
import {
  type AuditRecord,
  type AuditSink,
  auditingExecutor,
  createLogAuditSink,
  createMetrics,
} from '../../../lib/observe/index.js';
import { AUDIT_TIME, alertPlan, event, fakeLiveExecutor, submitPlan } from './audit-fixtures.js';

const collecting = () => {
  const records: AuditRecord[] = [];
  const sink: AuditSink = { name: 'memory', write: async (r) => void records.push(r) };
  return { records, sink };
};

const logLines = () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ write: (l) => lines.push(JSON.parse(l)) });
  return { lines, logger };
};

describe('auditingExecutor', () => {
  it('leaves a dry-run executor as it is: nothing is taken, nothing audited', () => {
    // Arrange
    const dryRun = createDryRunExecutor();

    // Act
    const wrapped = auditingExecutor(dryRun, collecting().sink, { logger: logLines().logger });

    // Assert
    expect(wrapped).toBe(dryRun);
  });

  it('records the API calls the action made, with their request ids', async () => {
    // Arrange
    const { records, sink } = collecting();
    const inner: Executor = {
      mode: 'live',
      execute: async () => {
        recordCall({
          service: 'batch',
          action: 'SubmitJob',
          status: 200,
          requestId: 'r-1',
          durationMs: 3,
        });
        return { status: 'done', detail: { jobId: 'job-1' } };
      },
    };
    const executor = auditingExecutor(inner, sink, {
      logger: logLines().logger,
      clock: () => AUDIT_TIME,
    });

    // Act
    const outcome = await executor.execute(submitPlan(), event('evt-1'));

    // Assert
    expect(outcome).toEqual({ status: 'done', detail: { jobId: 'job-1' } });
    expect(records[0]?.calls).toEqual([
      { service: 'batch', action: 'SubmitJob', status: 200, requestId: 'r-1', durationMs: 3 },
    ]);
    expect(records[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('records an executor that throws as failed and passes the error on unchanged', async () => {
    // Arrange
    const { records, sink } = collecting();
    const error = new BridgeError('INTERNAL', 'store broke');
    const inner: Executor = {
      mode: 'live',
      execute: async () => {
        throw error;
      },
    };
    const executor = auditingExecutor(inner, sink, { logger: logLines().logger });

    // Act
    const run = executor.execute(alertPlan(), event('evt-1'));

    // Assert
    await expect(run).rejects.toBe(error);
    expect(records[0]?.outcome).toEqual({
      status: 'failed',
      error: { code: 'INTERNAL', message: 'store broke' },
      retryable: false,
    });
  });

  it('reports and counts a sink that fails, and still answers the action', async () => {
    // Arrange
    const { lines, logger } = logLines();
    const metrics = createMetrics();
    const broken: AuditSink = {
      name: 'state',
      write: async () => {
        throw new BridgeError('INTERNAL', 'redis down');
      },
    };
    const { records, sink } = collecting();
    const executor = auditingExecutor(fakeLiveExecutor(), [broken, sink], { logger, metrics });

    // Act
    const outcome = await executor.execute(alertPlan(), event('evt-1'));

    // Assert
    expect(outcome.status).toBe('skipped');
    expect(records).toHaveLength(1);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', message: 'audit.failed', sink: 'state' }),
    ]);
    expect(metrics.snapshot().counters).toEqual([
      { name: 'audit_failures', labels: { sink: 'state' }, value: 1 },
    ]);
  });
});

describe('createLogAuditSink', () => {
  it('writes one audit line per action, secrets masked', async () => {
    // Arrange
    const { lines, logger } = logLines();
    const executor = auditingExecutor(fakeLiveExecutor(), createLogAuditSink(logger), {
      logger,
      clock: () => AUDIT_TIME,
    });

    // Act
    await executor.execute(submitPlan(), event('evt-1'));

    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      message: 'audit',
      eventId: 'evt-1',
      rule: 'encode-after-render',
      action: 'submitJob',
      outcome: { status: 'done', detail: { jobId: 'job-encode01' } },
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/LEAK/);
  });
});
