import { describe, expect, it } from 'vitest';
import { fitMessage } from '../../../lib/alerts/fit.js';
import { utf8Length } from '../../../lib/alerts/text-cut.js';
import type { AlertMessage } from '../../../lib/alerts/types.js';
import { WECOM_MARKDOWN_MAX_BYTES, wecomAdapter } from '../../../lib/alerts/wecom.js';
import { cjkLines, FULL, isWholeUtf8, json, plain } from './fixtures.js';

describe('wecomAdapter.render', () => {
  it('renders a markdown message with title, text, fields, quoted log and link', () => {
    // Act
    const body = wecomAdapter.render(FULL);

    // Assert
    expect(body.msgtype).toBe('markdown');
    const content = body.markdown.content;
    expect(content).toMatch(/^## <font color="warning">ERROR<\/font> TASK_INSTANCE_FAILED/);
    expect(content).toContain('Exit code: 137\nReason: OOMKilled');
    expect(content).toContain('**Job**: job-abc\n**Region**: ap-guangzhou');
    expect(content).toContain('> Traceback (most recent call last):\n> MemoryError');
    expect(content).toContain(
      '[Open in console](https://console.cloud.tencent.com/batch/job?id=job-abc)',
    );
  });

  it('colours info messages green and leaves out absent parts', () => {
    // Act
    const content = wecomAdapter.render({ title: 'ok', text: '' }).markdown.content;

    // Assert
    expect(content).toBe('## <font color="info">INFO</font> ok');
  });
});

describe('wecomAdapter size limit', () => {
  it('cuts a CJK log tail to at most 4096 bytes, keeping the newest lines whole', () => {
    // Arrange
    const message = { ...FULL, codeBlock: cjkLines(400) };
    const fits = (m: AlertMessage) => wecomAdapter.fits(wecomAdapter.render(m));

    // Act
    const { message: out, truncated } = fitMessage(message, fits);

    // Assert
    const content = wecomAdapter.render(out).markdown.content;
    expect(truncated).toBe(true);
    expect(utf8Length(content)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(isWholeUtf8(content)).toBe(true);
    expect(content).toContain('第399行');
    expect(content).toMatch(/> … \(truncated \d+ lines\)/);
    // One more line would cross the limit: the cut sits at the boundary.
    const kept = (out.codeBlock ?? '').split('\n').length - 1;
    const more = {
      ...out,
      codeBlock: `… (truncated ${399 - kept} lines)\n${cjkLines(400)
        .split('\n')
        .slice(-(kept + 1))
        .join('\n')}`,
    };
    expect(wecomAdapter.fits(wecomAdapter.render(more))).toBe(false);
  });

  it('cuts one long CJK and emoji line exactly at the byte boundary', () => {
    // Arrange: no newline anywhere, so only a cut inside the text can fit
    const message = { title: '告警', text: '任务失败🔥'.repeat(400) };
    const fits = (m: AlertMessage) => wecomAdapter.fits(wecomAdapter.render(m));

    // Act
    const { message: out } = fitMessage(message, fits);

    // Assert
    const bytes = utf8Length(wecomAdapter.render(out).markdown.content);
    expect(bytes).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    // The next character (3 or 4 bytes) did not fit, so at most 3 bytes are left unused.
    expect(bytes).toBeGreaterThan(WECOM_MARKDOWN_MAX_BYTES - 4);
    expect(isWholeUtf8(out.text)).toBe(true);
  });
});

describe('wecomAdapter.judge', () => {
  it('accepts errcode 0', () => {
    // Act / Assert
    expect(wecomAdapter.judge(json(200, { errcode: 0, errmsg: 'ok' }))).toEqual({ ok: true });
  });

  it('treats HTTP 200 with errcode 93000 as a permanent failure', () => {
    // Act
    const verdict = wecomAdapter.judge(
      json(200, { errcode: 93000, errmsg: 'invalid webhook url' }),
    );

    // Assert
    expect(verdict).toMatchObject({ ok: false, kind: 'permanent', code: '93000' });
  });

  it('treats errcode 45009 as rate limited for a minute', () => {
    // Act
    const verdict = wecomAdapter.judge(
      json(200, { errcode: 45009, errmsg: 'api freq out of limit' }),
    );

    // Assert
    expect(verdict).toMatchObject({
      ok: false,
      kind: 'rate-limited',
      code: '45009',
      retryAfterMs: 60_000,
    });
  });

  it('does not trust a 200 without an errcode', () => {
    // Act / Assert
    expect(wecomAdapter.judge(plain(200, '<html>proxy</html>'))).toMatchObject({
      ok: false,
      kind: 'permanent',
      code: 'INVALID_REPLY',
    });
  });

  it('retries a 502', () => {
    // Act / Assert
    expect(wecomAdapter.judge(plain(502, 'Bad Gateway'))).toMatchObject({
      kind: 'transient',
      code: 'HTTP_502',
    });
  });
});
