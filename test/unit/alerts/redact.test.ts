import { describe, expect, it } from 'vitest';
import { scrub, urlSecrets } from '../../../lib/alerts/redact.js';
import { retryAfterMs } from '../../../lib/alerts/reply.js';

describe('urlSecrets', () => {
  it.each([
    [
      'WeCom key',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
      '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
    ],
    [
      'DingTalk token',
      'https://oapi.dingtalk.com/robot/send?access_token=0a1b2c3d4e5f',
      '0a1b2c3d4e5f',
    ],
    [
      'Feishu hook id',
      'https://open.feishu.cn/open-apis/bot/v2/hook/2f1a4c1e-0d2b-4b8b-9c3e-1f2a3b4c5d6e',
      '2f1a4c1e-0d2b-4b8b-9c3e-1f2a3b4c5d6e',
    ],
    [
      'Slack path token',
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXX1',
      'XXXXXXXXXXXXXXXXXXXXXXX1',
    ],
  ])('finds the %s', (_name, url, secret) => {
    // Act
    const found = urlSecrets(url);

    // Assert
    expect(found).toContain(secret);
    expect(found).toContain(url);
  });

  it('leaves plain words of the path alone', () => {
    // Act / Assert
    expect(urlSecrets('https://hooks.slack.com/services/T1/B2/x')).not.toContain('services');
  });
});

describe('scrub', () => {
  it('replaces secrets and their URL-encoded forms', () => {
    // Arrange
    const sign = 'ab+c/d=';

    // Act
    const out = scrub(`bad sign ${sign} or ${encodeURIComponent(sign)} for key123456`, [
      sign,
      'key123456',
    ]);

    // Assert
    expect(out).toBe('bad sign [redacted] or [redacted] for [redacted]');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and falls back to a second', () => {
    // Act / Assert
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon')).toBe(1000);
    expect(retryAfterMs(null)).toBe(1000);
  });
});
