import { describe, expect, it } from 'vitest';
import { BridgeConfigSchema } from '../../../lib/config/schema.js';
import type { LogFields } from '../../../lib/logger.js';
import { silentLogger } from '../../../lib/logger.js';
import { scaleTargets } from '../../../lib/scaling/index.js';

describe('scaleTargets', () => {
  it('lists each literal env once per region, with the first policy, and warns on conflicts', () => {
    // Arrange
    const config = BridgeConfigSchema.parse({
      version: 1,
      region: 'ap-guangzhou',
      rules: [
        {
          name: 'a',
          on: 'JOB_*',
          do: [{ scaleEnv: { envId: 'env-a', max: 5, scaleDownAfter: '1m' } }],
        },
        { name: 'b', on: 'JOB_*', do: [{ scaleEnv: { envId: 'env-a', max: 9 } }] },
        {
          name: 'c',
          on: 'JOB_*',
          do: [{ scaleEnv: { envId: 'env-a', max: 5, region: 'ap-shanghai' } }],
        },
        { name: 'd', on: 'JOB_*', do: [{ scaleEnv: { envId: '{{ envId }}', max: 5 } }] },
      ],
    });
    const warnings: Array<LogFields | undefined> = [];
    const logger = { ...silentLogger, warn: (_m: string, f?: LogFields) => warnings.push(f) };

    // Act
    const targets = scaleTargets(config, logger);

    // Assert
    expect(targets).toEqual([
      {
        rule: 'a',
        envId: 'env-a',
        region: 'ap-guangzhou',
        policy: { min: 0, max: 5, scaleDownAfterMs: 60_000, tasksPerNode: 1 },
      },
      {
        rule: 'c',
        envId: 'env-a',
        region: 'ap-shanghai',
        policy: { min: 0, max: 5, scaleDownAfterMs: 600_000, tasksPerNode: 1 },
      },
    ]);
    expect(warnings).toEqual([{ envId: 'env-a', used: 'a', ignored: 'b' }]);
  });
});
