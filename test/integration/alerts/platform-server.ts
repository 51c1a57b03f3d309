import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP peer on 127.0.0.1 that plays a chat platform: each suite gives it a responder
 * that checks what the platform checks (body shape, key, signature) and answers as it does.
 */

export interface Received {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The body parsed as JSON, or undefined. */
  readonly json: Record<string, unknown> | undefined;
}

export interface Answer {
  readonly status?: number;
  /** A string is sent as is, anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait this long before answering (a slow platform). */
  readonly delayMs?: number;
}

/** Decides the answer to the n-th (1-based) request. */
export type Responder = (request: Received, n: number) => Answer;

export interface PlatformServer {
  readonly origin: string;
  readonly requests: Received[];
  respond: Responder;
  close(): Promise<void>;
}

const parse = (body: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

export const startPlatform = async (respond: Responder): Promise<PlatformServer> => {
  const timers = new Set<NodeJS.Timeout>();
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const received = {
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json: parse(body),
      };
      requests.push(received);
      const answer = platform.respond(received, requests.length);
      const send = () => {
        const text =
          typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
        res
          .writeHead(answer.status ?? 200, {
            'content-type': 'application/json',
            ...answer.headers,
          })
          .end(text);
      };
      if (answer.delayMs === undefined) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, answer.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const platform: PlatformServer = {
    origin: `http://127.0.0.1:${port}`,
    requests,
    respond,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return platform;
};

/** Answers from a list in order, then `rest` for every later request. */
export const inOrder =
  (answers: readonly Answer[], rest: Responder): Responder =>
  (request, n) =>
    answers[n - 1] ?? rest(request, n);
