import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';

describe('batch-bridge validate', () => {
  it('accepts the example config', async () => {
    // Act
    const run = await cli(['validate', '--config', 'examples/bridge.yml']);
    // Assert
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('valid (5 rules, 2 channels)');
  });

  it('exits 2 and names the path of each problem', async () => {
    // Act
    const run = await cli(['validate', '-c', 'test/fixtures/cli/bad-bridge.yml']);
    // Assert
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CONFIG_INVALID');
    expect(run.stderr).toContain('rules[0].on');
    expect(run.stderr).toContain('rules[0].do[0].alert.channel');
  });

  it('reads the config path from BATCH_BRIDGE_CONFIG', async () => {
    // Act
    const run = await cli(['validate'], { env: { BATCH_BRIDGE_CONFIG: 'examples/bridge.yml' } });
    // Assert
    expect(run.code).toBe(0);
  });

  it('exits 2 when the config file is missing', async () => {
    // Act
    const run = await cli(['validate', '--config', 'missing.yml']);
    // Assert
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CONFIG_NOT_FOUND');
  });
});

describe('batch-bridge schema', () => {
  it('prints a JSON Schema of bridge.yml', async () => {
    // Act
    const run = await cli(['schema']);
    // Assert
    const schema = JSON.parse(run.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['version', 'channels', 'rules']),
    );
  });
});

describe('batch-bridge usage', () => {
  it('prints help and the version, and rejects unknown commands and options', async () => {
    // Act
    const help = await cli(['--help']);
    const version = await cli(['--version']);
    const unknown = await cli(['frobnicate']);
    const badOption = await cli(['validate', '--nope']);
    // Assert
    expect(help.stdout).toContain('batch-bridge replay --config bridge.yml FILE...');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(unknown.code).toBe(64);
    expect(badOption.code).toBe(64);
  });

  it('runs as a command from the bin entry', async () => {
    // Act
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bin/batch-bridge.ts', '--help'],
      { cwd: ROOT },
    );
    // Assert
    expect(stdout).toContain('Usage:');
  });
});
