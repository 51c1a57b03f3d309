import { describe, expect, it } from 'vitest';
import { DINGTALK_MAX_BODY_BYTES, dingtalkAdapter } from '../../../lib/alerts/dingtalk.js';
import { fitMessage } from '../../../lib/alerts/fit.js';
import { utf8Length } from '../../../lib/alerts/text-cut.js';
import type { AlertMessage } from '../../../lib/alerts/types.js';
import { cjkLines, FULL, isWholeUtf8, json, plain } from './fixtures.js';

describe('dingtalkAdapter.render', () => {
  it('renders markdown with the title in both the notification and the heading', () => {
    // Act
    const body = dingtalkAdapter.render(FULL);

    // Assert
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe(FULL.title);
    const text = body.markdown.text;
    expect(text).toMatch(/^#### ERROR TASK_INSTANCE_FAILED: render-42/);
    // DingTalk needs a hard break for single newlines.
    expect(text).toContain('Exit code: 137  \nReason: OOMKilled');
    expect(text).toContain('- **Job**: job-abc\n- **Region**: ap-guangzhou');
    expect(text).toContain('> Traceback (most recent call last):  \n> MemoryError');
    expect(text).toContain(
      '[Open in console](https://console.cloud.tencent.com/batch/job?id=job-abc)',
    );
  });
});

describe('dingtalkAdapter size limit', () => {
  it('keeps the whole body within 20000 bytes, cutting the log from the top', () => {
    // Arrange
    const message = { ...FULL, codeBlock: cjkLines(2000) };
    const fits = (m: AlertMessage) => dingtalkAdapter.fits(dingtalkAdapter.render(m));

    // Act
    const { message: out, truncated } = fitMessage(message, fits);

    // Assert
    const body = JSON.stringify(dingtalkAdapter.render(out));
    expect(truncated).toBe(true);
    expect(utf8Length(body)).toBeLessThanOrEqual(DINGTALK_MAX_BODY_BYTES);
    expect(utf8Length(body)).toBeGreaterThan(DINGTALK_MAX_BODY_BYTES - 100);
    expect(isWholeUtf8(body)).toBe(true);
    expect(out.codeBlock).toMatch(/^… \(truncated \d+ lines\)\n/);
    expect(out.codeBlock?.endsWith('第1999行 任务实例失败 🔥 退出码 137')).toBe(true);
  });
});

describe('dingtalkAdapter.judge', () => {
  it('accepts errcode 0', () => {
    // Act / Assert
    expect(dingtalkAdapter.judge(json(200, { errcode: 0, errmsg: 'ok' }))).toEqual({ ok: true });
  });

  it('treats 310000 (sign not match) as permanent', () => {
    // Act
    const verdict = dingtalkAdapter.judge(json(200, { errcode: 310000, errmsg: 'sign not match' }));

    // Assert
    expect(verdict).toEqual({
      ok: false,
      kind: 'permanent',
      code: '310000',
      message: 'sign not match',
    });
  });

  it('treats 130101 as rate limited for the 10-minute throttle', () => {
    // Act
    const verdict = dingtalkAdapter.judge(json(200, { errcode: 130101, errmsg: 'send too fast' }));

    // Assert
    expect(verdict).toMatchObject({ kind: 'rate-limited', retryAfterMs: 600_000 });
  });

  it('treats -1 (system busy) as transient', () => {
    // Act / Assert
    expect(dingtalkAdapter.judge(json(200, { errcode: -1, errmsg: 'busy' }))).toMatchObject({
      kind: 'transient',
    });
  });

  it('honours Retry-After on a 429', () => {
    // Act / Assert
    expect(dingtalkAdapter.judge(plain(429, '', '7'))).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 7000,
    });
  });
});
