import { describe, expect, it } from 'vitest';
import { buildCsr } from '../csr';
import { degreeCentrality, inDegreeCentrality, outDegreeCentrality } from './degree';
import { BROKEN_CSR, byName, expectInvalid, tiny } from './test-utils';

describe('degree centrality: bad input throws first', () => {
  it('rejects an invalid Csr', () => {
    expectInvalid(() => degreeCentrality(BROKEN_CSR), 'csr.ids');
    expectInvalid(() => inDegreeCentrality(BROKEN_CSR), 'csr.ids');
    expectInvalid(() => outDegreeCentrality(BROKEN_CSR), 'csr.ids');
  });

  it('rejects bad options', () => {
    expectInvalid(() => degreeCentrality(tiny('a-b'), 'x' as unknown as object), 'options');
    expectInvalid(() => degreeCentrality(tiny('a-b'), { directed: 0 as unknown as boolean }), 'options.directed');
  });

  it('refuses directed: false on a graph that is not symmetric', () => {
    expectInvalid(() => degreeCentrality(tiny('a>b'), { directed: false }), 'options.directed');
  });
});

describe('degree centrality (NetworkX normalisation: / (n - 1))', () => {
  /*
   *   a ──► b ◄── c
   *         │
   *         ▼
   *         d ⟲        (self-loop: one in-arc and one out-arc)
   */
  const directed = tiny('a>b c>b b>d d>d');

  it('directed: degree = in + out', () => {
    expect(byName(directed, degreeCentrality(directed))).toEqual({ a: 1 / 3, b: 1, c: 1 / 3, d: 1 });
    expect(byName(directed, inDegreeCentrality(directed))).toEqual({ a: 0, b: 2 / 3, c: 0, d: 2 / 3 });
    expect(byName(directed, outDegreeCentrality(directed))).toEqual({ a: 1 / 3, b: 1 / 3, c: 1 / 3, d: 1 / 3 });
  });

  /*
   *   a ─── b ─── c
   *         │
   *         d ⟲        (an undirected self-loop counts twice, as in NetworkX)
   */
  it('undirected: each edge once, self-loop twice', () => {
    const g = tiny('a-b b-c b-d d-d');
    expect(byName(g, degreeCentrality(g, { directed: false }))).toEqual({ a: 1 / 3, b: 1, c: 1 / 3, d: 1 });
  });

  it('n <= 1 gives 1 per node, n = 0 nothing', () => {
    expect([...degreeCentrality(buildCsr(['solo'], []))]).toEqual([1]);
    expect([...inDegreeCentrality(buildCsr(['solo'], []))]).toEqual([1]);
    expect(degreeCentrality(buildCsr([], [])).length).toBe(0);
  });
});
