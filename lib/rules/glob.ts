// Characters with a meaning in a `u`-mode RegExp; `-` is not one of them outside a class.
const SPECIAL = /[\\^$.*+?()[\]{}|/]/;

export const isGlob = (pattern: string): boolean => pattern.includes('*') || pattern.includes('?');

/** `*` is any run of characters, `?` exactly one; everything else is literal. Anchored. */
export const globToRegExp = (glob: string): RegExp => {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += SPECIAL.test(ch) ? `\\${ch}` : ch;
  }
  return new RegExp(`^${source}$`, 'su');
};
