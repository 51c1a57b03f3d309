export {
  type AuditOutcome,
  type AuditRecord,
  AuditRecordSchema,
  auditDay,
  buildAuditRecord,
  jobsOf,
  MAX_AUDIT_PLAN_CHARS,
} from './audit-record.js';
export {
  AUDIT_DAY,
  type AuditQuery,
  createDefaultAuditSinks,
  createLogAuditSink,
  createStateAuditSink,
  DEFAULT_AUDIT_MAX_PER_JOB,
  DEFAULT_AUDIT_MAX_RECORDS,
  DEFAULT_AUDIT_TTL_MS,
  type DefaultAuditSinkOptions,
  type ReadAuditOptions,
  readAudit,
  type StateAuditOptions,
} from './audit-store.js';
export { type AuditingOptions, type AuditSink, auditingExecutor } from './auditing-executor.js';
export { type ApiCallRecord, requestIdsOf, withCallTrace } from './call-trace.js';
export {
  type CountingFetchOptions,
  countingHttpFetch,
  RETRY_WINDOW_MS,
} from './counting-fetch.js';
export { countDelivery } from './delivery-metrics.js';
export { MASK, maskSecrets } from './mask.js';
export {
  COUNTERS,
  type CounterLabels,
  type CounterName,
  type CounterSample,
  createMetrics,
  type Metrics,
  type MetricsSnapshot,
} from './metrics.js';
export {
  logMetrics,
  type MetricsLogFields,
  metricsLogFields,
  PROMETHEUS_PREFIX,
  renderPrometheus,
} from './metrics-format.js';
export type { MeteredService } from './response-peek.js';
export { type ActionTrace, type TracedExecutor, traceExecutor } from './traced-executor.js';
