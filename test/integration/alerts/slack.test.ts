import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../../lib/alerts/channel.js';
import { testOptions, thrownBy } from './harness.js';
import { inOrder, type PlatformServer, startPlatform } from './platform-server.js';
import { SLACK_PATH, slackPlatform } from './platforms.js';

let platform: PlatformServer;

beforeAll(async () => {
  platform = await startPlatform(slackPlatform);
});

beforeEach(() => {
  platform.requests.length = 0;
  platform.respond = slackPlatform;
});

afterAll(async () => {
  await platform.close();
});

const url = () => `${platform.origin}${SLACK_PATH}`;

describe('Slack channel', () => {
  it('posts text and blocks, and reads the plain "ok" as success', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel('eng', { type: 'slack', url: url() }, options);

    // Act
    const result = await channel.send({ title: 'JOB_FAILED', text: 'exit 1', codeBlock: 'trace' });

    // Assert
    expect(result).toEqual({ status: 'sent', attempts: 1, truncated: false });
    const body = platform.requests[0]?.json ?? {};
    expect(typeof body['text']).toBe('string');
    expect((body['blocks'] as { type: string }[]).map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
    ]);
  });

  it("fails with Slack's own code and no retry on 404 channel_not_found", async () => {
    // Arrange
    const { options } = testOptions();
    platform.respond = () => ({ status: 404, body: 'channel_not_found' });
    const channel = createChannel('eng', { type: 'slack', url: url() }, options);

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));

    // Assert
    expect(error).toMatchObject({
      channelCode: 'channel_not_found',
      status: 404,
      retryable: false,
    });
    expect(platform.requests).toHaveLength(1);
  });

  it('waits for Retry-After on 429 and then succeeds', async () => {
    // Arrange
    const { options, time } = testOptions();
    platform.respond = inOrder(
      [{ status: 429, body: 'rate_limited', headers: { 'retry-after': '2' } }],
      slackPlatform,
    );
    const channel = createChannel('eng', { type: 'slack', url: url() }, options);

    // Act
    const result = await channel.send({ title: 't', text: 'x' });

    // Assert
    expect(result).toMatchObject({ status: 'sent', attempts: 2 });
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1990);
  });

  it('retries 500 rollup_error twice and succeeds on the third attempt', async () => {
    // Arrange
    const { options, log } = testOptions();
    const rollup = { status: 500, body: 'rollup_error' };
    platform.respond = inOrder([rollup, rollup], slackPlatform);
    const channel = createChannel('eng', { type: 'slack', url: url() }, options);

    // Act
    const result = await channel.send({ title: 't', text: 'x' });

    // Assert
    expect(result).toMatchObject({ status: 'sent', attempts: 3 });
    expect(platform.requests).toHaveLength(3);
    expect(log.calls.filter((c) => c.level === 'warn')).toHaveLength(2);
  });

  it('gives up after the last attempt and reports the error as retryable', async () => {
    // Arrange
    const { options } = testOptions();
    platform.respond = () => ({ status: 503, body: 'service unavailable' });
    const channel = createChannel('eng', { type: 'slack', url: url() }, options);

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));

    // Assert
    expect(error).toMatchObject({ channelCode: 'HTTP_503', retryable: true });
    expect(platform.requests).toHaveLength(3);
  });
});
