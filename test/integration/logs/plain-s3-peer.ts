import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

/** How the peer answers a GET: the whole object with 200 whatever the Range, a fixed status,
 *  a 206 carrying a Content-Range of its choosing, or never. */
export type PeerMode =
  | { readonly kind: 'ignore-range' }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'wrong-range'; readonly contentRange: string }
  | { readonly kind: 'hang' };

export interface PlainS3Peer {
  readonly endpoint: string;
  mode: PeerMode;
  /** Body bytes the peer managed to write per GET, and whether the client hung up first. */
  readonly gets: { written: number; aborted: boolean; range: string | undefined }[];
  stop(): Promise<void>;
}

/**
 * A tiny S3-shaped server on loopback (node:http, no S3 logic): HEAD reports the size, GET
 * misbehaves as told. It serves one object whose body `open()` streams afresh per request.
 */
export const startPlainS3Peer = async (object: {
  readonly size: number;
  readonly open: () => Readable;
}): Promise<PlainS3Peer> => {
  const gets: PlainS3Peer['gets'] = [];
  const peer = { mode: { kind: 'ignore-range' } as PeerMode, gets };
  const serveGet = (req: IncomingMessage, res: ServerResponse) => {
    const record = { written: 0, aborted: false, range: req.headers.range };
    gets.push(record);
    const mode = peer.mode;
    if (mode.kind === 'hang') return;
    if (mode.kind === 'status') {
      res
        .writeHead(mode.status, { 'content-type': 'application/xml' })
        .end('<Error><Code>Oops</Code></Error>');
      return;
    }
    const headers = { 'content-length': String(object.size), 'content-type': 'text/plain' };
    if (mode.kind === 'wrong-range')
      res.writeHead(206, { ...headers, 'content-range': mode.contentRange });
    else res.writeHead(200, headers);
    const body = object.open();
    body.on('data', (chunk: Buffer) => {
      record.written += chunk.length;
    });
    res.on('close', () => {
      record.aborted = !res.writableFinished;
      body.destroy();
    });
    body.pipe(res);
  };
  const server = createServer((req, res) => {
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-length': String(object.size) }).end();
      return;
    }
    serveGet(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(peer, {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
};
