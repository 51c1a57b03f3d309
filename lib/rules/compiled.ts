import type { ActionPlanner } from '../actions/planner.js';
import type { CompiledConditions } from './conditions.js';
import type { OnMatcher } from './on-patterns.js';

/** One rule, ready for the hot path. */
export interface CompiledRule {
  readonly name: string;
  readonly on: OnMatcher;
  readonly conditions: CompiledConditions;
  readonly planners: readonly ActionPlanner[];
}

export interface RulesState {
  readonly rules: readonly CompiledRule[];
  /** Known event name -> indexes of the rules whose `on` matches it, in rule order. */
  readonly byName: ReadonlyMap<string, readonly number[]>;
  /** The same for names outside the 19, filled on first sight and bounded. */
  readonly unknownNames: Map<string, readonly number[]>;
}

// Module-private key: callers can hold CompiledRules but only evaluateRules reads inside.
export const RULES_STATE: unique symbol = Symbol('batch-bridge.rules-state');

export interface CompiledRules {
  /** Things that are legal but probably wrong, e.g. an `on` that matches no known event. */
  readonly warnings: readonly string[];
  readonly ruleNames: readonly string[];
  readonly [RULES_STATE]: RulesState;
}
