import { randomUUID } from 'node:crypto';
import { signTc3 } from '../../../lib/tencent/tc3.js';
import type { BatchEmulator, BatchEventMessage } from '../../../sandbox/batch-emulator/index.js';

/** Test-side helpers: signed calls to the emulator over real loopback HTTP. */

export const CREDENTIAL = {
  secretId: 'AKIDsandboxTESTKEY0001',
  secretKey: 'sandbox-secret-key-0001',
};

/** Emulated time 200x faster than real time: a 5 s node boot takes 25 ms. */
export const FAST = { speed: 200, credentials: [CREDENTIAL] } as const;

export interface ApiError {
  readonly Code: string;
  readonly Message: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly Response: Record<string, unknown> & { RequestId: string; Error?: ApiError };
}

export interface CallOptions {
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly timestamp?: number;
  readonly token?: string;
  /** Sign, then send this body instead (a tampered request). */
  readonly sentBody?: string;
}

const post = async (
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<ApiResponse> => {
  const { Host: _host, ...sendable } = headers;
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: sendable,
    body,
    signal: AbortSignal.timeout(5000),
  });
  const json = (await res.json()) as { Response: ApiResponse['Response'] };
  return { status: res.status, Response: json.Response };
};

/** Signs like the bridge does: host with the port, `x-tc-action` signed too. */
export const callApi = (
  emulator: BatchEmulator,
  action: string,
  params: Record<string, unknown>,
  options: CallOptions = {},
): Promise<ApiResponse> => {
  const payload = JSON.stringify(params);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    Host: new URL(emulator.url).host,
    'X-TC-Action': action,
    'X-TC-Version': '2017-03-12',
    'X-TC-Region': 'ap-guangzhou',
    'X-TC-Timestamp': String(timestamp),
  };
  if (options.token !== undefined) headers['X-TC-Token'] = options.token;
  const signed = signTc3({
    secretId: options.secretId ?? CREDENTIAL.secretId,
    secretKey: options.secretKey ?? CREDENTIAL.secretKey,
    method: 'POST',
    headers,
    signedHeaders: ['content-type', 'host', 'x-tc-action'],
    payload,
    service: 'batch',
    timestamp,
  });
  return post(
    emulator.url,
    { ...headers, Authorization: signed.authorization },
    options.sentBody ?? payload,
  );
};

/** Signs like Tencent's Node SDK pointed at 127.0.0.1:PORT: host without port, service `127`. */
export const callLikeSdk = (
  emulator: BatchEmulator,
  action: string,
  params: Record<string, unknown>,
): Promise<ApiResponse> => {
  const payload = JSON.stringify(params);
  const timestamp = Math.floor(Date.now() / 1000);
  const signed = signTc3({
    ...CREDENTIAL,
    method: 'POST',
    headers: { 'content-type': 'application/json', host: '127.0.0.1' },
    signedHeaders: ['content-type', 'host'],
    payload,
    service: '127',
    timestamp,
  });
  return post(
    emulator.url,
    {
      Authorization: signed.authorization,
      'Content-Type': 'application/json',
      'X-TC-Action': action,
      'X-TC-Version': '2017-03-12',
      'X-TC-Region': 'ap-guangzhou',
      'X-TC-Timestamp': String(timestamp),
      'X-TC-RequestClient': 'SDK_NODEJS_4.0',
    },
    payload,
  );
};

/** The Response of a call that must succeed. */
export const ok = async (pending: Promise<ApiResponse>): Promise<Record<string, unknown>> => {
  const { Response } = await pending;
  if (Response.Error !== undefined)
    throw new Error(`${Response.Error.Code}: ${Response.Error.Message}`);
  return Response;
};

export const errorCode = async (pending: Promise<ApiResponse>): Promise<string | undefined> =>
  (await pending).Response.Error?.Code;

export const isUuid = (value: unknown): boolean =>
  typeof value === 'string' &&
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);

/** A topic stand-in: records what the emulator publishes. */
export const createTopicRecorder = () => {
  const messages: Array<{ topicName: string; message: BatchEventMessage }> = [];
  return {
    messages,
    publish: (topicName: string, message: BatchEventMessage) => {
      messages.push({ topicName, message });
    },
    names: (): string[] => messages.flatMap((m) => m.message.Events.map((e) => e.EventName)),
  };
};

export const notifyAll = (
  topicName: string,
  eventNames: readonly string[],
  vars = [{ Name: 'pipeline', Value: 'films' }],
) => [
  {
    TopicName: topicName,
    EventConfigs: eventNames.map((EventName) => ({ EventName, EventVars: vars })),
  },
];

export const uniqueToken = (): string => `token-${randomUUID()}`;

export const anonymousTask = (
  name: string,
  command: string,
  extra: Record<string, unknown> = {},
) => ({
  TaskName: name,
  TaskInstanceNum: 1,
  Application: { DeliveryForm: 'LOCAL', Command: command },
  ComputeEnv: {
    EnvType: 'MANAGED',
    EnvData: { InstanceType: 'S1.SMALL1', ImageId: 'img-bd78fy2t' },
  },
  RedirectInfo: {
    StdoutRedirectPath: 'cos://logs-1250000000.cos.ap-guangzhou.myqcloud.com/runs/',
    StderrRedirectPath: 'cos://logs-1250000000.cos.ap-guangzhou.myqcloud.com/runs/',
  },
  ...extra,
});
