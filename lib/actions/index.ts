export { clientTokenFor } from './client-token.js';
export { createDryRunExecutor } from './dry-run-executor.js';
