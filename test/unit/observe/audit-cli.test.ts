import { describe, expect, it } from 'vitest';
import { runAuditQuery } from '../../../lib/cli/audit.js';
import type { CliIo } from '../../../lib/cli/io.js';
import { silentLogger } from '../../../lib/logger.js';
import { auditingExecutor, createStateAuditSink } from '../../../lib/observe/index.js';
import { createMemoryStateStore, type StateStore } from '../../../lib/state/index.js';
import {
  AUDIT_DAY,
  AUDIT_TIME,
  alertPlan,
  event,
  fakeLiveExecutor,
  submitPlan,
} from './audit-fixtures.js';

const capture = (env: Record<string, string> = {}) => {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    env,
    cwd: '/',
    readFile: async () => '',
    readStdin: async () => '',
  };
  return { io, out };
};

const filledStore = async (): Promise<StateStore> => {
  const state = createMemoryStateStore();
  const executor = auditingExecutor(fakeLiveExecutor(), createStateAuditSink(state), {
    logger: silentLogger,
    clock: () => AUDIT_TIME,
  });
  await executor.execute(submitPlan(), event('evt-1'));
  await executor.execute(alertPlan(), event('evt-2', 'job-other'));
  return state;
};

describe('runAuditQuery', () => {
  it('prints one line per record of the day, oldest first', async () => {
    // Arrange
    const state = await filledStore();
    const { io, out } = capture();

    // Act
    const code = await runAuditQuery({ day: AUDIT_DAY, jobId: undefined, json: false }, io, {
      state,
    });

    // Assert
    expect(code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('submitJob  done  rule=encode-after-render  event=JOB_SUCCEED');
    expect(lines[0]).toContain('"jobId":"job-encode01"');
    expect(lines[1]).toContain('alert  skipped  rule=failures');
    expect(out.stderr).toBe(`2 records on ${AUDIT_DAY}\n`);
  });

  it('prints the records of one job as JSON with --job and --json', async () => {
    // Arrange
    const state = await filledStore();
    const { io, out } = capture();

    // Act
    const code = await runAuditQuery({ day: AUDIT_DAY, jobId: 'job-other', json: true }, io, {
      state,
    });

    // Assert
    expect(code).toBe(0);
    const records = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { eventId: string });
    expect(records.map((r) => r.eventId)).toEqual(['evt-2']);
  });

  it('reads today by default and refuses a malformed day', async () => {
    // Arrange
    const state = await filledStore();
    const today = capture();
    const bad = capture();

    // Act
    const todayCode = await runAuditQuery(
      { day: undefined, jobId: undefined, json: false },
      today.io,
      {
        state,
        now: () => AUDIT_TIME,
      },
    );
    const badCode = await runAuditQuery({ day: '4 March', jobId: undefined, json: false }, bad.io, {
      state,
    });

    // Assert
    expect(todayCode).toBe(0);
    expect(today.out.stderr).toBe(`2 records on ${AUDIT_DAY}\n`);
    expect(badCode).toBe(64);
    expect(bad.out.stderr).toContain('YYYY-MM-DD');
  });

  it('says where the trail lives when no shared store is configured', async () => {
    // Arrange
    const { io, out } = capture();

    // Act
    const code = await runAuditQuery({ day: AUDIT_DAY, jobId: undefined, json: false }, io);

    // Assert
    expect(code).toBe(1);
    expect(out.stderr).toContain('BATCH_BRIDGE_REDIS_URL');
  });
});
