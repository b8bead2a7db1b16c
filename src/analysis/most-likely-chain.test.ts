import { describe, expect, it } from 'vitest';
import { mostLikelyChains } from './most-likely-chain';
import { dep, graph } from './propagation/test-utils';

/*
 *   o ──0.9──► a ──0.9──► t        (trust edges; product 0.81)
 *   o ─────0.5────────────► t      (trust; 0.5)
 *   o ──1.0 (no trust)───► x       (not a trust channel: never a compromise path)
 *   (edges point from supplier to dependent here; in the model t depends on a, a on o)
 */
const g = graph(
  ['o', 'a', 't', 'x'],
  [
    dep('a', 'o', { integrity: true, propagation: 0.9 }),
    dep('t', 'a', { integrity: true, propagation: 0.9 }),
    dep('t', 'o', { integrity: true, propagation: 0.5 }),
    dep('x', 'o', { integrity: false, propagation: 1 }),
  ],
);
const ix = (id: string) => g.index.get(id)!;

describe('mostLikelyChains', () => {
  it('rejects origins that are not node indices', () => {
    expect(() => mostLikelyChains(g, [99])).toThrow(/not a node index/);
  });

  it('follows the trust path with the largest product of probabilities', () => {
    const c = mostLikelyChains(g, [ix('o')]);
    expect(c.probability[ix('o')]).toBe(1);
    expect(c.probability[ix('a')]).toBeCloseTo(0.9, 12);
    expect(c.probability[ix('t')]).toBeCloseTo(0.81, 12);
    expect(g.edgeIds[c.parentEdge[ix('t')]!]).toBe('t>a');
    expect(c.probability[ix('x')]).toBe(0);
    expect(c.parentEdge[ix('x')]).toBe(-1);
  });
});
