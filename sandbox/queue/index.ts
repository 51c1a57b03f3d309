export {
  createLocalQueueServer,
  type InjectedFault,
  type LocalQueueServer,
  type LocalQueueServerOptions,
  type RecordedRequest,
} from './local-queue-server.js';
export type { DeadLetter, DeliveredMessage, QueueSettings } from './queue-model.js';
export { canonicalString, type QueueCredential, verifySignature } from './signature.js';
