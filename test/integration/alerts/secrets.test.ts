import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../../../lib/alerts/channel.js';
import type { ChannelSettings } from '../../../lib/alerts/types.js';
import { everyTextOf, testOptions, thrownBy } from './harness.js';
import { type PlatformServer, type Received, startPlatform } from './platform-server.js';
import {
  DINGTALK_SECRET,
  DINGTALK_TOKEN,
  FEISHU_HOOK,
  FEISHU_SECRET,
  SLACK_PATH,
  WECOM_KEY,
} from './platforms.js';

/**
 * The worst platform: it quotes the whole request (URL with key and signature, the signed
 * body) back in its error. None of it may reach an error message, a cause or a log line.
 */

let platform: PlatformServer;

const echo = (request: Received): string =>
  `${request.path}?${request.query.toString()} ${decodeURIComponent(request.query.toString())} ${request.body}`;

const echoing = (request: Received) => {
  const said = echo(request);
  if (request.path.startsWith('/services/')) return { status: 400, body: said };
  if (request.path.startsWith('/open-apis/')) return { body: { code: 19021, msg: said } };
  if (request.path.startsWith('/robot/')) return { body: { errcode: 310000, errmsg: said } };
  if (request.path.startsWith('/cgi-bin/')) return { body: { errcode: 93000, errmsg: said } };
  return { status: 500, body: said };
};

beforeAll(async () => {
  platform = await startPlatform(echoing);
});

afterAll(async () => {
  await platform.close();
});

const SLACK_TOKEN = SLACK_PATH.split('/').at(-1) ?? '';
const WEBHOOK_TOKEN = 'plainWebhookToken0000000042';

const CASES: readonly {
  readonly name: string;
  readonly settings: () => ChannelSettings;
  readonly secrets: readonly string[];
}[] = [
  {
    name: 'wecom',
    settings: () => ({
      type: 'wecom',
      url: `${platform.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
    }),
    secrets: [WECOM_KEY],
  },
  {
    name: 'dingtalk',
    settings: () => ({
      type: 'dingtalk',
      url: `${platform.origin}/robot/send?access_token=${DINGTALK_TOKEN}`,
      secret: DINGTALK_SECRET,
    }),
    secrets: [DINGTALK_TOKEN, DINGTALK_SECRET],
  },
  {
    name: 'feishu',
    settings: () => ({
      type: 'feishu',
      url: `${platform.origin}/open-apis/bot/v2/hook/${FEISHU_HOOK}`,
      secret: FEISHU_SECRET,
    }),
    secrets: [FEISHU_HOOK, FEISHU_SECRET],
  },
  {
    name: 'slack',
    settings: () => ({ type: 'slack', url: `${platform.origin}${SLACK_PATH}` }),
    secrets: [SLACK_TOKEN],
  },
  {
    name: 'webhook',
    settings: () => ({
      type: 'webhook',
      url: `${platform.origin}/hook/${WEBHOOK_TOKEN}?token=query-secret-0001`,
    }),
    secrets: [WEBHOOK_TOKEN, 'query-secret-0001'],
  },
];

/** Signatures the platform received: they must not come back either. */
const signaturesSeen = (): string[] =>
  platform.requests.flatMap((r) => {
    const found: string[] = [];
    const sign = r.query.get('sign') ?? r.json?.['sign'];
    if (typeof sign === 'string') found.push(sign, encodeURIComponent(sign));
    return found;
  });

describe('secret hygiene', () => {
  it.each(CASES)(
    '$name: no key, secret or signature in the error or the log',
    async ({ settings, secrets }) => {
      // Arrange
      platform.requests.length = 0;
      const { options, log } = testOptions();
      const channel = createChannel('oncall', settings(), options);

      // Act
      const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));

      // Assert
      const seen = [...secrets, ...signaturesSeen(), settings().url];
      const texts = `${everyTextOf(error)}\n${JSON.stringify(log.calls)}`;
      for (const secret of seen) expect(texts).not.toContain(secret);
      expect((error as Error).message).toMatch(/^channel 'oncall' \(\w+\) failed: /);
      expect((error as Error).message).toContain('[redacted]');
    },
  );

  it('keeps the URL out of a network error and its cause chain', async () => {
    // Arrange
    const { options, log } = testOptions();
    const url = `http://127.0.0.1:1/hook/${WEBHOOK_TOKEN}?token=query-secret-0001`;
    const channel = createChannel('oncall', { type: 'webhook', url }, options);

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));

    // Assert
    const texts = `${everyTextOf(error)}\n${JSON.stringify(log.calls)}`;
    for (const secret of [url, WEBHOOK_TOKEN, 'query-secret-0001'])
      expect(texts).not.toContain(secret);
    expect(error).toMatchObject({ channel: 'oncall', retryable: true });
  });

  it('scrubs before it shortens, so a key near the cut is not half shown', async () => {
    // Arrange
    const { options } = testOptions();
    const url = `${platform.origin}/hook/${WEBHOOK_TOKEN}`;
    const before = platform.respond;
    platform.respond = () => ({ status: 400, body: `${'x'.repeat(190)} ${WEBHOOK_TOKEN}` });
    const channel = createChannel('oncall', { type: 'webhook', url }, options);

    // Act
    const error = await thrownBy(() => channel.send({ title: 't', text: 'x' }));
    platform.respond = before;

    // Assert
    expect((error as Error).message).not.toContain(WEBHOOK_TOKEN.slice(0, 8));
  });
});
