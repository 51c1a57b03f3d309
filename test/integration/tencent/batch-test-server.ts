import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyTc3 } from './tc3-verifier.js';

/**
 * A real HTTP peer on 127.0.0.1 speaking the API 3.0 envelope. Every request's TC3 signature is
 * checked independently; a bad one gets AuthFailure.SignatureFailure as the real API answers.
 */

export interface RecordedRequest {
  readonly action: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly params: unknown;
  readonly signatureOk: boolean;
  readonly receivedAt: number;
}

export type Reply =
  | { readonly kind: 'ok'; readonly response: Record<string, unknown> }
  | {
      readonly kind: 'error';
      readonly code: string;
      readonly message?: string;
      readonly status?: number;
    }
  | { readonly kind: 'raw'; readonly status: number; readonly body: string }
  | { readonly kind: 'stall'; readonly ms: number; readonly next?: Reply }
  | { readonly kind: 'hangup' };

/** Decides the reply to the n-th (1-based) verified request. */
export type Scenario = (request: RecordedRequest, n: number) => Reply;

export interface BatchTestServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  scenario: Scenario;
  close(): Promise<void>;
}

export const envelope = (response: Record<string, unknown>): string =>
  JSON.stringify({ Response: { RequestId: randomUUID(), ...response } });

const errorBody = (code: string, message: string): string =>
  envelope({ Error: { Code: code, Message: message } });

const send = (res: ServerResponse, reply: Reply, timers: Set<NodeJS.Timeout>): void => {
  switch (reply.kind) {
    case 'ok':
      res.writeHead(200, { 'content-type': 'application/json' }).end(envelope(reply.response));
      return;
    case 'error':
      res
        .writeHead(reply.status ?? 200, { 'content-type': 'application/json' })
        .end(errorBody(reply.code, reply.message ?? `${reply.code} from the test server`));
      return;
    case 'raw':
      res.writeHead(reply.status, { 'content-type': 'text/html' }).end(reply.body);
      return;
    case 'stall': {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (reply.next !== undefined && !res.destroyed) send(res, reply.next, timers);
      }, reply.ms);
      timers.add(timer);
      return;
    }
    case 'hangup':
      res.socket?.destroy();
      return;
  }
};

export const startBatchTestServer = async (
  keys: ReadonlyMap<string, string>,
  scenario: Scenario = () => ({ kind: 'ok', response: {} }),
): Promise<BatchTestServer> => {
  const timers = new Set<NodeJS.Timeout>();
  const requests: RecordedRequest[] = [];
  let verified = 0;
  const state = { scenario };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const check = verifyTc3({
        method: req.method ?? '',
        headers: req.headers,
        body,
        keys,
        nowSeconds: Math.floor(Date.now() / 1000),
        service: 'batch',
      });
      const recorded: RecordedRequest = {
        action: String(req.headers['x-tc-action'] ?? ''),
        headers: req.headers,
        body,
        params: JSON.parse(body || 'null'),
        signatureOk: check.ok,
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      if (!check.ok) {
        send(
          res,
          { kind: 'error', code: 'AuthFailure.SignatureFailure', message: check.reason },
          timers,
        );
        return;
      }
      verified += 1;
      send(res, state.scenario(recorded, verified), timers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get scenario() {
      return state.scenario;
    },
    set scenario(next: Scenario) {
      state.scenario = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close((err) => (err === undefined ? resolve() : reject(err)));
      }),
  };
};
