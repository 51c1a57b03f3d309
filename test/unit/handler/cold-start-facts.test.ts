import { afterEach, describe, expect, it } from 'vitest';
import { coldStartFacts } from '../../../lib/handler/function-deps.js';

const STATUS = Symbol.for('batch-bridge.codeCache');

afterEach(() => {
  Reflect.deleteProperty(globalThis, STATUS);
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
    Reflect.set(globalThis, STATUS, { mode: 'on', files });
    // Act
    const facts = coldStartFacts();
    // Assert
    expect(facts).toMatchObject({
      codeCache: 'on',
      codeCacheFiles: { 'app.js': 'rejected', 'aws-s3.js': 'none' },
    });
    expect(facts.nodeFlags).toEqual(process.execArgv.filter((flag) => flag.startsWith('--')));
  });
});
