import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Records what the channels received, answering as the real bots do: `{"errcode":0}` for
 * WeCom and DingTalk, `{"code":0}` for Feishu, `ok` for Slack, 200 for a plain webhook. The
 * channel kind is the first path segment: /wecom/…, /dingtalk/…, /feishu/…, /slack/…, /hook/….
 */

export interface ReceivedMessage {
  readonly channel: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  readonly receivedAt: number;
}

export interface WebhookSink {
  readonly url: string;
  received(): readonly ReceivedMessage[];
  close(): Promise<void>;
}

const REPLIES: Record<string, string> = {
  wecom: '{"errcode":0,"errmsg":"ok"}',
  dingtalk: '{"errcode":0,"errmsg":"ok"}',
  feishu: '{"code":0,"msg":"success","data":{}}',
  slack: 'ok',
};

const readBody = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export const startWebhookSink = async (port = 0): Promise<WebhookSink> => {
  const messages: ReceivedMessage[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = req.url ?? '/';
      const channel = path.split('/')[1] ?? '';
      messages.push({ channel, path, headers: req.headers, body, receivedAt: Date.now() });
      res.writeHead(200, {
        'content-type': channel === 'slack' ? 'text/plain' : 'application/json',
      });
      res.end(REPLIES[channel] ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    received: () => messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
