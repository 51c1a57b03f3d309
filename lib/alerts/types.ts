import type { ChannelType } from '../config/schema.js';

export type Severity = 'info' | 'warning' | 'error';

/** What an alert says, independent of the channel that shows it. */
export interface AlertMessage {
  readonly title: string;
  readonly text: string;
  readonly severity?: Severity;
  readonly fields?: readonly (readonly [label: string, value: string])[];
  /** The log tail; when a channel's size limit bites, its oldest lines go first. */
  readonly codeBlock?: string;
  readonly link?: { readonly label: string; readonly url: string };
}

export type SendResult =
  | { readonly status: 'sent'; readonly attempts: number; readonly truncated: boolean }
  /** Not sent: the channel's rate limit has no slot before the deadline. Aggregate and retry. */
  | { readonly status: 'deferred'; readonly retryAfterMs: number };

export interface SendOptions {
  /** Epoch ms by which the send, retries and waits included, must be over. */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
}

export interface Channel {
  readonly name: string;
  readonly type: ChannelType;
  send(message: AlertMessage, options?: SendOptions): Promise<SendResult>;
}

/** A channel entry of bridge.yml; `template` only applies to the plain webhook. */
export interface ChannelSettings {
  readonly type: ChannelType;
  readonly url: string;
  readonly secret?: string | undefined;
  readonly template?: string | undefined;
}

export type { Sleep } from '../sleep.js';

/** The HTTP answer, as read within the attempt's timeout. */
export interface HttpReply {
  readonly status: number;
  readonly text: string;
  readonly retryAfter: string | null;
}

/**
 * How a channel judged one attempt. `rate-limited` and `transient` may succeed when sent
 * again; `permanent` (bad signature, invalid key, content rejected) never will.
 */
export type Verdict =
  | { readonly ok: true; readonly note?: string }
  | {
      readonly ok: false;
      readonly kind: 'rate-limited' | 'transient' | 'permanent';
      readonly code: string;
      readonly message: string;
      readonly status?: number;
      /** How long the channel asks us to stay away (Retry-After, a known throttle period). */
      readonly retryAfterMs?: number;
    };

/** A rolling limit: at most `limit` sends in any `windowMs`. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** Request parts for one attempt; signing channels recompute them per attempt. */
export interface PreparedRequest {
  readonly url: string;
  readonly body: string;
  /** Values to scrub from anything the channel echoes back (signatures). */
  readonly secrets: readonly string[];
}

/**
 * What makes a channel type different from the others. Declared with methods so that an
 * adapter of a specific body type can stand in the registry as `ChannelAdapter`.
 */
export interface ChannelAdapter<Body = unknown> {
  readonly type: ChannelType;
  readonly windows: readonly RateWindow[];
  /** The JSON body before signing. */
  render(message: AlertMessage): Body;
  /** Whether a rendered body is within the platform's size limits. */
  fits(body: Body): boolean;
  prepare(body: Body, context: SigningContext): PreparedRequest;
  judge(reply: HttpReply): Verdict;
}

export interface SigningContext {
  readonly url: string;
  readonly secret: string | undefined;
  /** Epoch ms. */
  readonly now: number;
}
