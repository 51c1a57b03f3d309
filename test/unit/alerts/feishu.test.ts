import { describe, expect, it } from 'vitest';
import { FEISHU_MAX_BODY_BYTES, feishuAdapter } from '../../../lib/alerts/feishu.js';
import { fitMessage } from '../../../lib/alerts/fit.js';
import { utf8Length } from '../../../lib/alerts/text-cut.js';
import type { AlertMessage } from '../../../lib/alerts/types.js';
import { cjkLines, FULL, json, plain } from './fixtures.js';

describe('feishuAdapter.render', () => {
  it('renders an interactive card with a coloured header, fields, code and a button', () => {
    // Act
    const body = feishuAdapter.render(FULL);

    // Assert
    expect(body.msg_type).toBe('interactive');
    expect(body.card['header']).toEqual({
      template: 'red',
      title: { tag: 'plain_text', content: `ERROR ${FULL.title}` },
    });
    expect(body.card['elements']).toEqual([
      { tag: 'div', text: { tag: 'lark_md', content: FULL.text } },
      {
        tag: 'div',
        fields: [
          { is_short: true, text: { tag: 'lark_md', content: '**Job**\njob-abc' } },
          { is_short: true, text: { tag: 'lark_md', content: '**Region**\nap-guangzhou' } },
        ],
      },
      { tag: 'markdown', content: '```\nTraceback (most recent call last):\nMemoryError\n```' },
      {
        tag: 'action',
        actions: [
          {
            tag: 'button',
            text: { tag: 'plain_text', content: 'Open in console' },
            type: 'default',
            url: FULL.link?.url,
          },
        ],
      },
    ]);
  });

  it('keeps a log line with ``` from closing the code block', () => {
    // Act
    const body = feishuAdapter.render({ title: 't', text: '', codeBlock: 'a ``` b' });

    // Assert
    const code = (body.card['elements'] as { content: string }[])[0]?.content ?? '';
    expect(code.match(/```/g)).toHaveLength(2);
  });
});

describe('feishuAdapter size limit', () => {
  it('keeps the signed body within 20000 bytes', () => {
    // Arrange
    const message = { ...FULL, codeBlock: cjkLines(2000) };
    const fits = (m: AlertMessage) => feishuAdapter.fits(feishuAdapter.render(m));

    // Act
    const { message: out } = fitMessage(message, fits);

    // Assert
    const request = feishuAdapter.prepare(feishuAdapter.render(out), {
      url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x',
      secret: 's'.repeat(64),
      now: 1_700_000_000_000,
    });
    expect(utf8Length(request.body)).toBeLessThanOrEqual(FEISHU_MAX_BODY_BYTES);
  });
});

describe('feishuAdapter.judge', () => {
  it('accepts code 0 and the older StatusCode 0', () => {
    // Act / Assert
    expect(feishuAdapter.judge(json(200, { code: 0, msg: 'success' }))).toEqual({ ok: true });
    expect(feishuAdapter.judge(json(200, { StatusCode: 0, StatusMessage: 'success' }))).toEqual({
      ok: true,
    });
  });

  it('treats 19021 (sign mismatch) as permanent', () => {
    // Act / Assert
    expect(
      feishuAdapter.judge(
        json(200, {
          code: 19021,
          msg: 'sign match fail or timestamp is not within one hour from current time',
        }),
      ),
    ).toMatchObject({ ok: false, kind: 'permanent', code: '19021' });
  });

  it('reads the code from a 400 body and keeps the status', () => {
    // Act / Assert
    expect(feishuAdapter.judge(json(400, { code: 9499, msg: 'Bad Request' }))).toMatchObject({
      kind: 'permanent',
      code: '9499',
      status: 400,
    });
  });

  it('treats 11232 as rate limited', () => {
    // Act / Assert
    expect(feishuAdapter.judge(json(200, { code: 11232, msg: 'frequency limited' }))).toMatchObject(
      {
        kind: 'rate-limited',
        retryAfterMs: 1000,
      },
    );
  });

  it('falls back to the status for a 4xx without a code', () => {
    // Act / Assert
    expect(feishuAdapter.judge(plain(404, 'not found'))).toMatchObject({
      kind: 'permanent',
      code: 'HTTP_404',
    });
  });
});
