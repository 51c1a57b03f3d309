import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../../lib/alerts/channel.js';
import { sendTestMessage } from '../../../lib/alerts/test-message.js';
import { WebhookError } from '../../../lib/alerts/webhook-error.js';
import { testOptions, thrownBy } from './harness.js';
import { inOrder, type PlatformServer, startPlatform } from './platform-server.js';
import { WECOM_KEY, wecomPlatform } from './platforms.js';

let platform: PlatformServer;

beforeAll(async () => {
  platform = await startPlatform(wecomPlatform);
});

beforeEach(() => {
  platform.requests.length = 0;
  platform.respond = wecomPlatform;
});

afterAll(async () => {
  await platform.close();
});

const urlWith = (key: string) => `${platform.origin}/cgi-bin/webhook/send?key=${key}`;

describe('WeCom channel', () => {
  it('posts a markdown message the robot accepts', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel('oncall', { type: 'wecom', url: urlWith(WECOM_KEY) }, options);

    // Act
    const result = await channel.send({
      title: 'JOB_FAILED: render-1',
      text: 'Exit code: 1',
      codeBlock: 'boom',
    });

    // Assert
    expect(result).toEqual({ status: 'sent', attempts: 1, truncated: false });
    expect(platform.requests).toHaveLength(1);
    expect(platform.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(platform.requests[0]?.json).toMatchObject({ msgtype: 'markdown' });
  });

  it('keeps an oversized CJK log within the 4096-byte limit the robot enforces', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel('oncall', { type: 'wecom', url: urlWith(WECOM_KEY) }, options);
    const log = Array.from({ length: 500 }, (_, i) => `第${i}行 错误 🔥`).join('\n');

    // Act
    const result = await channel.send({ title: '告警', text: '任务失败', codeBlock: log });

    // Assert
    expect(result).toMatchObject({ status: 'sent', truncated: true });
    const content = (platform.requests[0]?.json?.['markdown'] as { content?: string } | undefined)
      ?.content;
    expect(content).toContain('第499行');
    expect(content).toMatch(/… \(truncated \d+ lines\)/);
  });

  it('fails at once, without retrying, on HTTP 200 with errcode 93000 (bad key)', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel(
      'oncall',
      { type: 'wecom', url: urlWith('wrong-key-00000000') },
      options,
    );

    // Act
    const error = await thrownBy(() => sendTestMessage(channel));

    // Assert
    expect(error).toBeInstanceOf(WebhookError);
    expect(error).toMatchObject({
      code: 'WEBHOOK',
      channel: 'oncall',
      channelCode: '93000',
      retryable: false,
    });
    expect((error as Error).message).toMatch(
      /^channel 'oncall' \(wecom\) failed: 93000 invalid webhook url/,
    );
    expect(platform.requests).toHaveLength(1);
  });

  it('reports 45009 as retryable, then holds further sends back as deferred', async () => {
    // Arrange
    const { options } = testOptions();
    platform.respond = inOrder(
      [{ body: { errcode: 45009, errmsg: 'api freq out of limit' } }],
      wecomPlatform,
    );
    const channel = createChannel('oncall', { type: 'wecom', url: urlWith(WECOM_KEY) }, options);

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));
    const next = await channel.send({ title: 't', text: 'y' });

    // Assert: a minute's hold does not fit the 15-second budget
    expect(error).toMatchObject({ channelCode: '45009', retryable: true, retryAfterMs: 60_000 });
    expect(next.status).toBe('deferred');
    expect(platform.requests).toHaveLength(1);
  });

  it('never sends a 21st message within a minute', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel('oncall', { type: 'wecom', url: urlWith(WECOM_KEY) }, options);

    // Act
    const results = [];
    for (let i = 0; i < 21; i++) {
      results.push(
        await channel.send({ title: `alert ${i}`, text: '' }, { deadline: options.now() + 5_000 }),
      );
    }

    // Assert
    expect(results.filter((r) => r.status === 'sent')).toHaveLength(20);
    expect(results[20]).toMatchObject({ status: 'deferred' });
    expect((results[20] as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(50_000);
    expect(platform.requests).toHaveLength(20);
  });
});
