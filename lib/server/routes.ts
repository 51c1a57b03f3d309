import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Which endpoint a request is for, and whether it carries the push secret. The secret may sit
 * in the path, so nothing here returns or logs the path itself: callers log the route name.
 */

export type Route =
  | { readonly name: 'health' }
  | { readonly name: 'push'; readonly pathSecret: string | undefined }
  | { readonly name: 'unknown' };

const PUSH_PREFIX = '/push/';

/** The path without the query; a target that is no URL path at all matches nothing. */
const pathOf = (target: string | undefined): string | undefined => {
  if (target === undefined || !target.startsWith('/')) return undefined;
  const end = target.indexOf('?');
  return end === -1 ? target : target.slice(0, end);
};

export const matchRoute = (target: string | undefined, hasSecret: boolean): Route => {
  const path = pathOf(target);
  if (path === '/healthz') return { name: 'health' };
  if (path === '/') return { name: 'push', pathSecret: undefined };
  if (hasSecret && path?.startsWith(PUSH_PREFIX)) {
    const segment = path.slice(PUSH_PREFIX.length);
    if (segment !== '' && !segment.includes('/')) return { name: 'push', pathSecret: segment };
  }
  return { name: 'unknown' };
};

// Hashing first gives equal lengths, so the comparison's time does not depend on the input.
const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export const SECRET_HEADER = 'x-bridge-secret';

/** A check of the secret in the path or the header, in constant time for a given secret. */
export const createSecretCheck = (secret: string | undefined) => {
  const expected = secret === undefined ? undefined : digest(secret);
  return (pathSecret: string | undefined, headers: IncomingHttpHeaders): boolean => {
    if (expected === undefined) return true;
    const header = headers[SECRET_HEADER];
    const candidates = [pathSecret, typeof header === 'string' ? header : undefined];
    let ok = false;
    for (const candidate of candidates) {
      if (candidate !== undefined && timingSafeEqual(digest(candidate), expected)) ok = true;
    }
    return ok;
  };
};
