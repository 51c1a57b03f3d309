import { describe, expect, it } from 'vitest';
import { compileRules, evaluateRules } from '../../../lib/rules/index.js';
import { alertIf, holdsFor, patchRule } from './helpers.js';
import { makeEvent } from './make-event.js';

const event = makeEvent({
  name: 'TASK_INSTANCE_FAILED',
  exitCode: 137,
  taskInstanceIndex: 3,
  vars: { pipeline: 'films', retries: '3', flag: 'true', word: 'abc' },
  batch: { Cpu: 4, Nested: { Deep: 'yes' }, Tasks: [{ Name: 'first' }], Nothing: null },
});

describe('conditions', () => {
  it.each([
    ['equal strings', { jobName: 'render-42' }, true],
    ['different strings', { jobName: 'render-43' }, false],
    ['a number against a numeric event string', { 'vars.retries': 3 }, true],
    ['a string against a numeric event field', { exitCode: '137' }, true],
    ['a decimal string against a number', { exitCode: '137.0' }, true],
    ['a number against a non-numeric string', { 'vars.word': 3 }, false],
    ['a boolean against "true"', { 'vars.flag': true }, true],
    ['a boolean against a different word', { 'vars.flag': false }, false],
    ['null against an absent field', { stateReason: null }, true],
    ['null against a present field', { jobName: null }, false],
    ['a value against an absent field', { stateReason: 'OOM' }, false],
  ])('bare value: %s', (_case, conditions, expected) => {
    // Arrange / Act / Assert
    expect(holdsFor(conditions, event)).toBe(expected);
  });

  it.each([
    ['in: a listed value', { jobState: { in: ['SUCCEED', 'FAILED'] } }, true],
    ['in: no listed value', { jobState: { in: ['RUNNING'] } }, false],
    ['in: a number coerced', { exitCode: { in: ['137', 143] } }, true],
    ['in: null for absent', { stateReason: { in: [null, 'x'] } }, true],
    ['prefix: holds', { jobName: { prefix: 'render-' } }, true],
    ['prefix: fails', { jobName: { prefix: 'encode-' } }, false],
    ['prefix: on a number', { exitCode: { prefix: '13' } }, true],
    ['prefix: absent field', { stateReason: { prefix: '' } }, false],
    ['suffix: holds', { jobName: { suffix: '-42' } }, true],
    ['suffix: fails', { jobName: { suffix: '-43' } }, false],
    ['glob: star', { jobName: { glob: 'render-*' } }, true],
    ['glob: one ? for two characters', { jobName: { glob: 'render-?' } }, false],
    ['glob: two ?', { jobName: { glob: 'render-??' } }, true],
    ['glob: regex characters are literal', { jobName: { glob: 'render.42' } }, false],
    ['glob: absent field', { stateReason: { glob: '*' } }, false],
    ['regex: holds', { jobName: { regex: '^render-\\d+$' } }, true],
    ['regex: fails', { jobName: { regex: '^encode' } }, false],
    ['regex: absent field', { stateReason: { regex: '.*' } }, false],
    ['exists true: present', { jobId: { exists: true } }, true],
    ['exists true: absent', { stateReason: { exists: true } }, false],
    ['exists true: null in the batch object', { 'batch.Nothing': { exists: true } }, false],
    ['exists false: absent', { stateReason: { exists: false } }, true],
    ['exists false: present', { jobId: { exists: false } }, false],
  ])('operator %s', (_case, conditions, expected) => {
    // Arrange / Act / Assert
    expect(holdsFor(conditions, event)).toBe(expected);
  });

  it.each([
    ['gt below', { exitCode: { gt: 100 } }, true],
    ['gt equal', { exitCode: { gt: 137 } }, false],
    ['gte equal', { exitCode: { gte: 137 } }, true],
    ['gte above', { exitCode: { gte: 138 } }, false],
    ['lt above', { exitCode: { lt: 138 } }, true],
    ['lt equal', { exitCode: { lt: 137 } }, false],
    ['lte equal', { exitCode: { lte: 137 } }, true],
    ['lte below', { exitCode: { lte: 136 } }, false],
    ['a numeric string', { 'vars.retries': { gt: 2 } }, true],
    ['a non-numeric string', { 'vars.word': { gt: 0 } }, false],
    ['an absent field', { stateReason: { lt: 1 } }, false],
    ['a boolean', { 'batch.Flag': { gte: 0 } }, false],
  ])('comparison: %s', (_case, conditions, expected) => {
    // Arrange / Act / Assert
    expect(holdsFor(conditions, event)).toBe(expected);
  });

  it('never holds a comparison for NaN', () => {
    // Arrange
    const nan = makeEvent({ exitCode: Number.NaN });
    // Act / Assert
    expect(holdsFor({ exitCode: { gt: -1 } }, nan)).toBe(false);
    expect(holdsFor({ exitCode: { lte: 0 } }, nan)).toBe(false);
  });

  it.each([
    ['negates a holding operator', { jobName: { not: { prefix: 'render-' } } }, false],
    ['negates a failing operator', { jobName: { not: { prefix: 'encode-' } } }, true],
    [
      'holds on an absent field when the inner test fails',
      { stateReason: { not: { exists: true } } },
      true,
    ],
    ['nests', { jobName: { not: { not: { suffix: '42' } } } }, true],
    [
      'all operators of one object must hold',
      { jobName: { prefix: 'render-', suffix: '-42' } },
      true,
    ],
    [
      'one failing operator fails the object',
      { jobName: { prefix: 'render-', suffix: '-1' } },
      false,
    ],
    ['every field must hold', { jobName: 'render-42', exitCode: 1 }, false],
  ])('combination: %s', (_case, conditions, expected) => {
    // Arrange / Act / Assert
    expect(holdsFor(conditions, event)).toBe(expected);
  });

  it.each([
    [
      'anyOf: one alternative holds',
      { anyOf: [{ jobName: 'x' }, { 'vars.pipeline': 'films' }] },
      true,
    ],
    ['anyOf: none holds', { anyOf: [{ jobName: 'x' }, { 'vars.pipeline': 'ads' }] }, false],
    ['anyOf: a failing field beside it', { exitCode: 1, anyOf: [{ jobName: 'render-42' }] }, false],
    ['anyOf: nested', { anyOf: [{ anyOf: [{ exitCode: 137 }] }] }, true],
  ])('%s', (_case, conditions, expected) => {
    // Arrange / Act / Assert
    expect(holdsFor(conditions, event)).toBe(expected);
  });

  it.each([
    ['vars.NAME', { 'vars.pipeline': 'films' }, true],
    ['batch.Field', { 'batch.Cpu': { gte: 4 } }, true],
    ['batch.Path.To.Field', { 'batch.Nested.Deep': 'yes' }, true],
    ['an array index in batch', { 'batch.Tasks.0.Name': 'first' }, true],
    ['a missing batch path', { 'batch.Nested.Missing.Deeper': { exists: true } }, false],
    ['an inherited member of vars', { 'vars.toString': { exists: true } }, false],
    ['vars.constructor', { 'vars.constructor': { exists: true } }, false],
    ['batch.__proto__', { 'batch.__proto__': { exists: true } }, false],
    [
      'a prototype segment deeper in batch',
      { 'batch.Nested.constructor': { exists: true } },
      false,
    ],
  ])('dotted field %s', (_case, conditions, expected) => {
    // Arrange / Act / Assert
    expect(holdsFor(conditions, event)).toBe(expected);
  });

  it('reads source fields (set past the schema, which does not list them yet)', () => {
    // Arrange
    const config = (ifs: unknown) =>
      patchRule(alertIf({ jobId: { exists: true } }), 0, { if: ifs });
    const holding = compileRules(config({ 'source.messageId': 'msg-1' }));
    const failing = compileRules(config({ 'source.messageId': 'msg-2' }));
    // Act / Assert
    expect(evaluateRules(holding, event).actions).toHaveLength(1);
    expect(evaluateRules(failing, event).actions).toHaveLength(0);
  });
});
