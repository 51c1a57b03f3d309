/** Paths into bridge.yml, written the way a user would point at the place: `rules[3].do[0].alert`. */

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Dotted keys such as `vars.pipeline` are bracketed so the path stays unambiguous. */
export const formatPath = (path: readonly PropertyKey[]): string => {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? '(top level)' : out;
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `path`, or undefined when the path leaves the data. */
export const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown => {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isRecord(node) && typeof segment !== 'symbol') node = node[String(segment)];
    else return undefined;
  }
  return node;
};
