import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingtalkAdapter } from '../../../lib/alerts/dingtalk.js';
import { feishuAdapter } from '../../../lib/alerts/feishu.js';
import { signDingTalk, signFeishu } from '../../../lib/alerts/signing.js';

const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab';
const NOW_MS = 1_700_000_123_456;
const MESSAGE = { title: 't', text: 'x' };

describe('signDingTalk', () => {
  it('is the Base64 HMAC-SHA256, keyed by the secret, of "<ms>\\n<secret>"', () => {
    // Arrange
    const expected = createHmac('sha256', SECRET).update(`${NOW_MS}\n${SECRET}`).digest('base64');

    // Act
    const sign = signDingTalk(SECRET, NOW_MS);

    // Assert
    expect(sign).toBe(expected);
  });
});

describe('signFeishu', () => {
  it('is the Base64 HMAC-SHA256 of an empty message, keyed by "<seconds>\\n<secret>"', () => {
    // Arrange
    const seconds = Math.floor(NOW_MS / 1000);
    const expected = createHmac('sha256', `${seconds}\n${SECRET}`).digest('base64');

    // Act
    const sign = signFeishu(SECRET, seconds);

    // Assert
    expect(sign).toBe(expected);
  });
});

describe('dingtalkAdapter.prepare', () => {
  it('appends timestamp (ms) and the URL-encoded sign to the robot URL, keeping its token', () => {
    // Arrange
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';
    const sign = createHmac('sha256', SECRET).update(`${NOW_MS}\n${SECRET}`).digest('base64');

    // Act
    const request = dingtalkAdapter.prepare(dingtalkAdapter.render(MESSAGE), {
      url,
      secret: SECRET,
      now: NOW_MS,
    });

    // Assert
    expect(request.url).toBe(`${url}&timestamp=${NOW_MS}&sign=${encodeURIComponent(sign)}`);
    expect(request.secrets).toEqual([sign]);
  });

  it('leaves the URL alone without a secret', () => {
    // Arrange
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';

    // Act
    const request = dingtalkAdapter.prepare(dingtalkAdapter.render(MESSAGE), {
      url,
      secret: undefined,
      now: NOW_MS,
    });

    // Assert
    expect(request.url).toBe(url);
    expect(request.secrets).toEqual([]);
  });
});

describe('feishuAdapter.prepare', () => {
  it('puts timestamp (seconds, as a string) and sign in the JSON body', () => {
    // Arrange
    const seconds = Math.floor(NOW_MS / 1000);
    const sign = createHmac('sha256', `${seconds}\n${SECRET}`).update('').digest('base64');

    // Act
    const request = feishuAdapter.prepare(feishuAdapter.render(MESSAGE), {
      url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x',
      secret: SECRET,
      now: NOW_MS,
    });

    // Assert
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body['timestamp']).toBe(String(seconds));
    expect(body['sign']).toBe(sign);
    expect(body['msg_type']).toBe('interactive');
  });

  it('adds no signature fields without a secret', () => {
    // Act
    const request = feishuAdapter.prepare(feishuAdapter.render(MESSAGE), {
      url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x',
      secret: undefined,
      now: NOW_MS,
    });

    // Assert
    expect(Object.keys(JSON.parse(request.body) as object)).toEqual(['msg_type', 'card']);
  });
});
