import { compileAction } from '../actions/compile-action.js';
import type { BridgeConfig, Rule } from '../config/schema.js';
import { EVENT_NAMES } from '../ingest/event.js';
import { type CompiledRule, type CompiledRules, RULES_STATE } from './compiled.js';
import { ALWAYS, compileConditions } from './conditions.js';
import { compileOn, type OnMatcher } from './on-patterns.js';

const NODE_EVENT_PREFIX = 'COMPUTE_NODE_';

// terminateNode plans fail for events without a node; say so once, at load, not per event.
const terminateWarning = (rule: Rule, on: OnMatcher): string[] => {
  if (!rule.do.some((action) => 'terminateNode' in action)) return [];
  const others = EVENT_NAMES.filter((n) => !n.startsWith(NODE_EVENT_PREFIX) && on.matches(n));
  if (others.length === 0) return [];
  return [
    `rule '${rule.name}': terminateNode needs a compute node event, but \`on\` also matches ` +
      `${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}`,
  ];
};

const compileRule = (
  rule: Rule,
  i: number,
  config: BridgeConfig,
): { compiled: CompiledRule; warnings: string[] } => {
  const path = `rules[${i}]`;
  const on = compileOn(rule.on, `${path}.on`, rule.name);
  const conditions = rule.if === undefined ? ALWAYS : compileConditions(rule.if, `${path}.if`);
  const actions = rule.do.map((action, j) =>
    compileAction(action, { rule: rule.name, path: `${path}.do[${j}]`, config }),
  );
  const warnings = [
    ...on.warnings,
    ...terminateWarning(rule, on.matcher),
    ...actions.flatMap((a) => a.warnings),
  ];
  const planners = actions.map((a) => a.plan);
  return { compiled: { name: rule.name, on: on.matcher, conditions, planners }, warnings };
};

/**
 * Compiles bridge.yml's rules once per cold start: patterns, conditions and templates are
 * parsed here so evaluateRules only runs closures. Throws ConfigError (CONFIG_INVALID) with
 * the path of the first problem.
 */
export const compileRules = (config: BridgeConfig): CompiledRules => {
  const results = config.rules.map((rule, i) => compileRule(rule, i, config));
  const rules = results.map((r) => r.compiled);
  const byName = new Map<string, readonly number[]>();
  for (const name of EVENT_NAMES) {
    byName.set(
      name,
      rules.flatMap((rule, i) => (rule.on.matches(name) ? [i] : [])),
    );
  }
  return Object.freeze({
    warnings: Object.freeze(results.flatMap((r) => r.warnings)),
    ruleNames: Object.freeze(rules.map((r) => r.name)),
    [RULES_STATE]: { rules, byName, unknownNames: new Map() },
  });
};
