export { type HttpTransportCode, HttpTransportError } from './http-transport-error.js';
export {
  createNodeHttpFetch,
  defaultHttpFetch,
  type NodeHttpFetch,
  type NodeHttpFetchOptions,
  NodeHttpFetchOptionsSchema,
} from './node-http-fetch.js';
export type { HttpFetch, HttpFetchInit, HttpResponse } from './types.js';
