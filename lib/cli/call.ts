import { isBridgeError, UpstreamError } from '../errors.js';
import {
  createBatchClient,
  createEnvCredentialProvider,
  TencentApiError,
} from '../tencent/index.js';
import { type CliIo, EXIT } from './io.js';

export interface CallOptions {
  readonly action: string;
  readonly params: string | undefined;
  readonly region: string | undefined;
}

/** Where `call` sends requests: BATCH_BRIDGE_BATCH_ENDPOINT wins (e.g. the local emulator). */
export const batchEndpoint = (env: CliIo['env']): string | undefined =>
  env['BATCH_BRIDGE_BATCH_ENDPOINT'] === '' ? undefined : env['BATCH_BRIDGE_BATCH_ENDPOINT'];

const parseParams = (text: string | undefined): object | string => {
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? value
      : '--params must be a JSON object';
  } catch {
    return '--params is not valid JSON';
  }
};

const describeFailure = (e: unknown): string => {
  if (e instanceof TencentApiError)
    return `${e.apiCode}: ${e.message}\nRequestId: ${e.requestId ?? '-'}`;
  if (e instanceof UpstreamError)
    return `${e.code}: ${e.message}${e.requestId ? `\nRequestId: ${e.requestId}` : ''}`;
  if (isBridgeError(e)) return `${e.code}: ${e.message}`;
  return 'INTERNAL: the call failed unexpectedly';
};

/** A small tccli for Batch, and the way to check credentials: prints the Response JSON. */
export const runCall = async (options: CallOptions, io: CliIo): Promise<number> => {
  const params = parseParams(options.params);
  if (typeof params === 'string') {
    io.stderr(`${params}\n`);
    return EXIT.usage;
  }
  const endpoint = batchEndpoint(io.env);
  const region = options.region ?? io.env['TENCENTCLOUD_REGION'] ?? 'ap-guangzhou';
  try {
    const client = createBatchClient({
      credentials: createEnvCredentialProvider(io.env),
      region,
      ...(endpoint === undefined ? {} : { endpoint }),
    });
    const response = await client.call(options.action, params);
    io.stdout(`${JSON.stringify(response, null, 2)}\n`);
    return EXIT.ok;
  } catch (e) {
    io.stderr(`${describeFailure(e)}\n`);
    return EXIT.failed;
  }
};
