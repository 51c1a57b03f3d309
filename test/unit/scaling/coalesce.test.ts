import { describe, expect, it } from 'vitest';
import { createCoalescer } from '../../../lib/scaling/index.js';

const deferred = () => {
  let resolve: (value: number) => void = () => {};
  const promise = new Promise<number>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('createCoalescer', () => {
  it('runs a burst as the current run plus one follow-up shared by all later callers', async () => {
    // Arrange
    const coalescer = createCoalescer<number>();
    const gates = [deferred(), deferred()];
    let runs = 0;
    const task = () => gates[runs++]?.promise ?? Promise.resolve(-1);

    // Act
    const first = coalescer.run('env', task);
    const later = Array.from({ length: 10 }, () => coalescer.run('env', task));
    gates[0]?.resolve(1);
    await first;
    gates[1]?.resolve(2);
    const results = await Promise.all(later);

    // Assert
    expect(await first).toBe(1);
    expect(results).toEqual(Array(10).fill(2));
    expect(runs).toBe(2);
  });

  it('keeps keys apart and starts afresh once a key is idle', async () => {
    // Arrange
    const coalescer = createCoalescer<string>();
    let runs = 0;
    const task = (value: string) => async () => {
      runs++;
      return value;
    };

    // Act
    const [a, b] = await Promise.all([
      coalescer.run('a', task('a')),
      coalescer.run('b', task('b')),
    ]);
    const again = await coalescer.run('a', task('a2'));

    // Assert
    expect([a, b, again]).toEqual(['a', 'b', 'a2']);
    expect(runs).toBe(3);
  });

  it('starts the follow-up even when the current run fails', async () => {
    // Arrange
    const coalescer = createCoalescer<string>();
    const failing = coalescer.run('env', async () => {
      throw new Error('boom');
    });

    // Act
    const next = coalescer.run('env', async () => 'ok');

    // Assert
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
