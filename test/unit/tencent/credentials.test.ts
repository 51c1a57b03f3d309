import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/errors.js';
import {
  createEnvCredentialProvider,
  staticCredentials,
} from '../../../lib/tencent/credentials.js';

describe('createEnvCredentialProvider', () => {
  it('reads the role credentials SCF injects (no inner underscore)', async () => {
    // Arrange
    const env = {
      TENCENTCLOUD_SECRETID: 'AKIDscf',
      TENCENTCLOUD_SECRETKEY: 'scf-key',
      TENCENTCLOUD_SESSIONTOKEN: 'scf-token',
    };

    // Act
    const credentials = await createEnvCredentialProvider(env)();

    // Assert
    expect(credentials).toEqual({ secretId: 'AKIDscf', secretKey: 'scf-key', token: 'scf-token' });
  });

  it('falls back to the SDK spelling (with underscores)', async () => {
    // Arrange
    const env = { TENCENTCLOUD_SECRET_ID: 'AKIDsdk', TENCENTCLOUD_SECRET_KEY: 'sdk-key' };

    // Act
    const credentials = await createEnvCredentialProvider(env)();

    // Assert
    expect(credentials).toEqual({ secretId: 'AKIDsdk', secretKey: 'sdk-key' });
    expect(credentials).not.toHaveProperty('token');
  });

  it('prefers the SCF pair and never mixes halves of the two spellings', async () => {
    // Arrange
    const env = {
      TENCENTCLOUD_SECRETID: 'AKIDscf',
      TENCENTCLOUD_SECRET_KEY: 'sdk-key',
      TENCENTCLOUD_SECRET_ID: 'AKIDsdk',
      TENCENTCLOUD_SESSIONTOKEN: 'scf-token',
    };

    // Act
    const credentials = await createEnvCredentialProvider(env)();

    // Assert
    expect(credentials).toEqual({ secretId: 'AKIDsdk', secretKey: 'sdk-key' });
  });

  it('reads the environment again on every call, so rotated role keys are used', async () => {
    // Arrange
    const env: Record<string, string | undefined> = {
      TENCENTCLOUD_SECRETID: 'AKIDold',
      TENCENTCLOUD_SECRETKEY: 'old-key',
      TENCENTCLOUD_SESSIONTOKEN: 'old-token',
    };
    const provider = createEnvCredentialProvider(env);
    const first = await provider();

    // Act
    Object.assign(env, {
      TENCENTCLOUD_SECRETID: 'AKIDnew',
      TENCENTCLOUD_SECRETKEY: 'new-key',
      TENCENTCLOUD_SESSIONTOKEN: 'new-token',
    });
    const second = await provider();

    // Assert
    expect(first.secretKey).toBe('old-key');
    expect(second).toEqual({ secretId: 'AKIDnew', secretKey: 'new-key', token: 'new-token' });
  });

  it.each([
    { name: 'nothing is set', env: {} },
    { name: 'only an id is set', env: { TENCENTCLOUD_SECRETID: 'AKIDonly' } },
    {
      name: 'the key is blank',
      env: { TENCENTCLOUD_SECRET_ID: 'AKIDsdk', TENCENTCLOUD_SECRET_KEY: '  ' },
    },
  ])('throws a ConfigError naming the variables when $name', async ({ env }) => {
    // Act
    const error = await createEnvCredentialProvider(env)().catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'CONFIG_ENV_MISSING', retryable: false });
    const message = (error as Error).message;
    for (const name of [
      'TENCENTCLOUD_SECRETID',
      'TENCENTCLOUD_SECRETKEY',
      'TENCENTCLOUD_SECRET_ID',
      'TENCENTCLOUD_SECRET_KEY',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('AKIDonly');
    expect(message).not.toContain('AKIDsdk');
  });
});

describe('staticCredentials', () => {
  it('always resolves the given credentials', async () => {
    // Arrange
    const provider = staticCredentials({ secretId: 'AKID', secretKey: 'key', token: 't' });

    // Act
    const credentials = await provider();

    // Assert
    expect(credentials).toEqual({ secretId: 'AKID', secretKey: 'key', token: 't' });
  });
});
