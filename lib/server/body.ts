import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'too-large' | 'aborted' };

/** A declared length over the limit is refused before a byte of the body is read. */
export const declaresTooMuch = (req: IncomingMessage, maxBytes: number): boolean => {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > maxBytes;
};

/**
 * The whole body as text, or why not. Past the limit the chunks read so far are dropped and the
 * rest is discarded as it comes (not kept) until the answer closes the connection. A client
 * that leaves mid-body ends the read as `aborted`, and so does the connection closing after an
 * early answer (a timeout): Node stops telling the request about its socket once answered.
 */
export const readBody = (req: IncomingMessage, maxBytes: number): Promise<BodyResult> =>
  new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const { socket } = req;
    const finish = (result: BodyResult): void => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onAbort);
      socket.off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      chunks = [];
      finish({ ok: false, reason: 'too-large' });
      req.resume();
    };
    const onEnd = (): void => finish({ ok: true, text: Buffer.concat(chunks, size).toString() });
    const onAbort = (): void => finish({ ok: false, reason: 'aborted' });
    req.on('data', onData).once('end', onEnd).once('error', onAbort).once('close', onAbort);
    if (socket.destroyed) onAbort();
    else socket.once('close', onAbort);
  });
