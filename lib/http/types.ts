/**
 * The part of `fetch` the project's adapters use. `globalThis.fetch` is assignable to it, so
 * callers may inject either; anything narrower than full fetch keeps the Node transport small.
 */

export interface HttpFetchInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly signal?: AbortSignal;
  /** Redirects are never followed: a 3xx comes back as it is, as fetch does with 'manual'. */
  readonly redirect?: 'manual';
}

export type HttpFetch = (input: string | URL, init?: HttpFetchInit) => Promise<Response>;
