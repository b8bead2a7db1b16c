/**
 * Small deterministic PRNG for the illustrative seed generator.
 *
 * The generator and the hash are src/analysis/random.ts's (mulberry32, FNV-1a).
 *
 * Every entity gets its own stream seeded with `SEED ^ fnv1a32(key)`, so adding
 * or removing one entity does not shift the draws of any other.
 */

import { fnv1a32, mulberry32 } from '../../src/analysis/random';

export { fnv1a32, mulberry32 };

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Stream for one entity: seed XOR hash of its key. */
  static forKey(seed: number, key: string): Rng {
    return new Rng((seed ^ fnv1a32(key)) >>> 0);
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** True with probability p. Always consumes one draw. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Mean of n uniforms in [0, 1): a cheap bell-shaped draw (Bates distribution). */
  bates(n: number): number {
    let s = 0;
    for (let i = 0; i < n; i++) s += this.next();
    return s / n;
  }

  /** One element, uniformly. Consumes one draw. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from empty list');
    const i = Math.min(items.length - 1, Math.floor(this.next() * items.length));
    return items[i] as T;
  }

  /** One element with the given non-negative weights. Consumes one draw. */
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((a, b) => a + b, 0);
    if (items.length === 0 || total <= 0) throw new Error('pickWeighted from empty list');
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** k distinct elements, each round drawn with the given weights among those left. */
  sampleWeighted<T>(items: readonly T[], weights: readonly number[], k: number): T[] {
    const pool = items.map((item, i) => ({ item, w: weights[i] ?? 0 }));
    const out: T[] = [];
    while (out.length < k && pool.length > 0) {
      const chosen = this.pickWeighted(
        pool.map((_, i) => i),
        pool.map((p) => p.w),
      );
      const [taken] = pool.splice(chosen, 1);
      if (taken) out.push(taken.item);
    }
    return out;
  }
}
