import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../lib/config/index.js';
import { catchConfigError } from './config-test-kit.js';

describe('loadSettings', () => {
  it('applies every default to an environment without our variables', () => {
    // Act
    const settings = loadSettings({ PATH: '/usr/bin', HOME: '/root' });

    // Assert
    expect(settings).toEqual({
      configPath: 'bridge.yml',
      maxBodyBytes: 1_048_576,
      logLevel: 'info',
      dryRun: false,
      endpoints: { batch: undefined, cos: undefined, cmq: undefined },
    });
  });

  it('reads and converts every variable', () => {
    // Arrange
    const env = {
      BATCH_BRIDGE_CONFIG: '/etc/bb/bridge.yml',
      BATCH_BRIDGE_MAX_BODY_BYTES: '65536',
      BATCH_BRIDGE_LOG_LEVEL: 'debug',
      BATCH_BRIDGE_DRY_RUN: 'true',
      BATCH_BRIDGE_BATCH_ENDPOINT: 'http://127.0.0.1:4100',
      BATCH_BRIDGE_COS_ENDPOINT: 'http://127.0.0.1:4568',
      BATCH_BRIDGE_CMQ_ENDPOINT: '',
    };

    // Act
    const settings = loadSettings(env);

    // Assert
    expect(settings).toEqual({
      configPath: '/etc/bb/bridge.yml',
      maxBodyBytes: 65_536,
      logLevel: 'debug',
      dryRun: true,
      endpoints: { batch: 'http://127.0.0.1:4100', cos: 'http://127.0.0.1:4568', cmq: undefined },
    });
  });

  it('rejects an endpoint that is not an http(s) URL, naming the variable', () => {
    // Act
    const load = () => loadSettings({ BATCH_BRIDGE_BATCH_ENDPOINT: 'ftp://x' });
    // Assert
    expect(load).toThrow(/BATCH_BRIDGE_BATCH_ENDPOINT/);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['off', false],
    ['true', true],
    ['1', true],
    ['yes', true],
    ['on', true],
  ])('reads BATCH_BRIDGE_DRY_RUN=%s as %s', (value, expected) => {
    // Act
    const settings = loadSettings({ BATCH_BRIDGE_DRY_RUN: value });

    // Assert
    expect(settings.dryRun).toBe(expected);
  });

  it.each([
    ['BATCH_BRIDGE_MAX_BODY_BYTES', '0'],
    ['BATCH_BRIDGE_MAX_BODY_BYTES', '1.5'],
    ['BATCH_BRIDGE_MAX_BODY_BYTES', 'lots'],
    ['BATCH_BRIDGE_LOG_LEVEL', 'verbose'],
    ['BATCH_BRIDGE_DRY_RUN', 'maybe'],
    ['BATCH_BRIDGE_CONFIG', ''],
  ])('rejects %s=%s as CONFIG_INVALID naming the variable', (name, value) => {
    // Act
    const error = catchConfigError(() => loadSettings({ [name]: value }));

    // Assert
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(`at ${name}`);
    expect(error.cause).toBeDefined();
  });
});
