import { describe, expect, it } from 'vitest';
import { buildCsr, type EdgeInput } from '../csr';
import { betweennessCentrality, samplingErrorBound } from './betweenness';
import { BROKEN_CSR, at, byName, expectInvalid, tiny } from './test-utils';

describe('betweenness: bad input throws first', () => {
  const g = tiny('a>b b>c');
  it('rejects an invalid Csr', () => {
    expectInvalid(() => betweennessCentrality(BROKEN_CSR), 'csr.ids');
  });
  it('rejects bad options', () => {
    expectInvalid(() => betweennessCentrality(g, [] as unknown as object), 'options');
    expectInvalid(() => betweennessCentrality(g, { normalized: 1 as unknown as boolean }), 'options.normalized');
    expectInvalid(() => betweennessCentrality(g, { exactLimit: -1 }), 'options.exactLimit');
    expectInvalid(() => betweennessCentrality(g, { samples: 0 }), 'options.samples');
    expectInvalid(() => betweennessCentrality(g, { seed: 1.5 }), 'options.seed');
    expectInvalid(() => betweennessCentrality(g, { confidence: 1 }), 'options.confidence');
    expectInvalid(() => betweennessCentrality(g, { confidence: 0 }), 'options.confidence');
    expectInvalid(() => betweennessCentrality(g, { directed: false }), 'options.directed');
  });
  it('rejects weighted mode without weights or with non-positive lengths', () => {
    expectInvalid(() => betweennessCentrality(g, { weighted: true }), 'options.weighted');
    expectInvalid(() => betweennessCentrality(tiny('a>b:1 b>c:0'), { weighted: true }), 'csr.outWeights[1]');
  });
});

describe('betweenness: exact values on tiny graphs', () => {
  it('directed path: a ──► b ──► c', () => {
    const g = tiny('a>b b>c');
    const r = betweennessCentrality(g);
    expect(byName(g, r.values)).toEqual({ a: 0, b: 0.5, c: 0 }); // 1 pair / ((n-1)(n-2)) = 1/2
    expect(r).toMatchObject({ exact: true, pivots: 3, errorBound: 0 });
  });

  it('undirected path: a ─── b ─── c ─── d', () => {
    const g = tiny('a-b b-c c-d');
    // b is inside (a,c) and (a,d): 2 unordered pairs, normalised 2 * 2/((n-1)(n-2)) = 2/3.
    expect(byName(g, betweennessCentrality(g).values)).toEqual({ a: 0, b: 2 / 3, c: 2 / 3, d: 0 });
    // Unnormalised: NetworkX halves the ordered-pair sum for undirected graphs.
    expect(at(g, betweennessCentrality(g, { normalized: false, directed: false }).values, 'b')).toBe(2);
    expect(at(g, betweennessCentrality(g, { normalized: false }).values, 'b')).toBe(4);
  });

  /*
   *        ┌──► b ──┐
   *   a ───┤        ├──► d       two shortest a→d paths, each middle node on half of them
   *        └──► c ──┘
   */
  it('directed diamond splits the pair', () => {
    const g = tiny('a>b a>c b>d c>d');
    expect(byName(g, betweennessCentrality(g).values)).toEqual({ a: 0, b: 1 / 12, c: 1 / 12, d: 0 });
  });

  /*
   *   a ──1── b ──1── c
   *    ╲             ╱          lengths: a–c is 3 (longer than a–b–c) or 2 (a tie)
   *     ──── 3|2 ────
   */
  it('weighted: edge weights are lengths; equal lengths tie exactly', () => {
    const longer = tiny('a-b:1 b-c:1 a-c:3');
    expect(byName(longer, betweennessCentrality(longer, { weighted: true }).values)).toEqual({ a: 0, b: 1, c: 0 });
    const tie = tiny('a-b:1 b-c:1 a-c:2');
    expect(at(tie, betweennessCentrality(tie, { weighted: true }).values, 'b')).toBe(0.5);
    expect(at(tie, betweennessCentrality(tie).values, 'b')).toBe(0); // unweighted: a–c is direct
  });

  it('n <= 2 and graphs without paths give zeros', () => {
    expect([...betweennessCentrality(tiny('a>b')).values]).toEqual([0, 0]);
    expect([...betweennessCentrality(tiny('a>b', ['c', 'd'])).values]).toEqual([0, 0, 0, 0]);
    expect(betweennessCentrality(buildCsr([], [])).values.length).toBe(0);
  });

  /*
   *        ┌► a1 ┐     ┌► a2 ┐           ┌► a40 ┐
   *   c0 ──┤     ├► c1 ┤     ├► c2 ... ──┤      ├► c40       2^40 shortest c0 → c40 paths
   *        └► b1 ┘     └► b2 ┘           └► b40 ┘
   */
  it('path counts beyond 2^32 stay exact (chain of 40 diamonds)', () => {
    const k = 40;
    const ids: string[] = ['c0'];
    const arcs: EdgeInput[] = [];
    for (let i = 1; i <= k; i++) {
      ids.push(`a${i}`, `b${i}`, `c${i}`); // indices 3i-2, 3i-1, 3i; c_{i-1} is 3(i-1)
      const prev = 3 * (i - 1);
      arcs.push([prev, 3 * i - 2], [prev, 3 * i - 1], [3 * i - 2, 3 * i], [3 * i - 1, 3 * i]);
    }
    const g = buildCsr(ids, arcs);
    const raw = betweennessCentrality(g, { normalized: false }).values;
    for (let i = 0; i <= k; i++) {
      // 3i nodes before c_i, 3(k-i) after, every path between them passes c_i.
      expect(at(g, raw, `c${i}`)).toBe(9 * i * (k - i));
    }
    for (let i = 1; i <= k; i++) {
      // a_i carries half of every pair (before, after): (3i-2) * (3(k-i)+1) / 2.
      expect(at(g, raw, `a${i}`)).toBe(((3 * i - 2) * (3 * (k - i) + 1)) / 2);
      expect(at(g, raw, `b${i}`)).toBe(at(g, raw, `a${i}`));
    }
  });
});

