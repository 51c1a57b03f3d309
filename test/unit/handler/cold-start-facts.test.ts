import { afterEach, describe, expect, it } from 'vitest';
import { coldStartFacts } from '../../../lib/handler/function-deps.js';

const STATUS = Symbol.for('batch-bridge.codeCache');

const execArgv = process.execArgv;

afterEach(() => {
  Reflect.deleteProperty(globalThis, STATUS);
  process.execArgv = execArgv;
});

describe('coldStartFacts', () => {
  it('says unpackaged when no loader ran', () => {
    // Act
    const facts = coldStartFacts();
    // Assert
    expect(facts).toMatchObject({ codeCache: 'unpackaged', v8: process.versions.v8 });
    expect(facts).not.toHaveProperty('codeCacheFiles');
  });

  it("reports the loader's verdict per file by its name alone", () => {
    // Arrange
    const files = { '/var/user/topic/app.js': 'rejected', '/var/user/topic/aws-s3.js': 'none' };
    const compileMs = { '/var/user/topic/app.js': 31, '/var/user/topic/aws-s3.js': 12 };
    const runMs = { '/var/user/topic/app.js': 20, '/var/user/topic/aws-s3.js': 7 };
    Reflect.set(globalThis, STATUS, { mode: 'on', files, compileMs, runMs });
    process.execArgv = ['--max-old-space-size=460', '-e', 'run()', '--stack-size=2000'];
    // Act
    const facts = coldStartFacts();
    // Assert
    expect(facts).toMatchObject({
      codeCache: 'on',
      codeCacheFiles: { 'app.js': 'rejected', 'aws-s3.js': 'none' },
      compileMs: { 'app.js': 31, 'aws-s3.js': 12 },
      runMs: { 'app.js': 20, 'aws-s3.js': 7 },
    });
    expect(facts.nodeFlags).toEqual(['--max-old-space-size=460', '--stack-size=2000']);
  });
});
