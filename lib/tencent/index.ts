export type { CallOptions } from './batch-call.js';
export { type BatchApi, type BatchMethods, createBatchClient } from './batch-client.js';
export {
  type BatchClientLogger,
  type BatchClientOptions,
  BatchClientOptionsSchema,
  DEFAULT_BATCH_ENDPOINT,
} from './batch-client-options.js';
export {
  BATCH_METHODS,
  type BatchAction,
  type BatchMethodName,
  type BatchRequest,
  type BatchResponse,
} from './batch-methods.js';
export {
  DescribeComputeEnvActivitiesRequestSchema,
  DescribeComputeEnvRequestSchema,
  DescribeComputeEnvsRequestSchema,
  DescribeJobRequestSchema,
  DescribeJobSubmitInfoRequestSchema,
  DescribeJobsRequestSchema,
  DescribeTaskLogsRequestSchema,
  DescribeTaskRequestSchema,
  ModifyComputeEnvRequestSchema,
  SubmitJobRequestSchema,
  TerminateComputeNodeRequestSchema,
  TerminateComputeNodesRequestSchema,
  TerminateJobRequestSchema,
} from './batch-schemas.js';
export { BATCH_SERVICE, BATCH_VERSION, type TencentResponse } from './batch-transport.js';
export { JobSchema, PlacementSchema, TaskSchema } from './batch-types.js';
export {
  type CredentialProvider,
  type Credentials,
  createEnvCredentialProvider,
  type Environment,
  staticCredentials,
} from './credentials.js';
export { DEFAULT_RATE_LIMITS, FALLBACK_RATE_LIMIT, type Sleep } from './rate-limit.js';
export { classifyApiCode, type Retryability } from './retry.js';
export {
  buildCanonicalRequest,
  buildCredentialScope,
  buildStringToSign,
  deriveSigningKey,
  signApiRequest,
  signTc3,
  type Tc3Signature,
  type Tc3SignInput,
} from './tc3.js';
export { TencentApiError } from './tencent-api-error.js';
