export type { BridgeServerOptions, ServerLimits } from './options.js';
export { PUSH_TIMEOUT_MS, resolveLimits } from './options.js';
export { callBudgetMs, raiseDeadline } from './push.js';
export { SECRET_HEADER } from './routes.js';
export type { BridgeServer } from './server.js';
export { createBridgeServer } from './server.js';
export type { ServerStats } from './stats.js';
