import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActionHandler } from './actions.js';
import { ApiError, missingParameter } from './api-error.js';
import type { EmulatorClock } from './clock.js';
import type { CallLogEntry, Faults } from './faults.js';
import { isObject, unflatten } from './params.js';
import { header, type SecretLookup, type Tc3Request, verifyTc3 } from './signature.js';
import type { JsonObject } from './types.js';

/** The API 3.0 front door: method, headers, TC3, injected faults, envelope and RequestId. */

export interface HttpDeps {
  readonly actions: ReadonlyMap<string, ActionHandler>;
  readonly lookupSecret: SecretLookup;
  readonly clock: EmulatorClock;
  readonly faults: Faults;
  readonly record: (entry: CallLogEntry) => void;
  readonly onError: (error: unknown) => void;
}

const VERSION = '2017-03-12';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError('InvalidParameter', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

const parseJsonBody = (body: Buffer): JsonObject => {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (isObject(parsed)) return parsed;
  } catch {
    // Reported below with Tencent's wording, whatever the parser said.
  }
  throw new ApiError('InvalidParameter', 'The request body is not a valid JSON object.');
};

const parseParams = (request: Tc3Request): JsonObject => {
  if (request.method === 'GET') {
    return unflatten(new URL(request.rawUrl, 'http://emulator').searchParams.entries());
  }
  const contentType = (header(request, 'content-type') ?? '').toLowerCase();
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return unflatten(new URLSearchParams(request.body.toString('utf8')).entries());
  }
  if (!contentType.startsWith('application/json')) {
    throw new ApiError(
      'InvalidParameter',
      `The content type \`${contentType}\` is not supported; send application/json.`,
    );
  }
  return parseJsonBody(request.body);
};

const checkProtocol = (request: Tc3Request): string => {
  if (request.method !== 'POST' && request.method !== 'GET') {
    throw new ApiError(
      'UnsupportedProtocol',
      `The HTTP method ${request.method} is not supported; use GET or POST.`,
    );
  }
  const action = header(request, 'x-tc-action');
  if (action === undefined || action === '') throw missingParameter('Action');
  const version = header(request, 'x-tc-version');
  if (version === undefined || version === '') throw missingParameter('Version');
  if (version !== VERSION)
    throw new ApiError('NoSuchVersion', `The API version \`${version}\` does not exist.`);
  return action;
};

const send = (
  res: ServerResponse,
  status: number,
  payload: JsonObject,
  requestId: string,
): void => {
  const body = JSON.stringify({ Response: { ...payload, RequestId: requestId } });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Exchange {
  action: string | undefined;
  params: JsonObject;
}

const answer = async (
  deps: HttpDeps,
  request: Tc3Request,
  exchange: Exchange,
): Promise<JsonObject> => {
  const action = checkProtocol(request);
  const handler = deps.actions.get(action);
  if (handler !== undefined) exchange.action = action;
  verifyTc3(request, deps.lookupSecret, deps.clock.now());
  if (handler === undefined) {
    throw new ApiError(
      'InvalidAction',
      `The request action=\`${action}\` is invalid or not found in service=\`batch\` and version=\`${VERSION}\`.`,
    );
  }
  if (!header(request, 'x-tc-region')) throw missingParameter('Region');
  exchange.params = parseParams(request);
  if (deps.faults.injectHttp500()) {
    throw new ApiError('InternalError', 'Injected fault: HTTP 500 from the API gateway.', 500);
  }
  deps.faults.injectApiFault(action);
  return handler(exchange.params);
};

export const createRequestListener =
  (deps: HttpDeps) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const exchange: Exchange = { action: undefined, params: {} };
    let errorCode: string | undefined;
    try {
      const body = await readBody(req);
      const request: Tc3Request = {
        method: req.method ?? 'GET',
        rawUrl: req.url ?? '/',
        headers: req.headers,
        body,
      };
      await sleep(deps.faults.latency());
      send(res, 200, await answer(deps, request, exchange), requestId);
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError('InternalError', 'An internal error has occurred.');
      if (!(error instanceof ApiError)) deps.onError(error);
      errorCode = apiError.httpStatus === 500 ? 'HTTP 500' : apiError.code;
      send(
        res,
        apiError.httpStatus,
        { Error: { Code: apiError.code, Message: apiError.message } },
        requestId,
      );
    }
    if (exchange.action !== undefined) {
      deps.record({ action: exchange.action, params: exchange.params, errorCode, requestId });
    }
  };
