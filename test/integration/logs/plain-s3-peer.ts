import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

/** How the peer answers a GET: the whole object with 200 whatever the Range, the range asked
 *  (`bytes=A-B` or `bytes=-N`) as COS does, a fixed status, a 206 carrying a Content-Range of
 *  its choosing, or never. */
export type PeerMode =
  | { readonly kind: 'ignore-range' }
  | { readonly kind: 'honour-range' }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'wrong-range'; readonly contentRange: string }
  | { readonly kind: 'hang' };

export interface PlainS3Peer {
  readonly endpoint: string;
  mode: PeerMode;
  /** Body bytes the peer managed to write per GET, and whether the client hung up first. */
  readonly gets: { written: number; aborted: boolean; range: string | undefined }[];
  /** HEAD requests served. */
  readonly heads: () => number;
  stop(): Promise<void>;
}

/** `bytes=A-B` or `bytes=-N` of an object of `size` bytes -> [start, end], inclusive. */
const rangeOf = (header: string | undefined, size: number): [number, number] | undefined => {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (match === null) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '') return [Math.max(0, size - Number(to)), size - 1];
  return [Number(from), Math.min(size - 1, to === '' ? size - 1 : Number(to))];
};

const readAll = async (body: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

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
    if (mode.kind === 'honour-range') {
      const [start, end] = rangeOf(req.headers.range, object.size) ?? [0, object.size - 1];
      void readAll(object.open()).then((all) => {
        const part = all.subarray(start, end + 1);
        record.written = part.length;
        res
          .writeHead(206, {
            'content-length': String(part.length),
            'content-range': `bytes ${start}-${end}/${object.size}`,
          })
          .end(part);
      });
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
  let heads = 0;
  const server = createServer((req, res) => {
    if (req.method === 'HEAD') {
      heads += 1;
      res.writeHead(200, { 'content-length': String(object.size) }).end();
      return;
    }
    serveGet(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(peer, {
    endpoint: `http://127.0.0.1:${port}`,
    heads: () => heads,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
};
