import { describe, expect, it } from 'vitest';
import { compileBodyTemplate } from '../../../lib/alerts/body-template.js';
import { createChannel } from '../../../lib/alerts/channel.js';
import { createWebhookAdapter, renderWebhookBody } from '../../../lib/alerts/webhook.js';
import { ConfigError } from '../../../lib/errors.js';
import { FULL, plain } from './fixtures.js';

const thrownBy = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('renderWebhookBody', () => {
  it('sends every part under a fixed name, absent parts as null', () => {
    // Act
    const full = renderWebhookBody(FULL);
    const bare = renderWebhookBody({ title: 't', text: 'x' });

    // Assert
    expect(full).toEqual({
      title: FULL.title,
      text: FULL.text,
      severity: 'error',
      fields: [
        { label: 'Job', value: 'job-abc' },
        { label: 'Region', value: 'ap-guangzhou' },
      ],
      logs: FULL.codeBlock,
      link: FULL.link,
    });
    expect(bare).toEqual({
      title: 't',
      text: 'x',
      severity: 'info',
      fields: [],
      logs: null,
      link: null,
    });
  });
});

describe('compileBodyTemplate', () => {
  it('inserts each value as a JSON value, so quotes and braces cannot break out', () => {
    // Arrange
    const render = compileBodyTemplate(
      '{"content": {{ message }}, "level": {{severity}}, "url": {{ link.url }}}',
      'chat',
    );

    // Act
    const body = render({
      title: 'a "quoted" }{{ title }}',
      text: '", "injected": true',
      severity: 'warning',
    });

    // Assert
    expect(body).toEqual({
      content: 'a "quoted" }{{ title }}\n\n", "injected": true',
      level: 'warning',
      url: null,
    });
  });

  it('offers the fields and the log as values', () => {
    // Act
    const body = compileBodyTemplate('{"f": {{ fields }}, "l": {{ logs }}}', 'chat')(FULL);

    // Assert
    expect(body).toEqual({ f: renderWebhookBody(FULL)['fields'], l: FULL.codeBlock });
  });

  it('rejects an unknown value with the config path', () => {
    // Act
    const compile = () => compileBodyTemplate('{"x": {{ constructor }}}', 'chat');

    // Assert
    expect(compile).toThrow(ConfigError);
    expect(compile).toThrow(/unknown template value '\{\{ constructor \}\}'/);
    expect(thrownBy(compile)).toMatchObject({ path: 'channels.chat.template' });
  });

  it('rejects a value placed inside a string, which would not be JSON', () => {
    // Act / Assert
    expect(() => compileBodyTemplate('{"text": "Alert: {{ title }}"}', 'chat')).toThrow(
      /not valid JSON/,
    );
  });

  it('is checked when the channel is created', () => {
    // Act / Assert
    expect(() =>
      createChannel('chat', {
        type: 'webhook',
        url: 'http://127.0.0.1:1/',
        template: '{{ nope }}',
      }),
    ).toThrow(ConfigError);
  });
});

describe('createWebhookAdapter', () => {
  it('accepts any 2xx and retries only 5xx and 429', () => {
    // Arrange
    const adapter = createWebhookAdapter();

    // Act / Assert
    expect(adapter.judge(plain(204, ''))).toEqual({ ok: true });
    expect(adapter.judge(plain(503, 'down'))).toMatchObject({ kind: 'transient' });
    expect(adapter.judge(plain(429, ''))).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 1000,
    });
    expect(adapter.judge(plain(401, 'no'))).toMatchObject({ kind: 'permanent', code: 'HTTP_401' });
    expect(adapter.judge(plain(301, ''))).toMatchObject({ kind: 'permanent', code: 'HTTP_301' });
  });
});
