import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../../lib/alerts/channel.js';
import { sendTestMessage } from '../../../lib/alerts/test-message.js';
import { testOptions, thrownBy } from './harness.js';
import { inOrder, type PlatformServer, startPlatform } from './platform-server.js';
import { FEISHU_HOOK, FEISHU_SECRET, feishuPlatform } from './platforms.js';

let platform: PlatformServer;
const signed = feishuPlatform(FEISHU_SECRET);

beforeAll(async () => {
  platform = await startPlatform(signed);
});

beforeEach(() => {
  platform.requests.length = 0;
  platform.respond = signed;
});

afterAll(async () => {
  await platform.close();
});

const url = () => `${platform.origin}/open-apis/bot/v2/hook/${FEISHU_HOOK}`;

describe('Feishu channel', () => {
  it('sends a signed interactive card the bot accepts', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel(
      'team',
      { type: 'feishu', url: url(), secret: FEISHU_SECRET },
      options,
    );

    // Act
    const result = await channel.send({
      title: '任务失败',
      text: '退出码 137',
      severity: 'error',
      fields: [['作业', 'job-abc']],
      link: { label: '控制台', url: 'https://console.cloud.tencent.com/batch' },
    });

    // Assert
    expect(result).toEqual({ status: 'sent', attempts: 1, truncated: false });
    const body = platform.requests[0]?.json;
    expect(body).toMatchObject({ msg_type: 'interactive', card: { header: { template: 'red' } } });
    expect(typeof body?.['timestamp']).toBe('string');
  });

  it('fails with 19021 and does not retry when the secret is wrong', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel(
      'team',
      { type: 'feishu', url: url(), secret: 'wrong-secret-0000000' },
      options,
    );

    // Act
    const error = await thrownBy(() => sendTestMessage(channel));

    // Assert
    expect(error).toMatchObject({ name: 'WebhookError', channelCode: '19021', retryable: false });
    expect(platform.requests).toHaveLength(1);
  });

  it('waits out 11232 (rate limited) and succeeds on the next attempt', async () => {
    // Arrange
    const { options, time } = testOptions();
    platform.respond = inOrder(
      [{ body: { code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]' } }],
      signed,
    );
    const channel = createChannel(
      'team',
      { type: 'feishu', url: url(), secret: FEISHU_SECRET },
      options,
    );

    // Act
    const result = await channel.send({ title: 't', text: 'x' });

    // Assert
    expect(result).toMatchObject({ status: 'sent', attempts: 2 });
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(990);
    expect(platform.requests).toHaveLength(2);
  });

  it('never sends more than 5 messages within a second', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel('team', { type: 'feishu', url: url() }, options);
    platform.respond = feishuPlatform(undefined);

    // Act
    const before: number[] = [];
    const after: number[] = [];
    for (let i = 0; i < 12; i++) {
      before.push(options.now());
      await channel.send({ title: `n${i}`, text: '' });
      after.push(options.now());
    }

    // Assert: the 6th waits for the 1st to leave the window, the 11th for the 6th
    expect((after[5] ?? 0) - (before[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((after[10] ?? 0) - (before[5] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(platform.requests).toHaveLength(12);
  });
});
