import { describe, expect, it } from 'vitest';
import { headlessLayout } from './headless-layout';

/** Two cliques of five joined by one edge, plus an isolated node. */
function twoCliques(): { ids: string[]; edges: Int32Array } {
  const ids = Array.from({ length: 11 }, (_, i) => `n${i}`);
  const pairs: number[] = [];
  for (const base of [0, 5]) for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) pairs.push(base + a, base + b);
  pairs.push(0, 5);
  return { ids, edges: Int32Array.from(pairs) };
}

const dist = (p: { x: Float64Array; y: Float64Array }, a: number, b: number) => Math.hypot(p.x[a]! - p.x[b]!, p.y[a]! - p.y[b]!);

describe('headlessLayout (fcose draft + refinement without a browser)', () => {
  it('rejects edges to nodes that do not exist and odd edge lists', () => {
    expect(() => headlessLayout({ ids: ['a'], edges: Int32Array.from([0, 1]) })).toThrow(/not a node index/);
    expect(() => headlessLayout({ ids: ['a', 'b'], edges: Int32Array.from([0]) })).toThrow(/index pairs/);
  });

  it('returns nothing for an empty graph and a finite point for one node', () => {
    expect(headlessLayout({ ids: [], edges: new Int32Array() }).x.length).toBe(0);
    const one = headlessLayout({ ids: ['a'], edges: new Int32Array() });
    expect(Number.isFinite(one.x[0]!) && Number.isFinite(one.y[0]!)).toBe(true);
  });

  it('keeps each clique together and the two apart, with no two nodes on one spot', () => {
    const p = headlessLayout(twoCliques());
    let within = 0;
    let across = 0;
    let closest = Infinity;
    for (let a = 0; a < 10; a++) {
      for (let b = a + 1; b < 10; b++) {
        const d = dist(p, a, b);
        closest = Math.min(closest, d);
        if (a < 5 === b < 5) within = Math.max(within, d);
        else across += d / 25;
      }
    }
    expect(across, 'mean distance across cliques vs largest within one').toBeGreaterThan(within);
    expect(closest).toBeGreaterThan(5);
    for (let i = 0; i < 11; i++) expect(Number.isFinite(p.x[i]!) && Number.isFinite(p.y[i]!)).toBe(true);
  });
});
