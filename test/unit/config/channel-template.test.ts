import { describe, expect, it } from 'vitest';
import { catchConfigError, parseText } from './config-test-kit.js';

const channel = (type: string) => `version: 1
channels:
  hook:
    type: ${type}
    url: https://example.com/hook
    template: '{"content": {{ message }}}'
`;

describe('channel template', () => {
  it('is accepted on a plain webhook', () => {
    // Act
    const config = parseText(channel('webhook'));
    // Assert
    expect(config.channels['hook']?.template).toBe('{"content": {{ message }}}');
  });

  it('is rejected on a chat bot, with its path and line', () => {
    // Act
    const error = catchConfigError(() => parseText(channel('wecom')));
    // Assert
    expect(error.message).toContain(
      'channels.hook.template: template is only for channels of type webhook',
    );
    expect(error.message).toContain('(line 6)');
  });
});
