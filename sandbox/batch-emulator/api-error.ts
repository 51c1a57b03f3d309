/**
 * An API 3.0 error as Tencent returns it: `Response.Error.Code` and `Message`. Thrown by
 * validators and engines, turned into the response envelope by the HTTP layer.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  /** 200 for every API error, as Tencent does; only injected faults use 5xx. */
  readonly httpStatus: number;

  constructor(code: string, message: string, httpStatus = 200) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

export const missingParameter = (name: string): ApiError =>
  new ApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);

export const invalidType = (name: string, expected: string): ApiError =>
  new ApiError(
    'InvalidParameter',
    `The value type of parameter \`${name}\` is not valid, expected ${expected}.`,
  );

export const invalidValue = (name: string, detail: string): ApiError =>
  new ApiError(
    'InvalidParameterValue',
    `The value of parameter \`${name}\` is not valid: ${detail}.`,
  );

export const unknownParameter = (name: string): ApiError =>
  new ApiError('UnknownParameter', `The parameter \`${name}\` is not recognized.`);

export const notFound = (code: string, what: string, id: string): ApiError =>
  new ApiError(code, `The ${what} \`${id}\` does not exist.`);

export const malformedId = (code: string, name: string, id: string): ApiError =>
  new ApiError(code, `The value \`${id}\` of parameter \`${name}\` is malformed.`);
