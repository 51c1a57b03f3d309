export { type HttpTransportCode, HttpTransportError } from './http-transport-error.js';
export {
  createNodeHttpFetch,
  type NodeHttpFetch,
  type NodeHttpFetchOptions,
  NodeHttpFetchOptionsSchema,
} from './node-http-fetch.js';
export type { HttpFetch, HttpFetchInit } from './types.js';
