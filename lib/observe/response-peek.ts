import type { HttpResponse } from '../http/index.js';

/**
 * What a response says about the call, read from a clone so the caller still gets the whole
 * body: Tencent API 3.0 answers errors with HTTP 200 and `Response.Error.Code`; CMQ with a
 * non-zero `code`. Channels are judged by their HTTP status alone.
 */

export type MeteredService = 'batch' | 'cmq' | 'channel';

export interface CallVerdict {
  readonly status?: number;
  /** Absent on success. */
  readonly code?: string;
  readonly requestId?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const stringField = (record: Record<string, unknown>, key: string): string | undefined => {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const batchFacts = (json: unknown): Omit<CallVerdict, 'status'> => {
  const response = isRecord(json) ? json['Response'] : undefined;
  if (!isRecord(response)) return {};
  const requestId = stringField(response, 'RequestId');
  const error = response['Error'];
  const code = isRecord(error) ? stringField(error, 'Code') : undefined;
  return { ...(requestId === undefined ? {} : { requestId }), ...(code ? { code } : {}) };
};

const cmqFacts = (json: unknown): Omit<CallVerdict, 'status'> => {
  if (!isRecord(json)) return {};
  const requestId = stringField(json, 'requestId');
  const code = json['code'];
  const failed = typeof code === 'number' && code !== 0;
  return {
    ...(requestId === undefined ? {} : { requestId }),
    ...(failed ? { code: `CMQ_${code}` } : {}),
  };
};

const httpCode = (status: number): string | undefined =>
  status >= 200 && status < 300 ? undefined : `HTTP_${status}`;

/** Reads a clone of the body for batch and cmq; a body that cannot be read judges by status. */
export const judgeResponse = async (
  service: MeteredService,
  response: HttpResponse,
): Promise<CallVerdict> => {
  const { status } = response;
  const byStatus = httpCode(status);
  if (service === 'channel') {
    return byStatus === undefined ? { status } : { status, code: byStatus };
  }
  const text = await response
    .clone()
    .text()
    .catch(() => '');
  const facts = (service === 'batch' ? batchFacts : cmqFacts)(parseJson(text));
  const code = facts.code ?? byStatus;
  return { status, ...facts, ...(code === undefined ? {} : { code }) };
};

/** `AuthFailure.SecretIdNotFound` -> `AuthFailure`: bounded labels, and never a secret-like key. */
export const codeFamily = (code: string): string => code.split('.')[0] ?? code;

/** Batch's RequestLimitExceeded family, CMQ's 4420, or an HTTP 429 from anyone. */
export const isThrottle = (verdict: CallVerdict): boolean =>
  verdict.status === 429 ||
  verdict.code === 'CMQ_4420' ||
  (verdict.code !== undefined && codeFamily(verdict.code) === 'RequestLimitExceeded');

/** A fetch that threw: a timeout or abort keeps its name, anything else is a network failure. */
export const thrownCode = (error: unknown): string => {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') return 'TIMEOUT';
  if (name === 'AbortError') return 'ABORTED';
  return 'NETWORK';
};
