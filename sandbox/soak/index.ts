export { type KillMode, type KillRecord, SoakKillError } from './kill-switch.js';
export { apiFaults, killBatches, MALFORMED_BODIES, runSoak, type SoakOptions } from './run-soak.js';
export type { SoakChecks } from './soak-checks.js';
export { POOL_MAX } from './soak-jobs.js';
export type { SoakReport } from './soak-report.js';
