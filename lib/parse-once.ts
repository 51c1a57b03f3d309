/**
 * For a schema parsed once per process (settings, bridge.yml, client options): zod's JIT would
 * compile a parser with `new Function` that is never used again, which costs a cold start more
 * than the one slower parse. Schemas parsed per event or per API reply keep the JIT.
 */
export const PARSE_ONCE = { jitless: true } as const;

const parsedBefore = new WeakSet<object>();

/**
 * For schemas parsed again and again (API replies, requests): the first parse of each runs
 * without the JIT, so a cold start compiles no parser; later parses compile one and use it.
 */
export const jitAfterFirstParse = (schema: object): typeof PARSE_ONCE | undefined => {
  if (parsedBefore.has(schema)) return undefined;
  parsedBefore.add(schema);
  return PARSE_ONCE;
};
