import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../../lib/alerts/channel.js';
import { sendTestMessage } from '../../../lib/alerts/test-message.js';
import { testOptions, thrownBy } from './harness.js';
import { inOrder, type PlatformServer, startPlatform } from './platform-server.js';
import { DINGTALK_SECRET, DINGTALK_TOKEN, dingtalkPlatform } from './platforms.js';

let platform: PlatformServer;
const signed = dingtalkPlatform(DINGTALK_SECRET);

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

const url = () => `${platform.origin}/robot/send?access_token=${DINGTALK_TOKEN}`;

describe('DingTalk channel', () => {
  it('signs the request so that a robot with "加签" accepts it', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel(
      'ops',
      { type: 'dingtalk', url: url(), secret: DINGTALK_SECRET },
      options,
    );

    // Act
    const result = await sendTestMessage(channel);

    // Assert
    expect(result).toEqual({ status: 'sent', attempts: 1, truncated: false });
    const [request] = platform.requests;
    expect(request?.query.get('access_token')).toBe(DINGTALK_TOKEN);
    expect(Number(request?.query.get('timestamp'))).toBeGreaterThan(1_600_000_000_000);
    expect(request?.json).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: 'batch-bridge test message' },
    });
  });

  it('fails with 310000 and does not retry when the secret is wrong', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel(
      'ops',
      { type: 'dingtalk', url: url(), secret: 'SECwrong-secret-000000000' },
      options,
    );

    // Act
    const error = await thrownBy(() => sendTestMessage(channel));

    // Assert
    expect(error).toMatchObject({ name: 'WebhookError', channelCode: '310000', retryable: false });
    expect((error as Error).message).toContain(
      "channel 'ops' (dingtalk) failed: 310000 sign not match",
    );
    expect(platform.requests).toHaveLength(1);
  });

  it('fails with 310000 when the robot wants a signature and none is configured', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel('ops', { type: 'dingtalk', url: url() }, options);

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));

    // Assert
    expect(error).toMatchObject({ channelCode: '310000', retryable: false });
  });

  it('sends unsigned to a robot without "加签"', async () => {
    // Arrange
    const { options } = testOptions();
    platform.respond = dingtalkPlatform(undefined);
    const channel = createChannel('ops', { type: 'dingtalk', url: url() }, options);

    // Act
    const result = await channel.send({ title: 't', text: 'x' });

    // Assert
    expect(result.status).toBe('sent');
    expect(platform.requests[0]?.query.has('sign')).toBe(false);
  });

  it('treats 130101 as a 10-minute throttle: retryable, and later sends deferred', async () => {
    // Arrange
    const { options } = testOptions();
    platform.respond = inOrder(
      [{ body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }],
      signed,
    );
    const channel = createChannel(
      'ops',
      { type: 'dingtalk', url: url(), secret: DINGTALK_SECRET },
      options,
    );

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));
    const later = await channel.send({ title: 't', text: 'y' });

    // Assert
    expect(error).toMatchObject({ channelCode: '130101', retryable: true, retryAfterMs: 600_000 });
    expect(later).toMatchObject({ status: 'deferred' });
    expect((later as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(590_000);
    expect(platform.requests).toHaveLength(1);
  });

  it('signs each retry afresh after a 5xx', async () => {
    // Arrange
    const { options, time } = testOptions();
    platform.respond = inOrder([{ status: 502, body: 'Bad Gateway' }], signed);
    const channel = createChannel(
      'ops',
      { type: 'dingtalk', url: url(), secret: DINGTALK_SECRET },
      options,
    );

    // Act
    const result = await channel.send({ title: 't', text: 'x' });

    // Assert
    expect(result).toMatchObject({ status: 'sent', attempts: 2 });
    const [first, second] = platform.requests.map((r) => r.query.get('timestamp'));
    expect(Number(second)).toBeGreaterThanOrEqual(Number(first) + (time.sleeps[0] ?? 0));
  });
});
