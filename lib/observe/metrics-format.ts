import type { Logger } from '../logger.js';
import { COUNTERS, type CounterName, type Metrics, type MetricsSnapshot } from './metrics.js';

/** Counter values keyed by their label values joined with '.', or a bare number without labels. */
export type MetricsLogFields = Partial<Record<CounterName, number | Record<string, number>>>;

/**
 * The `metrics` log line's fields: `{ events: { JOB_FAILED: 2 }, api_calls: { 'batch.SubmitJob':
 * 1 } }`. Label values only ever hold names and code families, never request data, and the
 * shape of each counter is fixed, so CLS can index every field as a number.
 */
export const metricsLogFields = (snapshot: MetricsSnapshot): MetricsLogFields => {
  const fields: MetricsLogFields = {};
  for (const { name, labels, value } of snapshot.counters) {
    const names: readonly string[] = COUNTERS[name].labels;
    if (names.length === 0) {
      fields[name] = value;
      continue;
    }
    const key = names.map((label) => labels[label] ?? '').join('.');
    const found = fields[name];
    const group = typeof found === 'object' ? found : {};
    group[key] = (group[key] ?? 0) + value;
    fields[name] = group;
  }
  return fields;
};

/** Logs what changed since the last flush as one `metrics` line; nothing when nothing moved. */
export const logMetrics = (metrics: Metrics, logger: Pick<Logger, 'info'>): void => {
  const deltas = metrics.flush();
  if (deltas.counters.length > 0) logger.info('metrics', { metrics: metricsLogFields(deltas) });
};

export const PROMETHEUS_PREFIX = 'batch_bridge_';

const escapeLabel = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

const labelText = (labels: Readonly<Record<string, string>>, names: readonly string[]): string =>
  names.length === 0
    ? ''
    : `{${names.map((n) => `${n}="${escapeLabel(labels[n] ?? '')}"`).join(',')}}`;

/** Prometheus text exposition (version 0.0.4) of a snapshot: every counter, series sorted. */
export const renderPrometheus = (snapshot: MetricsSnapshot): string => {
  const lines: string[] = [];
  for (const name of Object.keys(COUNTERS) as CounterName[]) {
    const { help, labels } = COUNTERS[name];
    const metric = `${PROMETHEUS_PREFIX}${name}_total`;
    lines.push(`# HELP ${metric} ${help}`, `# TYPE ${metric} counter`);
    const series = snapshot.counters
      .filter((c) => c.name === name)
      .map((c) => `${metric}${labelText(c.labels, labels)} ${c.value}`)
      .sort();
    lines.push(...series);
  }
  return `${lines.join('\n')}\n`;
};
