import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../lib/errors.js';
import {
  type AttemptResult,
  backoffDelay,
  classifyApiCode,
  classifyHttpStatus,
  isSafeToRepeat,
  type RetryPolicy,
  retryWithinDeadline,
} from '../../../lib/tencent/retry.js';

describe('classifyApiCode', () => {
  it.each([
    'RequestLimitExceeded',
    'RequestLimitExceeded.UinLimitExceeded',
    'RequestLimitExceeded.GlobalRegionUinLimitExceeded',
    'InternalError',
    'InternalError.CallCvm',
    'ResourceUnavailable',
  ])('retries %s within the call', (code) => {
    expect(classifyApiCode(code)).toBe('transient');
  });

  it.each([
    'ResourceInsufficient',
    'UnsupportedOperation.AcceptOtherRequest',
    'UnsupportedOperation.ComputeEnvAcceptOtherRequest',
  ])('leaves %s to a later redelivery', (code) => {
    expect(classifyApiCode(code)).toBe('later');
  });

  it.each([
    'AuthFailure.SignatureFailure',
    'AuthFailure.SignatureExpire',
    'AuthFailure.TokenFailure',
    'InvalidParameter.JobIdMalformed',
    'InvalidParameterValue.Negative',
    'MissingParameter',
    'UnknownParameter',
    'UnauthorizedOperation.UserNotAllowedToUseBatch',
    'ResourceNotFound.Job',
    'LimitExceeded.CpuQuota',
    'LimitExceeded',
    'UnsupportedOperation.NotEnoughComputeNodesToTerminate',
    'InvalidAction',
    'FailedOperation',
    'InternalErrorLookalike',
    'SomethingNew.NeverSeen',
  ])('never retries %s', (code) => {
    expect(classifyApiCode(code)).toBe('permanent');
  });
});

describe('classifyHttpStatus', () => {
  it.each([
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [429, 'transient'],
    [200, 'permanent'],
    [400, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
  ] as const)('classifies HTTP %i as %s', (status, expected) => {
    expect(classifyHttpStatus(status)).toBe(expected);
  });
});

describe('isSafeToRepeat', () => {
  it('repeats a SubmitJob only when it carries a ClientToken', () => {
    expect(isSafeToRepeat('SubmitJob', { Job: {}, ClientToken: 'tok' })).toBe(true);
    expect(isSafeToRepeat('SubmitJob', { Job: {} })).toBe(false);
    expect(isSafeToRepeat('ModifyComputeEnv', { EnvId: 'env-1' })).toBe(true);
  });
});

const failure = (retryNow: boolean, n = 0): AttemptResult<string> => ({
  ok: false,
  retryNow,
  error: new UpstreamError('TENCENT_API', `failure ${n}`, { service: 'batch', operation: 'X' }),
});

/** A fake clock that sleeping advances: the loop runs without real time passing. */
const fakeTime = (start = 1_000_000) => {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
};

const policy = (time: ReturnType<typeof fakeTime>, extra: Partial<RetryPolicy> = {}) => ({
  maxAttempts: 5,
  deadline: () => Number.POSITIVE_INFINITY,
  now: time.now,
  sleep: time.sleep,
  random: () => 1,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  minAttemptMs: 50,
  ...extra,
});

describe('retryWithinDeadline', () => {
  it('returns the first success after transient failures, backing off exponentially', async () => {
    // Arrange
    const time = fakeTime();
    const results = [failure(true), failure(true), { ok: true as const, value: 'done' }];
    let calls = 0;

    // Act
    const value = await retryWithinDeadline(
      async () => results[calls++] ?? failure(false),
      policy(time),
    );

    // Assert
    expect(value).toBe('done');
    expect(calls).toBe(3);
    expect(time.sleeps).toEqual([100, 200]);
  });

  it('uses full jitter: the delay is random() times the capped exponential', () => {
    // Arrange
    const time = fakeTime();

    // Act
    const delays = [1, 2, 5, 6].map((n) => backoffDelay(n, policy(time, { random: () => 0.5 })));

    // Assert
    expect(delays).toEqual([50, 100, 500, 500]);
  });

  it('throws at once when the failure is not to be retried now', async () => {
    // Arrange
    const time = fakeTime();
    let calls = 0;

    // Act
    const error = await retryWithinDeadline(
      async () => failure(false, ++calls),
      policy(time),
    ).catch((e: unknown) => e);

    // Assert
    expect(calls).toBe(1);
    expect((error as Error).message).toBe('failure 1');
    expect(time.sleeps).toEqual([]);
  });

  it('stops after maxAttempts and throws the last error', async () => {
    // Arrange
    const time = fakeTime();
    let calls = 0;

    // Act
    const error = await retryWithinDeadline(
      async () => failure(true, ++calls),
      policy(time, { maxAttempts: 3 }),
    ).catch((e: unknown) => e);

    // Assert
    expect(calls).toBe(3);
    expect((error as Error).message).toBe('failure 3');
  });

  it('never sleeps past the deadline: it gives up when the next attempt would not fit', async () => {
    // Arrange
    const time = fakeTime();
    const deadline = time.now() + 400;
    let calls = 0;

    // Act
    const error = await retryWithinDeadline(
      async () => failure(true, ++calls),
      policy(time, { deadline: () => deadline }),
    ).catch((e: unknown) => e);

    // Assert: 100 + 200 slept, a third 400 ms sleep would end past the deadline.
    expect(calls).toBe(3);
    expect(time.sleeps).toEqual([100, 200]);
    expect(time.now()).toBeLessThanOrEqual(deadline);
    expect((error as Error).message).toBe('failure 3');
  });

  it('does not retry once the caller has aborted', async () => {
    // Arrange
    const time = fakeTime();
    const controller = new AbortController();
    let calls = 0;

    // Act
    const error = await retryWithinDeadline(
      async () => {
        calls++;
        controller.abort();
        return failure(true, calls);
      },
      policy(time, { signal: controller.signal }),
    ).catch((e: unknown) => e);

    // Assert
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(UpstreamError);
  });
});
