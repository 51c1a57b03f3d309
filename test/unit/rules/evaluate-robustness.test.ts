import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../../lib/ingest/event.js';
import { compileRules, evaluateRules } from '../../../lib/rules/index.js';
import { configWith } from './helpers.js';
import { makeEvent } from './make-event.js';

const alert = (template: string) => ({ alert: { channel: 'oncall', template } });

describe('evaluateRules › robustness', () => {
  it('never throws, whatever the event holds', () => {
    // Arrange
    const rules = compileRules(
      configWith(
        [
          {
            name: 'all',
            on: '*',
            if: { 'batch.A.B': { exists: true }, 'vars.x': { not: 'y' } },
            do: [alert('{{ batch.A }} {{ vars.x }}')],
          },
          {
            name: 'num',
            on: ['JOB_*', 'X*'],
            if: { exitCode: { gte: 0 } },
            do: [{ terminateNode: {} }],
          },
          { name: 'env', on: '*', do: [{ scaleEnv: { envId: '{{ envId }}', max: 3 } }] },
          {
            name: 'chain',
            on: '*',
            do: [
              {
                submitJob: {
                  job: { Tasks: [{ TaskName: '{{ vars.t }}' }] },
                  placement: { Zone: 'z' },
                  vars: { up: '{{ id }}' },
                },
              },
            ],
          },
        ],
        { topic: 'batch-events' },
      ),
    );
    const anyEvent = fc.record({
      id: fc.oneof(fc.string(), fc.constant(undefined)),
      name: fc.oneof(fc.constantFrom('JOB_FAILED', 'X', '__proto__', 'constructor'), fc.string()),
      vars: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.constant(null)),
      batch: fc.oneof(fc.object(), fc.constant(null), fc.anything()),
      exitCode: fc.anything(),
      envId: fc.anything(),
      computeNodeId: fc.anything(),
      source: fc.anything(),
    });
    // Act / Assert
    fc.assert(
      fc.property(anyEvent, (event) => {
        const result = evaluateRules(rules, event as unknown as BatchEvent, {
          explain: event.id === undefined,
        });
        expect(result.actions.length + result.errors.length).toBeGreaterThanOrEqual(1);
        // Only the planned refusals, never a crash caught by the safety net.
        expect(result.errors.filter((e) => e.message.includes('unexpectedly'))).toEqual([]);
      }),
    );
  });

  it('turns a hostile event object into errors for the rules it breaks, and plans the rest', () => {
    // Arrange: a Proxy whose every trap throws, where plain data was expected.
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
      },
    );
    const rules = compileRules(
      configWith([
        { name: 'reads-vars', on: '*', if: { 'vars.x': 'y' }, do: [alert('x')] },
        { name: 'renders-batch', on: '*', do: [alert('{{ batch.A }}')] },
        { name: 'plain', on: '*', do: [alert('ok')] },
      ]),
    );
    const event = makeEvent({ vars: hostile as Record<string, string>, batch: hostile });
    // Act
    const fast = evaluateRules(rules, event);
    const explained = evaluateRules(rules, event, { explain: true });
    // Assert
    for (const result of [fast, explained]) {
      expect(result.actions.map((a) => a.rule)).toEqual(['plain']);
      expect(result.errors.map((e) => [e.rule, e.code, e.message])).toEqual([
        ['reads-vars', 'RULE_PLAN', "rule 'reads-vars': if failed unexpectedly"],
        ['renders-batch', 'RULE_PLAN', "rule 'renders-batch': planning failed unexpectedly"],
      ]);
    }
  });
});
