import { describe, expect, it } from 'vitest';
import { createMetrics, metricsLogFields, renderPrometheus } from '../../../lib/observe/index.js';

describe('createMetrics', () => {
  it('keeps totals in snapshot and only what moved since the last flush in flush', () => {
    // Arrange
    const metrics = createMetrics();
    metrics.inc('events', { event: 'JOB_FAILED' });
    metrics.inc('events', { event: 'JOB_FAILED' });
    metrics.inc('events', { event: 'JOB_SUCCEED' });
    const first = metrics.flush();
    metrics.inc('events', { event: 'JOB_FAILED' }, 3);

    // Act
    const second = metrics.flush();
    const third = metrics.flush();
    const totals = metrics.snapshot();

    // Assert
    expect(first.counters).toEqual([
      { name: 'events', labels: { event: 'JOB_FAILED' }, value: 2 },
      { name: 'events', labels: { event: 'JOB_SUCCEED' }, value: 1 },
    ]);
    expect(second.counters).toEqual([
      { name: 'events', labels: { event: 'JOB_FAILED' }, value: 3 },
    ]);
    expect(third.counters).toEqual([]);
    expect(totals.counters.map((c) => c.value)).toEqual([5, 1]);
  });

  it('keeps series with the same values under different labels apart', () => {
    // Arrange
    const metrics = createMetrics();

    // Act
    metrics.inc('actions', { rule: 'a', action: 'alert', status: 'done' });
    metrics.inc('actions', { rule: 'a', action: 'alert', status: 'failed' });
    metrics.inc('actions', { rule: 'a', action: 'alert', status: 'done' });

    // Assert
    expect(metricsLogFields(metrics.snapshot())).toEqual({
      actions: { 'a.alert.done': 2, 'a.alert.failed': 1 },
    });
  });
});

describe('metricsLogFields', () => {
  it('nests each counter by its label values, a fixed shape CLS can index', () => {
    // Arrange
    const metrics = createMetrics();
    metrics.inc('deliveries', { kind: 'topic-trigger' });
    metrics.inc('api_calls', { service: 'batch', action: 'SubmitJob' }, 2);
    metrics.inc('api_errors', { service: 'batch', action: 'SubmitJob', code: 'InternalError' });

    // Act
    const fields = metricsLogFields(metrics.flush());

    // Assert
    expect(fields).toEqual({
      deliveries: { 'topic-trigger': 1 },
      api_calls: { 'batch.SubmitJob': 2 },
      api_errors: { 'batch.SubmitJob.InternalError': 1 },
    });
  });
});

describe('renderPrometheus', () => {
  it('renders every counter with HELP and TYPE and escapes label values', () => {
    // Arrange
    const metrics = createMetrics();
    metrics.inc('events', { event: 'JOB_FAILED' }, 2);
    metrics.inc('audit_failures', { sink: 'odd "name"\\x' });

    // Act
    const text = renderPrometheus(metrics.snapshot());

    // Assert
    expect(text).toContain('# TYPE batch_bridge_events_total counter\n');
    expect(text).toContain('batch_bridge_events_total{event="JOB_FAILED"} 2\n');
    expect(text).toContain('batch_bridge_audit_failures_total{sink="odd \\"name\\"\\\\x"} 1\n');
    expect(text).toContain('# HELP batch_bridge_api_retries_total ');
    expect(text.endsWith('\n')).toBe(true);
  });
});
