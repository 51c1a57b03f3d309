export { clientTokenFor } from './client-token.js';
export { createDryRunExecutor } from './dry-run-executor.js';
export { type AlertSender, createLiveExecutor, type LiveExecutorOptions } from './live-executor.js';
