import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../lib/errors.js';
import { compileRules, evaluateRules } from '../../../lib/rules/index.js';
import { configWith } from './helpers.js';
import { makeEvent, makeNodeEvent } from './make-event.js';

const alert = (template: string) => ({ alert: { channel: 'oncall', template } });

describe('evaluateRules', () => {
  it('plans in rule order, then action order', () => {
    // Arrange
    const rules = compileRules(
      configWith([
        { name: 'first', on: 'JOB_*', do: [alert('1a'), alert('1b')] },
        { name: 'skipped', on: 'TASK_*', do: [alert('x')] },
        { name: 'second', on: 'JOB_FAILED', do: [alert('2a')] },
      ]),
    );
    // Act
    const { actions, errors } = evaluateRules(rules, makeEvent());
    // Assert
    expect(actions.map((a) => [a.rule, a.action === 'alert' ? a.plan.text : ''])).toEqual([
      ['first', '1a'],
      ['first', '1b'],
      ['second', '2a'],
    ]);
    expect(errors).toEqual([]);
  });

  it('returns empty lists and no misses when nothing matches and explain is off', () => {
    // Arrange
    const rules = compileRules(configWith([{ name: 'r', on: 'JOB_SUCCEED', do: [alert('x')] }]));
    // Act
    const result = evaluateRules(rules, makeEvent({ name: 'TASK_RUNNING' }));
    // Assert
    expect(result).toEqual({ actions: [], errors: [] });
    expect('misses' in result).toBe(false);
  });

  it('explains why each rule missed', () => {
    // Arrange
    const rules = compileRules(
      configWith([
        { name: 'on-miss', on: 'JOB_SUCCEED', do: [alert('x')] },
        { name: 'prefix', on: '*', if: { jobName: { prefix: 'render-' } }, do: [alert('x')] },
        { name: 'absent', on: '*', if: { 'vars.pipeline': 'films' }, do: [alert('x')] },
        { name: 'glob-miss', on: ['JOB_*', 'COMPUTE_*'], do: [alert('x')] },
        { name: 'not', on: '*', if: { jobName: { not: { suffix: '-1' } } }, do: [alert('x')] },
        {
          name: 'any',
          on: '*',
          if: { anyOf: [{ exitCode: { gt: 1 } }, { jobId: 'j' }] },
          do: [alert('x')],
        },
        { name: 'hit', on: 'TASK_RUNNING', do: [alert('x')] },
      ]),
    );
    // Act
    const result = evaluateRules(rules, makeEvent({ name: 'TASK_RUNNING', jobName: 'encode-1' }), {
      explain: true,
    });
    // Assert
    expect(result.actions.map((a) => a.rule)).toEqual(['hit']);
    expect(result.misses).toEqual([
      { rule: 'on-miss', reason: 'on: TASK_RUNNING is not JOB_SUCCEED' },
      { rule: 'prefix', reason: "if: jobName 'encode-1' does not start with 'render-'" },
      { rule: 'absent', reason: 'if: vars.pipeline is absent' },
      { rule: 'glob-miss', reason: 'on: TASK_RUNNING does not match JOB_* or COMPUTE_*' },
      { rule: 'not', reason: "if: jobName 'encode-1' ends with '-1', which `not` excludes" },
      {
        rule: 'any',
        reason: "if: anyOf: none holds (exitCode is absent; jobId 'job-4yn0we13' is not 'j')",
      },
    ]);
  });

  it('reports a rule that cannot plan and still plans the others', () => {
    // Arrange
    const rules = compileRules(
      configWith([
        { name: 'kill', on: 'JOB_FAILED', do: [{ terminateNode: {} }, alert('same rule')] },
        { name: 'page', on: 'JOB_FAILED', do: [alert('other rule')] },
      ]),
    );
    // Act
    const { actions, errors } = evaluateRules(rules, makeEvent());
    // Assert
    expect(actions.map((a) => a.rule)).toEqual(['kill', 'page']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(RuleError);
    expect(errors[0]?.code).toBe('RULE_PLAN');
    expect(errors[0]?.rule).toBe('kill');
    expect(errors[0]?.message).toContain('event has no computeNodeId');
  });

  it('gives the same answer twice for the same event (pure)', () => {
    // Arrange
    const rules = compileRules(
      configWith([
        {
          name: 'n',
          on: 'COMPUTE_NODE_*',
          do: [alert('{{ computeNodeId }}'), { terminateNode: {} }],
        },
      ]),
    );
    const event = makeNodeEvent();
    // Act
    const first = evaluateRules(rules, event);
    const second = evaluateRules(rules, event);
    // Assert
    expect(second).toEqual(first);
    expect(first.actions).toHaveLength(2);
  });
});
