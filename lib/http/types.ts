/**
 * The part of `fetch` the project's adapters use. `globalThis.fetch` is assignable to it, so
 * callers may inject either; anything narrower than full fetch keeps the Node transport small
 * and lets it answer without loading undici (about 20 ms of a cold start).
 */

export interface HttpFetchInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly signal?: AbortSignal;
  /** Redirects are never followed: a 3xx comes back as it is, as fetch does with 'manual'. */
  readonly redirect?: 'manual';
}

/** The part of a WHATWG `Response` the adapters read; a real `Response` is one. */
export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
  clone(): HttpResponse;
}

export type HttpFetch = (input: string | URL, init?: HttpFetchInit) => Promise<HttpResponse>;
