import { describe, expect, it } from 'vitest';
import { MASK, maskSecrets } from '../../../lib/observe/index.js';

describe('maskSecrets', () => {
  it('masks keys named like secrets and EnvVars whose name looks secret, keeps the rest', () => {
    // Arrange
    const job = {
      JobName: 'encode',
      Authentications: [{ Scene: 'COS', SecretId: 'AKIDxxxx', SecretKey: 'k-very-secret' }],
      Tasks: [
        {
          EnvVars: [
            { Name: 'DB_PASSWORD', Value: 'hunter2' },
            { Name: 'MODE', Value: 'fast' },
          ],
          Application: { Command: 'echo hi' },
        },
      ],
      apiToken: 't-123',
      ClientToken: 'bb-1234',
      dedupKey: 'alert-abc',
    };
    const before = JSON.stringify(job);

    // Act
    const masked = maskSecrets(job);

    // Assert
    expect(masked).toEqual({
      JobName: 'encode',
      Authentications: [{ Scene: 'COS', SecretId: MASK, SecretKey: MASK }],
      Tasks: [
        {
          EnvVars: [
            { Name: 'DB_PASSWORD', Value: MASK },
            { Name: 'MODE', Value: 'fast' },
          ],
          Application: { Command: 'echo hi' },
        },
      ],
      apiToken: MASK,
      ClientToken: 'bb-1234',
      dedupKey: 'alert-abc',
    });
    expect(JSON.stringify(job)).toBe(before);
    expect(JSON.stringify(masked)).not.toMatch(/hunter2|k-very-secret|AKIDxxxx|t-123/);
  });

  it('passes primitives and nulls through', () => {
    // Arrange
    const values = [1, 'a', null, undefined, true];

    // Act
    const masked = values.map(maskSecrets);

    // Assert
    expect(masked).toEqual(values);
  });
});
