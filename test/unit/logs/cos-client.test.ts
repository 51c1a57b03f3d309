import { describe, expect, it } from 'vitest';
import { buildS3ClientConfig, LogFetchError, parseContentRange } from '../../../lib/logs/index.js';
import { staticCredentials } from '../../../lib/tencent/index.js';

const credentials = staticCredentials({ secretId: 'AKIDexample', secretKey: 'key', token: 'tok' });

describe('buildS3ClientConfig', () => {
  it('addresses COS virtual-hosted with checksums only when required', () => {
    // Arrange / Act
    const config = buildS3ClientConfig({ region: 'ap-hongkong', credentials });
    // Assert
    expect(config).toMatchObject({
      region: 'ap-hongkong',
      endpoint: 'https://cos.ap-hongkong.myqcloud.com',
      forcePathStyle: false,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  });

  it('goes path-style only for an endpoint override', () => {
    // Arrange / Act
    const config = buildS3ClientConfig({
      region: 'ap-guangzhou',
      credentials,
      endpoint: 'http://127.0.0.1:4568',
    });
    // Assert
    expect(config).toMatchObject({ endpoint: 'http://127.0.0.1:4568', forcePathStyle: true });
  });

  it('maps the Tencent credentials, token included, and asks again on every request', async () => {
    // Arrange
    const config = buildS3ClientConfig({ region: 'ap-guangzhou', credentials });
    const provider = config.credentials;
    // Act
    const identity = typeof provider === 'function' ? await provider() : undefined;
    // Assert
    expect(identity).toMatchObject({
      accessKeyId: 'AKIDexample',
      secretAccessKey: 'key',
      sessionToken: 'tok',
    });
    expect((identity?.expiration?.getTime() ?? Date.now()) < Date.now()).toBe(true);
  });

  it('leaves the session token out for permanent keys', async () => {
    // Arrange
    const config = buildS3ClientConfig({
      region: 'ap-guangzhou',
      credentials: staticCredentials({ secretId: 'AKIDexample', secretKey: 'key' }),
    });
    const provider = config.credentials;
    // Act
    const identity = typeof provider === 'function' ? await provider() : undefined;
    // Assert
    expect(identity).not.toHaveProperty('sessionToken');
  });
});

describe('parseContentRange', () => {
  it.each([
    ['bytes 0-4/16', { start: 0, end: 4, total: 16 }],
    ['bytes 100-199/*', { start: 100, end: 199, total: undefined }],
    ['bytes */16', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j', (value, expected) => {
    // Arrange / Act
    const range = parseContentRange(value);
    // Assert
    expect(range).toEqual(expected);
  });
});

describe('LogFetchError', () => {
  it('is an UpstreamError with the LOG_FETCH code', () => {
    // Arrange / Act
    const error = new LogFetchError('COS GetObject b/k failed', {
      service: 'cos',
      operation: 'GetObject',
      status: 503,
      retryable: true,
    });
    // Assert
    expect(error).toMatchObject({
      name: 'LogFetchError',
      code: 'LOG_FETCH',
      status: 503,
      retryable: true,
    });
  });
});
