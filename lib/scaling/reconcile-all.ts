import type { BridgeConfig } from '../config/schema.js';
import type { Logger } from '../logger.js';
import { reconcileEnv } from './reconcile.js';
import type { ReconcileInput, ReconcileResult, ScalingDeps } from './types.js';

/** The timer's use case: every env a rule scales, reconciled once, one after the other
 *  (the Describe actions allow 2-3 requests a second per account and region). */

export interface ScaleTarget extends ReconcileInput {
  readonly rule: string;
}

const isTemplated = (envId: string): boolean => envId.includes('{{');

/** One target per region and env; the first rule naming an env sets its policy. */
export const scaleTargets = (config: BridgeConfig, logger: Logger): ScaleTarget[] => {
  const targets = new Map<string, ScaleTarget>();
  for (const rule of config.rules) {
    for (const action of rule.do) {
      if (!('scaleEnv' in action)) continue;
      const { envId, region, min, max, scaleDownAfter, tasksPerNode } = action.scaleEnv;
      if (isTemplated(envId)) {
        logger.info('scaling.skip-templated', { rule: rule.name, envId });
        continue;
      }
      const target: ScaleTarget = {
        rule: rule.name,
        envId,
        region: region ?? config.region,
        policy: { min, max, scaleDownAfterMs: scaleDownAfter, tasksPerNode },
      };
      const key = `${target.region}/${envId}`;
      const first = targets.get(key);
      if (first === undefined) targets.set(key, target);
      else if (JSON.stringify(first.policy) !== JSON.stringify(target.policy)) {
        logger.warn('scaling.policy-conflict', { envId, used: first.rule, ignored: rule.name });
      }
    }
  }
  return [...targets.values()];
};

export const reconcileAll = async (
  config: BridgeConfig,
  deps: ScalingDeps,
): Promise<ReconcileResult[]> => {
  const results: ReconcileResult[] = [];
  for (const { envId, region, policy } of scaleTargets(config, deps.logger)) {
    results.push(await reconcileEnv({ envId, region, policy }, deps));
  }
  return results;
};
