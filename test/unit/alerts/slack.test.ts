import { describe, expect, it } from 'vitest';
import { fitMessage } from '../../../lib/alerts/fit.js';
import { SLACK_LIMITS, slackAdapter } from '../../../lib/alerts/slack.js';
import { FULL, plain } from './fixtures.js';

describe('slackAdapter.render', () => {
  it('renders a fallback text and header, section, fields, code and link blocks', () => {
    // Act
    const body = slackAdapter.render(FULL);

    // Assert
    expect(body.text).toContain(FULL.title);
    expect(body.text).not.toContain('MemoryError');
    expect(body.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'context',
    ]);
    expect(body.blocks[0]?.text).toEqual({
      type: 'plain_text',
      text: `:rotating_light: ${FULL.title}`,
      emoji: true,
    });
    expect(body.blocks[2]?.fields).toEqual([
      { type: 'mrkdwn', text: '*Job*\njob-abc' },
      { type: 'mrkdwn', text: '*Region*\nap-guangzhou' },
    ]);
    expect(body.blocks[3]?.text?.text).toBe(
      '```Traceback (most recent call last):\nMemoryError```',
    );
    expect(body.blocks[4]?.elements).toEqual([
      { type: 'mrkdwn', text: `<${FULL.link?.url}|Open in console>` },
    ]);
  });

  it("escapes Slack's control characters in user text", () => {
    // Act
    const body = slackAdapter.render({ title: 't', text: 'a <b> & c' });

    // Assert
    expect(body.blocks[1]?.text?.text).toBe('a &lt;b&gt; &amp; c');
  });

  it('cuts a long header to 150 characters', () => {
    // Act
    const body = slackAdapter.render({ title: 'x'.repeat(400), text: '' });

    // Assert
    expect(body.blocks[0]?.text?.text.length).toBe(SLACK_LIMITS.header);
    expect(body.blocks[0]?.text?.text.endsWith('…')).toBe(true);
  });

  it('puts at most 10 fields in a section', () => {
    // Act
    const fields = Array.from({ length: 23 }, (_, i) => [`k${i}`, 'v'] as const);
    const body = slackAdapter.render({ title: 't', text: '', fields });

    // Assert
    expect(body.blocks.filter((b) => b.fields !== undefined).map((b) => b.fields?.length)).toEqual([
      10, 10, 3,
    ]);
  });
});

describe('slackAdapter size limit', () => {
  it('keeps every section within 3000 characters', () => {
    // Arrange
    const log = Array.from({ length: 500 }, (_, i) => `line ${i} <&>`).join('\n');
    const message = { ...FULL, codeBlock: log };

    // Act
    const { message: out } = fitMessage(message, (m) => slackAdapter.fits(slackAdapter.render(m)));

    // Assert
    const code = slackAdapter.render(out).blocks[3]?.text?.text ?? '';
    expect(code.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(code.length).toBeGreaterThan(SLACK_LIMITS.sectionText - 30);
    expect(code).toContain('line 499 &lt;&amp;&gt;');
  });
});

describe('slackAdapter.judge', () => {
  it('accepts 200 ok', () => {
    // Act / Assert
    expect(slackAdapter.judge(plain(200, 'ok'))).toEqual({ ok: true });
  });

  it("uses Slack's plain-text error as the code", () => {
    // Act / Assert
    expect(slackAdapter.judge(plain(404, 'channel_not_found'))).toMatchObject({
      kind: 'permanent',
      code: 'channel_not_found',
      status: 404,
    });
  });

  it('treats 429 as rate limited for Retry-After seconds', () => {
    // Act / Assert
    expect(slackAdapter.judge(plain(429, 'rate_limited', '3'))).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 3000,
    });
  });

  it('retries a 500 rollup_error', () => {
    // Act / Assert
    expect(slackAdapter.judge(plain(500, 'rollup_error'))).toMatchObject({
      kind: 'transient',
      code: 'rollup_error',
    });
  });
});
