import { describe, expect, it } from 'vitest';
import { createJobTaskCache } from '../../../lib/scaling/index.js';

const tasks = [{ taskName: 'render', envId: 'env-a', instanceNum: 2 }];

describe('createJobTaskCache', () => {
  it('forgets the least recently used job beyond its bound', () => {
    // Arrange
    const cache = createJobTaskCache(2);
    cache.set('r/job-1', tasks);
    cache.set('r/job-2', tasks);
    cache.get('r/job-1');

    // Act
    cache.set('r/job-3', tasks);

    // Assert
    expect(cache.size).toBe(2);
    expect(cache.get('r/job-2')).toBeUndefined();
    expect(cache.get('r/job-1')).toBe(tasks);
    expect(cache.get('r/job-3')).toBe(tasks);
  });
});
