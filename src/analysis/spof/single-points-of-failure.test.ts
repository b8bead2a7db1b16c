import { describe, expect, it } from 'vitest';
import { singlePointsOfFailure } from './single-points-of-failure';
import { buildPropagationGraph } from '../propagation/graph';
import { hardFailureSet } from '../propagation/hard-failure-set';
import { dep, expectInputError, graph, node, randomGraphInput } from '../propagation/test-utils';
import type { PropagationGraph } from '../propagation/types';
import { mulberry32 } from '../random';

/** The definition: sweep every node (and every pair) with hardFailureSet. */
function bruteForce(g: PropagationGraph, f: number): { order1: number[]; order2: [number, number][] } {
  const order1: number[] = [];
  for (let v = 0; v < g.n; v++) if (v !== f && hardFailureSet(g, [v])[f] === 1) order1.push(v);
  const single = new Set(order1);
  const order2: [number, number][] = [];
  for (let u = 0; u < g.n; u++) {
    for (let v = u + 1; v < g.n; v++) {
      if (u === f || v === f || single.has(u) || single.has(v)) continue;
      if (hardFailureSet(g, [u, v])[f] === 1) order2.push([u, v]);
    }
  }
  return { order1, order2 };
}

function inDegree(g: PropagationGraph, v: number): number {
  return g.byDependentOffsets[v + 1]! - g.byDependentOffsets[v]!;
}

/*
 * Arrows run supplier ──► dependent.
 *
 *   p1 ──┐                       s: group {p1, p2}, minAlive 1 (both must fail)
 *   p2 ──┴──► s ──► f ◄── r ⇄ q  f requires s and r; r and q require each other (a cycle)
 *   m1 ──┐         ▲             f: group {m1, m2, m3}, minAlive 2 (2-of-3: any two fail it)
 *   m2 ──┼─────────┘
 *   m3 ──┘
 *   f ──► u                      u depends on f (not an ancestor);  k: isolated;  f ⟲ (dropped)
 */
const g = graph(
  [node('f', 'CriticalFunction'), 's', 'p1', 'p2', 'r', 'q', 'm1', 'm2', 'm3', 'u', 'k'],
  [
    dep('s', 'p1', { redundancyGroup: 'g', minAlive: 1 }),
    dep('s', 'p2', { redundancyGroup: 'g', minAlive: 1 }),
    dep('f', 's'),
    dep('f', 'r'),
    dep('r', 'q'),
    dep('q', 'r'),
    dep('f', 'm1', { redundancyGroup: 'm', minAlive: 2 }),
    dep('f', 'm2', { redundancyGroup: 'm', minAlive: 2 }),
    dep('f', 'm3', { redundancyGroup: 'm', minAlive: 2 }),
    dep('u', 'f'),
    dep('f', 'f'),
  ],
);

describe('singlePointsOfFailure: bad input throws first', () => {
  it('rejects a bad function index and options', () => {
    expectInputError(() => singlePointsOfFailure(g, 11), 'functionIndex: not a node index in 0..10, got 11');
    expectInputError(() => singlePointsOfFailure(g, -1), 'functionIndex');
    expectInputError(() => singlePointsOfFailure(g, 0, { order2: 'yes' as unknown as boolean }), 'options.order2: must be a boolean');
    expectInputError(() => singlePointsOfFailure({} as PropagationGraph, 0), 'g: must be a PropagationGraph');
  });
});

describe('singlePointsOfFailure', () => {
  it('finds the order-1 and order-2 minimal cut sets of the drawn graph', () => {
    const result = singlePointsOfFailure(g, 0, { order2: true });
    expect(result.order1.map((v) => g.ids[v])).toEqual(['s', 'r', 'q']);
    expect(result.order2.map(([a, b]) => [g.ids[a], g.ids[b]])).toEqual([
      ['p1', 'p2'],
      ['m1', 'm2'],
      ['m1', 'm3'],
      ['m2', 'm3'],
    ]);
    expect(result).toEqual(bruteForce(g, 0));
  });

  it('lists order 2 only on request', () => {
    expect(singlePointsOfFailure(g, 0).order2).toEqual([]);
  });

  it('a node with no suppliers has no single points of failure', () => {
    expect(singlePointsOfFailure(g, 10, { order2: true })).toEqual({ order1: [], order2: [] });
  });

  it('restricting the sweep to ancestors changes nothing: 1,000 random graphs (order 2 on 300)', () => {
    let found1 = 0;
    let found2 = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const random = mulberry32(seed ^ 0x5bd1e995);
      const withPairs = seed <= 300;
      const n = withPairs ? 5 + Math.floor(random() * 8) : 5 + Math.floor(random() * 26);
      const input = randomGraphInput(seed, {
        n,
        required: Math.floor(n * (withPairs ? 0.2 + 0.4 * random() : 0.5 + random())),
        groups: Math.floor(n * (withPairs ? 0.5 + 0.7 * random() : 0.6 * random())),
        maxGroupSize: 4,
        selfLoops: Math.floor(random() * 3),
      });
      const h = buildPropagationGraph(input);
      // Odd seeds: a random node; even seeds: the node with the most dependencies.
      let f = Math.floor(random() * n);
      if (seed % 2 === 0) {
        for (let v = 0; v < n; v++) if (inDegree(h, v) > inDegree(h, f)) f = v;
      }
      const expected = bruteForce(h, f);
      const actual = singlePointsOfFailure(h, f, { order2: withPairs });
      expect(actual.order1, `seed ${seed}`).toEqual(expected.order1);
      if (withPairs) expect(actual.order2, `seed ${seed}`).toEqual(expected.order2);
      found1 += expected.order1.length;
      if (withPairs) found2 += expected.order2.length;
    }
    // The comparison is not vacuous: both orders turn up often.
    expect(found1).toBeGreaterThan(1000);
    expect(found2).toBeGreaterThan(200);
  });
});
