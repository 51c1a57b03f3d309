export { configErrorAt } from './config-error.js';
export { type CompiledField, compileField, type FieldGetter, ownValue } from './fields.js';
export { compileTemplate, stringifyValue, type Template } from './template.js';
export { compileValueTemplate, type ValueRenderer } from './value-template.js';
