/**
 * The one error hierarchy. Every error that crosses a module boundary is a BridgeError with a
 * stable `code`; outside errors are wrapped once, at the adapter, with `{ cause }`.
 */

/** Codes for input that was read from outside and rejected. Stable: users match on them. */
export type ValidationCode =
  | 'BODY_TOO_LARGE'
  | 'BODY_EMPTY'
  | 'BODY_NOT_JSON'
  | 'BODY_UNDECODABLE'
  | 'ENVELOPE_UNKNOWN'
  | 'ENVELOPE_INVALID'
  | 'MESSAGE_INVALID'
  | 'EVENT_INVALID'
  | 'INPUT_INVALID'
  | 'COS_URL_INVALID';

export type ConfigCode =
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_PARSE'
  | 'CONFIG_INVALID'
  | 'CONFIG_ENV_MISSING'
  | 'CONFIG_FILE';

export type RuleCode = 'RULE_TEMPLATE' | 'RULE_PLAN';

export type UpstreamCode = 'UPSTREAM' | 'TENCENT_API' | 'CMQ_API' | 'LOG_FETCH' | 'WEBHOOK';

export type BridgeErrorCode = ValidationCode | ConfigCode | RuleCode | UpstreamCode | 'INTERNAL';

export interface BridgeErrorOptions extends ErrorOptions {
  readonly retryable?: boolean;
}

export class BridgeError extends Error {
  override readonly name: string = 'BridgeError';
  readonly code: BridgeErrorCode;
  readonly retryable: boolean;

  constructor(code: BridgeErrorCode, message: string, options: BridgeErrorOptions = {}) {
    super(message, options);
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** Bad input from outside: reported and acknowledged, never retried. */
export class ValidationError extends BridgeError {
  override readonly name = 'ValidationError';
  readonly path: string | undefined;

  constructor(
    code: ValidationCode,
    message: string,
    options: ErrorOptions & { path?: string } = {},
  ) {
    super(code, message, options);
    this.path = options.path;
  }
}

/** A bridge.yml that cannot be used. `path` names the place in the file (`rules[3].on`). */
export class ConfigError extends BridgeError {
  override readonly name = 'ConfigError';
  readonly path: string | undefined;

  constructor(code: ConfigCode, message: string, options: ErrorOptions & { path?: string } = {}) {
    super(code, message, options);
    this.path = options.path;
  }
}

/** A rule that matched but could not be turned into a plan for this event. */
export class RuleError extends BridgeError {
  override readonly name = 'RuleError';
  readonly rule: string;

  constructor(code: RuleCode, rule: string, message: string, options: ErrorOptions = {}) {
    super(code, message, options);
    this.rule = rule;
  }
}

export interface UpstreamErrorOptions extends BridgeErrorOptions {
  readonly service: string;
  readonly operation: string;
  readonly status?: number;
  readonly requestId?: string;
}

/** A call to an outside service failed. `retryable` says whether a redelivery may succeed. */
export class UpstreamError extends BridgeError {
  override readonly name: string = 'UpstreamError';
  readonly service: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(code: UpstreamCode, message: string, options: UpstreamErrorOptions) {
    super(code, message, options);
    this.service = options.service;
    this.operation = options.operation;
    this.status = options.status;
    this.requestId = options.requestId;
  }
}

export const isBridgeError = (e: unknown): e is BridgeError => e instanceof BridgeError;

/** The `{ code, message }` shape used in outputs; never carries the cause chain. */
export interface ErrorSummary {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
}

export const summarizeError = (e: unknown): ErrorSummary => {
  if (e instanceof ValidationError || e instanceof ConfigError) {
    return e.path === undefined
      ? { code: e.code, message: e.message }
      : { code: e.code, message: e.message, path: e.path };
  }
  if (e instanceof BridgeError) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: 'internal error' };
};
