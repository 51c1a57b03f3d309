import { describe, expect, it } from 'vitest';
import { clientTokenFor } from '../../../lib/actions/index.js';

describe('clientTokenFor', () => {
  it('gives the same token for the same rule and event', () => {
    // Arrange / Act / Assert
    expect(clientTokenFor('encode-after-render', 'evt-1')).toBe(
      clientTokenFor('encode-after-render', 'evt-1'),
    );
  });

  it.each([
    ['another event', ['encode', 'evt-1'], ['encode', 'evt-2']],
    ['another rule', ['encode', 'evt-1'], ['render', 'evt-1']],
    ['the same characters split differently', ['ab', 'c'], ['a', 'bc']],
  ])('gives a different token for %s', (_case, [ruleA, eventA], [ruleB, eventB]) => {
    // Arrange / Act / Assert
    expect(clientTokenFor(ruleA as string, eventA as string)).not.toBe(
      clientTokenFor(ruleB as string, eventB as string),
    );
  });

  it('stays within 64 printable ASCII characters, even for long or non-ASCII input', () => {
    // Arrange
    const inputs: [string, string][] = [
      ['r', ''],
      ['a'.repeat(64), 'e'.repeat(10_000)],
      ['渲染', '事件-🎬'],
    ];
    // Act
    const tokens = inputs.map(([rule, id]) => clientTokenFor(rule, id));
    // Assert
    for (const token of tokens) expect(token).toMatch(/^[\x21-\x7e]{1,64}$/);
  });

  it('is a known value, so a change of the scheme cannot pass unnoticed', () => {
    // Arrange / Act
    const token = clientTokenFor('encode-after-render', 'evt-1');
    // Assert: changing the scheme would re-submit every job redelivered across a deploy.
    expect(token).toBe('bb-999a6be496d8c06c981fb94a3e77dbf2f9950737594a5014');
  });
});
