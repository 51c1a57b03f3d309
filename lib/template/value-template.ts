import type { BatchEvent } from '../ingest/event.js';
import { compileTemplate } from './template.js';

/** Renders a JSON-like value into a fresh copy: containers are never shared with the config. */
export type ValueRenderer = (event: BatchEvent) => unknown;

const setOwn = (target: Record<string, unknown>, key: string, value: unknown): void => {
  // A plain assignment to `__proto__` would replace the prototype instead of adding data.
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
};

const compileObject = (value: object, path: string): ValueRenderer => {
  const entries = Object.keys(value).map(
    (key) =>
      [
        key,
        compileValueTemplate((value as Record<string, unknown>)[key], `${path}.${key}`),
      ] as const,
  );
  return (event) => {
    const out: Record<string, unknown> = {};
    for (const [key, render] of entries) setOwn(out, key, render(event));
    return out;
  };
};

/**
 * Every string anywhere in `value` is a template (DESIGN 3.2); keys are not. Throws
 * ConfigError with the path of the offending string, e.g. `…job.Tasks[0].Application.Command`.
 */
export const compileValueTemplate = (value: unknown, path: string): ValueRenderer => {
  if (typeof value === 'string') {
    const template = compileTemplate(value, path);
    return template.isConstant ? () => value : template.render;
  }
  if (Array.isArray(value)) {
    const items = value.map((item: unknown, i) => compileValueTemplate(item, `${path}[${i}]`));
    return (event) => items.map((render) => render(event));
  }
  if (value !== null && typeof value === 'object') return compileObject(value, path);
  return () => value;
};
