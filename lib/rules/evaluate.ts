import type { PlannedAction } from '../actions/plan.js';
import { RuleError } from '../errors.js';
import type { BatchEvent } from '../ingest/event.js';
import { type CompiledRule, type CompiledRules, RULES_STATE, type RulesState } from './compiled.js';

export interface RuleMiss {
  readonly rule: string;
  readonly reason: string;
}

export interface Evaluation {
  /** In rule order, then action order. */
  readonly actions: readonly PlannedAction[];
  /** Matched rules whose plan could not be made for this event; the others still planned. */
  readonly errors: readonly RuleError[];
  /** Only with `explain: true`: why each other rule did not match. */
  readonly misses?: readonly RuleMiss[];
}

export interface EvaluateOptions {
  readonly explain?: boolean;
}

const NONE: readonly never[] = Object.freeze([]);
const NO_MATCH: Evaluation = Object.freeze({ actions: NONE, errors: NONE });
// Unknown names come from outside; bound the cache so a flood of odd names cannot grow it.
const UNKNOWN_CACHE_SIZE = 256;

const candidatesFor = (state: RulesState, name: string): readonly number[] => {
  const known = state.byName.get(name) ?? state.unknownNames.get(name);
  if (known !== undefined) return known;
  const matching = state.rules.flatMap((rule, i) => (rule.on.matches(name) ? [i] : []));
  if (state.unknownNames.size >= UNKNOWN_CACHE_SIZE) {
    const oldest = state.unknownNames.keys().next();
    if (oldest.done !== true) state.unknownNames.delete(oldest.value);
  }
  state.unknownNames.set(name, matching);
  return matching;
};

const failure = (rule: CompiledRule, stage: string, cause: unknown): RuleError =>
  new RuleError('RULE_PLAN', rule.name, `rule '${rule.name}': ${stage} failed unexpectedly`, {
    cause,
  });

/** True, false, or the error a broken condition raised (never for a well-formed event). */
const holds = (rule: CompiledRule, event: BatchEvent): boolean | RuleError => {
  try {
    return rule.conditions.test(event);
  } catch (e) {
    return failure(rule, 'if', e);
  }
};

const planRule = (
  rule: CompiledRule,
  event: BatchEvent,
  actions: PlannedAction[],
  errors: RuleError[],
): void => {
  for (const planner of rule.planners) {
    try {
      const result = planner(event);
      if (result instanceof RuleError) errors.push(result);
      else actions.push(result);
    } catch (e) {
      errors.push(failure(rule, 'planning', e));
    }
  }
};

const eventName = (event: BatchEvent): string =>
  typeof event.name === 'string' ? event.name : String(event.name);

const evaluateFast = (state: RulesState, event: BatchEvent): Evaluation => {
  const candidates = candidatesFor(state, eventName(event));
  let actions: PlannedAction[] | undefined;
  let errors: RuleError[] | undefined;
  for (let c = 0; c < candidates.length; c++) {
    const rule = state.rules[candidates[c] as number] as CompiledRule;
    const verdict = holds(rule, event);
    if (verdict === false) continue;
    actions ??= [];
    errors ??= [];
    if (verdict === true) planRule(rule, event, actions, errors);
    else errors.push(verdict);
  }
  if (actions === undefined || errors === undefined) return NO_MATCH;
  return { actions, errors: errors.length === 0 ? NONE : errors };
};

const evaluateExplained = (state: RulesState, event: BatchEvent): Evaluation => {
  const name = eventName(event);
  const actions: PlannedAction[] = [];
  const errors: RuleError[] = [];
  const misses: RuleMiss[] = [];
  for (const rule of state.rules) {
    if (!rule.on.matches(name)) {
      misses.push({ rule: rule.name, reason: `on: ${rule.on.describeMiss(name)}` });
      continue;
    }
    const verdict = holds(rule, event);
    if (verdict === false)
      misses.push({ rule: rule.name, reason: `if: ${rule.conditions.explain(event)}` });
    else if (verdict === true) planRule(rule, event, actions, errors);
    else errors.push(verdict);
  }
  return { actions, errors, misses };
};

/**
 * Matches one event against the compiled rules and plans what they ask for. Pure: no I/O, no
 * clock. Never throws: a rule that cannot plan for this event becomes an entry of `errors`.
 */
export const evaluateRules = (
  rules: CompiledRules,
  event: BatchEvent,
  options?: EvaluateOptions,
): Evaluation => {
  const state = rules[RULES_STATE];
  return options?.explain === true ? evaluateExplained(state, event) : evaluateFast(state, event);
};