/** Deterministic random directed graph (LCG), for the sampling tests. */
function randomGraph(n: number, m: number, seed: number): ReturnType<typeof buildCsr> {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const arcs: EdgeInput[] = [];
  for (let i = 0; i < m; i++) arcs.push([Math.floor(next() * n), Math.floor(next() * n)]);
  return buildCsr(Array.from({ length: n }, (_, i) => `v${i}`), arcs, { dropSelfLoops: true });
}

describe('betweenness: sampling above exactLimit', () => {
  const g = randomGraph(300, 1200, 7);
  const exact = betweennessCentrality(g).values;

  it('is exact when the pivots cover every node', () => {
    const r = betweennessCentrality(g, { exactLimit: 10, samples: 300 });
    expect(r.exact).toBe(true);
    expect([...r.values]).toEqual([...exact]);
  });

  it('reports k pivots, the Hoeffding bound, and stays within it', () => {
    const r = betweennessCentrality(g, { exactLimit: 100, samples: 60, seed: 11 });
    expect(r).toMatchObject({ exact: false, pivots: 60, confidence: 0.95 });
    const n = 300;
    expect(r.errorBound).toBeCloseTo((n / (n - 1)) * Math.sqrt(Math.log((2 * n) / 0.05) / (2 * 60)), 15);
    let worst = 0;
    for (let v = 0; v < n; v++) worst = Math.max(worst, Math.abs(r.values[v]! - exact[v]!));
    expect(worst).toBeLessThanOrEqual(r.errorBound);
    expect(worst).toBeGreaterThan(0);
  });

  it('is reproducible for a seed and changes with it', () => {
    const a = betweennessCentrality(g, { exactLimit: 100, samples: 60, seed: 1 }).values;
    const b = betweennessCentrality(g, { exactLimit: 100, samples: 60, seed: 1 }).values;
    const c = betweennessCentrality(g, { exactLimit: 100, samples: 60, seed: 2 }).values;
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
  });

  it('scales the bound to raw units when unnormalised', () => {
    const r = betweennessCentrality(g, { exactLimit: 100, samples: 60, normalized: false });
    expect(r.errorBound).toBeCloseTo(samplingErrorBound(300, 60, 0.95) * 299 * 298, 6);
  });

  it('samplingErrorBound: n/(n-1) * sqrt(ln(2n/delta) / (2k))', () => {
    // n = 1000, k = 100, delta = 0.05: 1000/999 * sqrt(ln(40000) / 200) = 0.230410...
    expect(samplingErrorBound(1000, 100, 0.95)).toBeCloseTo(0.23041, 5);
    expect(samplingErrorBound(1000, 1000, 0.95)).toBe(0);
  });
});
