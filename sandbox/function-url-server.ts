import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * SCF's function URL on loopback: each request becomes the event a function URL sends
 * (`httpMethod`, `path`, `headers` in lower case, `queryString`, `body`), and the handler's
 * `{statusCode, headers, body}` becomes the reply.
 */

export interface FunctionUrlEvent {
  readonly httpMethod: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly queryString: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface FunctionUrlReply {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type FunctionUrlHandler = (event: FunctionUrlEvent) => Promise<FunctionUrlReply>;

export interface FunctionUrlServer {
  readonly url: string;
  close(): Promise<void>;
}

const toEvent = async (req: IncomingMessage): Promise<FunctionUrlEvent> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  return {
    httpMethod: req.method ?? 'GET',
    path: url.pathname,
    headers,
    queryString: Object.fromEntries(url.searchParams),
    body: Buffer.concat(chunks).toString('utf8'),
  };
};

export const serveFunctionUrl = async (
  handler: FunctionUrlHandler,
  port = 0,
): Promise<FunctionUrlServer> => {
  const server = createServer((req, res) => {
    toEvent(req)
      .then(handler)
      .then(
        (reply) => {
          res.writeHead(reply.statusCode, reply.headers);
          res.end(reply.body ?? '');
        },
        () => {
          // What SCF does with a function that throws behind a URL is unverified: answer 502.
          res.writeHead(502);
          res.end();
        },
      );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
