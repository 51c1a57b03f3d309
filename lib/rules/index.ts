export { compileRules } from './compile.js';
export type { CompiledRules } from './compiled.js';
export { type EvaluateOptions, type Evaluation, evaluateRules, type RuleMiss } from './evaluate.js';
