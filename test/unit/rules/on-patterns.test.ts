import { describe, expect, it } from 'vitest';
import { compileRules, evaluateRules } from '../../../lib/rules/index.js';
import { configWith } from './helpers.js';
import { makeEvent } from './make-event.js';

const alertOn = (on: unknown, name = 'r') => ({ name, on, do: [{ alert: { channel: 'oncall' } }] });

const matched = (on: unknown, eventName: string): boolean =>
  evaluateRules(compileRules(configWith([alertOn(on)])), makeEvent({ name: eventName })).actions
    .length === 1;

describe('compileRules › on', () => {
  it.each([
    ['an exact name', 'JOB_FAILED', 'JOB_FAILED', true],
    ['another exact name', 'JOB_FAILED', 'JOB_FAILED_INTERRUPTED', false],
    ['a CamelCase name', 'JobFailed', 'JOB_FAILED', true],
    ['CamelCase SUCCEEDED', 'JobSucceeded', 'JOB_SUCCEED', true],
    [
      'a multi-word CamelCase name',
      'ComputeNodeCreationFailed',
      'COMPUTE_NODE_CREATION_FAILED',
      true,
    ],
    ['lower snake case', 'task_instance_failed', 'TASK_INSTANCE_FAILED', true],
    ['a trailing glob', 'JOB_*', 'JOB_FAILED', true],
    ['a trailing glob, other family', 'JOB_*', 'TASK_FAILED', false],
    ['a glob on both sides', '*_FAILED*', 'TASK_INSTANCE_FAILED_INTERRUPTED', true],
    ['a glob on both sides, no match', '*_FAILED*', 'TASK_SUCCEED', false],
    ['a ? glob', 'TASK_?', 'TASK_X', true],
    ['? is exactly one character', '?', 'JOB_FAILED', false],
    ['a list, second entry', ['JOB_SUCCEED', 'TASK_*'], 'TASK_RUNNING', true],
    ['a list, no entry', ['JOB_SUCCEED', 'TASK_*'], 'COMPUTE_ENV_CREATED', false],
    ['an unknown name, exactly', 'JOB_PAUSED', 'JOB_PAUSED', true],
    ['an unknown name, by glob', 'JOB_*', 'JOB_PAUSED', true],
    ['an unknown name, not matched', 'JOB_SUCCEED', 'JOB_PAUSED', false],
  ])('matches %s', (_case, on, eventName, expected) => {
    // Arrange / Act / Assert
    expect(matched(on, eventName)).toBe(expected);
  });

  it('keeps matching unknown names correctly past the cache bound', () => {
    // Arrange
    const rules = compileRules(configWith([alertOn('X_*')]));
    const names = Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? `X_${i}` : `Y_${i}`));
    // Act
    const first = names.map((n) => evaluateRules(rules, makeEvent({ name: n })).actions.length);
    const again = names.map((n) => evaluateRules(rules, makeEvent({ name: n })).actions.length);
    // Assert
    expect(first).toEqual(names.map((_, i) => (i % 2 === 0 ? 1 : 0)));
    expect(again).toEqual(first);
  });
});

describe('compileRules › warnings', () => {
  it('warns about an `on` that matches none of the known names', () => {
    // Arrange
    const config = configWith([alertOn('JOB_FIALED', 'typo')]);
    // Act
    const { warnings } = compileRules(config);
    // Assert
    expect(warnings).toEqual([
      "rule 'typo': `on` 'JOB_FIALED' matches none of the 19 known event names",
    ]);
  });

  it('warns about each dead entry of a list, and not about the live ones', () => {
    // Arrange
    const config = configWith([alertOn(['JOB_FAILED', 'NODE_*', 'JobFailedd'], 'mixed')]);
    // Act
    const { warnings } = compileRules(config);
    // Assert
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("'NODE_*'");
    expect(warnings[1]).toContain("'JobFailedd'");
  });

  it('warns when terminateNode listens to events without a node', () => {
    // Arrange
    const config = configWith([{ name: 'kill', on: 'JOB_*', do: [{ terminateNode: {} }] }]);
    // Act
    const { warnings } = compileRules(config);
    // Assert
    expect(warnings).toEqual([
      "rule 'kill': terminateNode needs a compute node event, but `on` also matches " +
        'JOB_RUNNING, JOB_SUCCEED, JOB_FAILED, …',
    ]);
  });

  it('gives no warnings for a sound config', () => {
    // Arrange
    const config = configWith([
      alertOn(['JOB_FAILED', 'TASK_*']),
      { name: 'kill', on: 'COMPUTE_NODE_ABNORMAL', do: [{ terminateNode: {} }] },
    ]);
    // Act / Assert
    expect(compileRules(config).warnings).toEqual([]);
  });
});
