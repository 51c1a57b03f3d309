import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEmulator } from '../../../lib/cli/emulator.js';
import type { CliIo } from '../../../lib/cli/io.js';
import { cli } from './helpers.js';

// The emulator command and `call` against it, both over real loopback HTTP.
let stopEmulator: () => void;
let running: Promise<number>;
const env: Record<string, string> = {};

beforeAll(async () => {
  let printed = '';
  const ready = new Promise<void>((resolve) => {
    const io: CliIo = {
      stdout: (t) => {
        printed += t;
        if (printed.includes('SECRET_KEY=')) resolve();
      },
      stderr: () => {},
      env: {},
      cwd: process.cwd(),
      readFile: async () => '',
      readStdin: async () => '',
    };
    running = runEmulator(
      { port: 0, stop: new Promise((r) => (stopEmulator = () => r(undefined))) },
      io,
    );
  });
  await ready;
  for (const [, name, value] of printed.matchAll(/export (\w+)=(\S+)/g))
    env[name as string] = value as string;
});

afterAll(async () => {
  stopEmulator();
  expect(await running).toBe(0);
});

describe('batch-bridge emulator + call', () => {
  it('prints the endpoint and a local key pair that call can use at once', async () => {
    // Act
    const run = await cli(['call', 'DescribeComputeEnvs'], { env });
    // Assert
    expect(run.code).toBe(0);
    const response = JSON.parse(run.stdout) as {
      ComputeEnvSet: { EnvId: string }[];
      RequestId: string;
    };
    expect(response.ComputeEnvSet.map((e) => e.EnvId)).toEqual(['env-local0001']);
    expect(response.RequestId).toEqual(expect.any(String));
  });

  it('passes --params and prints the API error code and RequestId on failure', async () => {
    // Act
    const run = await cli(['call', 'DescribeComputeEnv', '--params', '{"EnvId":"env-missing1"}'], {
      env,
    });
    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ResourceNotFound\.ComputeEnv: .*\nRequestId: [0-9a-f-]{36}\n$/);
  });

  it('says which variables to set when there are no credentials, without calling out', async () => {
    // Act
    const run = await cli(['call', 'DescribeComputeEnvs'], {
      env: { BATCH_BRIDGE_BATCH_ENDPOINT: env['BATCH_BRIDGE_BATCH_ENDPOINT'] as string },
    });
    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('TENCENTCLOUD_SECRET_ID');
  });

  it('rejects a bad signature: a wrong key is an AuthFailure, and the key never printed', async () => {
    // Act
    const run = await cli(['call', 'DescribeComputeEnvs'], {
      env: { ...env, TENCENTCLOUD_SECRET_KEY: 'wrong-key-123456' },
    });
    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('AuthFailure.SignatureFailure');
    expect(run.stderr).not.toContain('wrong-key-123456');
  });

  it('rejects params that are not a JSON object', async () => {
    // Act
    const run = await cli(['call', 'DescribeJob', '--params', '[1]'], { env });
    // Assert
    expect(run.code).toBe(64);
  });
});
