/** A seeded PRNG (mulberry32): the same seed gives the same ids and the same injected faults. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** True with probability `rate` (0 never, 1 always, without consuming randomness). */
  chance(rate: number): boolean;
  /** `prefix-` plus 8 lowercase alphanumerics, the shape of Batch ids (`job-97zcl3wt`). */
  id(prefix: string): string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export const createRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (rate) => (rate <= 0 ? false : rate >= 1 ? true : next() < rate),
    id: (prefix) => {
      let suffix = '';
      for (let i = 0; i < 8; i += 1) suffix += ALPHABET[Math.floor(next() * ALPHABET.length)];
      return `${prefix}-${suffix}`;
    },
  };
};
