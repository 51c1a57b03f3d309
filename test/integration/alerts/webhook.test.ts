import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../../lib/alerts/channel.js';
import { testOptions, thrownBy } from './harness.js';
import { inOrder, type PlatformServer, type Responder, startPlatform } from './platform-server.js';

let platform: PlatformServer;
const accept: Responder = () => ({ status: 204, body: '' });

beforeAll(async () => {
  platform = await startPlatform(accept);
});

beforeEach(() => {
  platform.requests.length = 0;
  platform.respond = accept;
});

afterAll(async () => {
  await platform.close();
});

const url = () => `${platform.origin}/hooks/alerts`;

/** A port that was free a moment ago: connections to it are refused. */
const closedPort = async (): Promise<string> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 1}/`;
};

describe('plain webhook channel', () => {
  it('posts the fixed JSON body and takes any 2xx as delivery', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel('sink', { type: 'webhook', url: url() }, options);

    // Act
    const result = await channel.send({
      title: 't',
      text: 'x',
      severity: 'warning',
      fields: [['a', 'b']],
    });

    // Assert
    expect(result).toMatchObject({ status: 'sent', attempts: 1 });
    expect(platform.requests[0]?.json).toEqual({
      title: 't',
      text: 'x',
      severity: 'warning',
      fields: [{ label: 'a', value: 'b' }],
      logs: null,
      link: null,
    });
  });

  it('renders the body template when one is configured', async () => {
    // Arrange
    const { options } = testOptions();
    const template = '{"content": {{ message }}, "embeds": [{"title": {{ title }}}]}';
    const channel = createChannel('discord', { type: 'webhook', url: url(), template }, options);

    // Act
    await channel.send({ title: 'JOB_FAILED "x"', text: 'exit 1' });

    // Assert
    expect(platform.requests[0]?.json).toEqual({
      content: 'JOB_FAILED "x"\n\nexit 1',
      embeds: [{ title: 'JOB_FAILED "x"' }],
    });
  });

  it('retries a 5xx with backoff and reports how many attempts it took', async () => {
    // Arrange
    const { options, time } = testOptions();
    platform.respond = inOrder([{ status: 500 }, { status: 502 }], accept);
    const channel = createChannel('sink', { type: 'webhook', url: url() }, options);

    // Act
    const result = await channel.send({ title: 't', text: 'x' });

    // Assert: full jitter with random() = 1 gives the caps, 100 then 200 ms
    expect(result).toMatchObject({ status: 'sent', attempts: 3 });
    expect(time.sleeps).toEqual([100, 200]);
  });

  it('does not retry a 4xx', async () => {
    // Arrange
    const { options } = testOptions();
    platform.respond = () => ({ status: 401, body: 'unauthorized' });
    const channel = createChannel('sink', { type: 'webhook', url: url() }, options);

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));

    // Assert
    expect(error).toMatchObject({ channelCode: 'HTTP_401', status: 401, retryable: false });
    expect(platform.requests).toHaveLength(1);
  });

  it('times out a slow reply, retries, and succeeds when the peer answers in time', async () => {
    // Arrange
    const { options } = testOptions({ timeoutMs: 150 });
    platform.respond = inOrder([{ status: 204, delayMs: 2_000 }], accept);
    const channel = createChannel('sink', { type: 'webhook', url: url() }, options);

    // Act
    const result = await channel.send({ title: 't', text: 'x' });

    // Assert
    expect(result).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails with TIMEOUT, retryable, when every reply is too slow', async () => {
    // Arrange
    const { options } = testOptions({ timeoutMs: 100 });
    platform.respond = () => ({ status: 204, delayMs: 2_000 });
    const channel = createChannel('sink', { type: 'webhook', url: url() }, options);
    const started = Date.now();

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));

    // Assert
    expect(error).toMatchObject({ channelCode: 'TIMEOUT', retryable: true });
    expect(platform.requests).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('keeps every attempt within the deadline of the send', async () => {
    // Arrange
    const { options } = testOptions({ timeoutMs: 5_000 });
    platform.respond = () => ({ status: 204, delayMs: 5_000 });
    const channel = createChannel('sink', { type: 'webhook', url: url() }, options);
    const started = Date.now();

    // Act
    const error = await thrownBy(() =>
      channel.send({ title: 't', text: 'x' }, { deadline: options.now() + 400 }),
    );

    // Assert
    expect(error).toMatchObject({ channelCode: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports a refused connection as a retryable network error', async () => {
    // Arrange
    const { options } = testOptions();
    const channel = createChannel('sink', { type: 'webhook', url: await closedPort() }, options);

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));

    // Assert
    expect(error).toMatchObject({ channelCode: 'ECONNREFUSED', retryable: true });
    expect((error as Error).message).toBe(
      "channel 'sink' (webhook) failed: ECONNREFUSED request failed",
    );
  });

  it('stops when the caller aborts', async () => {
    // Arrange
    const { options } = testOptions({ timeoutMs: 5_000 });
    platform.respond = () => ({ status: 204, delayMs: 5_000 });
    const channel = createChannel('sink', { type: 'webhook', url: url() }, options);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    // Act
    const error = await thrownBy(() =>
      channel.send({ title: 't', text: 'x' }, { signal: controller.signal }),
    );

    // Assert
    expect(error).toMatchObject({ channelCode: 'ABORTED' });
    expect(platform.requests).toHaveLength(1);
  });
});
