/**
 * Seeded pseudo-random numbers for every randomised algorithm in Linchpin (and
 * the seed generator), so that any result can be reproduced from its seed.
 *
 * mulberry32 by Tommy Ettinger (public domain):
 *   https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 * FNV-1a 32-bit hash (Fowler, Noll, Vo): http://www.isthe.com/chongo/tech/comp/fnv/
 * splitmix32 finaliser (after Steele, Lea & Flood 2014, "Fast splittable
 * pseudorandom number generators") to derive independent per-run seeds.
 *
 * O(1) per draw, 32 bits of state.
 */

/** A generator of floats in [0, 1). */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a hash of the UTF-16 code units of `s`. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A well-mixed 32-bit value from a 32-bit input (splitmix32 finaliser). */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The generator of Monte Carlo run `run` under `seed`: it depends on (seed, run)
 * only, so a run draws the same numbers whichever worker executes it.
 */
export function runRandom(seed: number, run: number): Random {
  return mulberry32(mix32((mix32(seed >>> 0) ^ Math.imul(run >>> 0, 0x9e3779b1)) >>> 0));
}
