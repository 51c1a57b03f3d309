import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** One keep-alive Agent per protocol, each made on its first request and never at import. */

export interface AgentSettings {
  readonly keepAliveMsecs: number;
  readonly maxSockets: number;
  readonly maxFreeSockets: number;
  /** An idle pooled socket is closed after this; active requests are bounded elsewhere. */
  readonly freeSocketTimeoutMs: number;
}

export type RequestFn = typeof httpRequest;

export interface Transport {
  readonly request: RequestFn;
  readonly agent: HttpAgent;
}

export interface AgentPool {
  /** `undefined` for a protocol other than http: and https:. */
  transportFor(protocol: string): Transport | undefined;
  destroy(): void;
}

const agentOptions = (settings: AgentSettings) => ({
  keepAlive: true,
  keepAliveMsecs: settings.keepAliveMsecs,
  maxSockets: settings.maxSockets,
  maxFreeSockets: settings.maxFreeSockets,
  // A node:http Agent's `timeout` only ever destroys sockets that sit in its free list.
  timeout: settings.freeSocketTimeoutMs,
  // The most recently used socket is the least likely to have been closed by the server.
  scheduling: 'lifo' as const,
});

export const createAgentPool = (settings: AgentSettings): AgentPool => {
  let http: Transport | undefined;
  let https: Transport | undefined;
  return {
    transportFor: (protocol) => {
      if (protocol === 'http:') {
        http ??= { request: httpRequest, agent: new HttpAgent(agentOptions(settings)) };
        return http;
      }
      if (protocol === 'https:') {
        https ??= { request: httpsRequest, agent: new HttpsAgent(agentOptions(settings)) };
        return https;
      }
      return undefined;
    },
    destroy: () => {
      http?.agent.destroy();
      https?.agent.destroy();
    },
  };
};
