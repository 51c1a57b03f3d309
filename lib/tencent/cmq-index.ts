export { CmqApiError } from './cmq-api-error.js';
export {
  type CmqDeleteFailure,
  type CmqDeleteResult,
  type CmqMessage,
  type CmqQueueClient,
  createCmqQueueClient,
} from './cmq-client.js';
export {
  CMQ_DEFAULT_PATH,
  type CmqClientLogger,
  type CmqQueueClientOptions,
  CmqQueueClientOptionsSchema,
} from './cmq-client-options.js';
export {
  CMQ_CODES,
  CMQ_MAX_BATCH,
  CMQ_MAX_POLLING_WAIT_SECONDS,
  type CmqReceiveOptions,
  isTransientCmqCode,
} from './cmq-schemas.js';
export {
  buildCmqStringToSign,
  type CmqSignatureMethod,
  type CmqSignInput,
  type CmqStringToSignInput,
  signCmqParams,
  signCmqString,
} from './cmq-sign.js';
export { CMQ_SERVICE } from './cmq-transport.js';
