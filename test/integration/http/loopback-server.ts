import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real node:http peer on 127.0.0.1:0 that records what arrived and on which socket. */

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** 1-based number of the TCP connection the request came over. */
  readonly socket: number;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void;

export interface LoopbackServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Connections accepted so far, whether or not a request came over them. */
  connections(): number;
  handler: Handler;
  close(): Promise<void>;
}

const readAll = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export const startLoopbackServer = async (
  handler: Handler = (_req, res) => res.end('ok'),
): Promise<LoopbackServer> => {
  const requests: SeenRequest[] = [];
  const socketIds = new WeakMap<object, number>();
  let accepted = 0;
  const server = createServer();
  const state: LoopbackServer = {
    url: '',
    requests,
    connections: () => accepted,
    handler,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => {
    accepted += 1;
    socketIds.set(socket, accepted);
  });
  server.on('request', (req, res) => {
    void readAll(req).then((body) => {
      const seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        socket: socketIds.get(req.socket) ?? 0,
      };
      requests.push(seen);
      state.handler(seen, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}` });
};

/** A port that was just listened on and closed: connecting to it is refused. */
export const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

/** What a promise rejected with, or an Error saying it did not reject. */
export const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
