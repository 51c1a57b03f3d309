import type { BridgeConfig } from '../config/schema.js';
import { RuleError } from '../errors.js';
import type { BatchEvent } from '../ingest/event.js';
import type { PlannedAction } from './plan.js';

/** A plan, or why this event cannot have one. Returned, not thrown: the hot path stays cheap. */
export type PlanResult = PlannedAction | RuleError;

export type ActionPlanner = (event: BatchEvent) => PlanResult;

export interface CompiledAction {
  readonly plan: ActionPlanner;
  readonly warnings: readonly string[];
}

export interface PlannerContext {
  readonly rule: string;
  /** Where the action sits in bridge.yml: `rules[2].do[0]`. */
  readonly path: string;
  /** How errors name the action: `do[0].submitJob`. */
  readonly label: string;
  readonly config: BridgeConfig;
}

export const planError = (context: PlannerContext, message: string): RuleError =>
  new RuleError('RULE_PLAN', context.rule, `rule '${context.rule}' ${context.label}: ${message}`);

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The action's own region, else the event's, else the config's default. */
export const regionFor = (
  actionRegion: string | undefined,
  event: BatchEvent,
  config: BridgeConfig,
): string => actionRegion ?? (nonEmpty(event.region) ? event.region : config.region);

export const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
};
