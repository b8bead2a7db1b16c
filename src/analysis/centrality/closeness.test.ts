import { describe, expect, it } from 'vitest';
import { buildCsr } from '../csr';
import { closenessCentrality } from './closeness';
import { BROKEN_CSR, byName, expectInvalid, tiny } from './test-utils';

describe('closeness: bad input throws first', () => {
  it('rejects an invalid Csr and bad options', () => {
    expectInvalid(() => closenessCentrality(BROKEN_CSR), 'csr.ids');
    expectInvalid(() => closenessCentrality(tiny('a-b'), 7 as unknown as object), 'options');
    expectInvalid(() => closenessCentrality(tiny('a-b'), { wfImproved: 'yes' as unknown as boolean }), 'options.wfImproved');
  });
});

describe('closeness (incoming distances, Wasserman-Faust)', () => {
  /*
   *   a ──► b ──► c        c is reached from b (1) and a (2); a from nobody
   *
   *   d ─── e              a separate undirected edge (n = 5 overall)
   */
  const g = tiny('a>b b>c d-e');

  it('uses distances TO the node and scales by (r-1)/(n-1)', () => {
    expect(byName(g, closenessCentrality(g))).toEqual({
      a: 0,
      b: (1 / 1) * (1 / 4),
      c: (2 / 3) * (2 / 4),
      d: 1 / 4,
      e: 1 / 4,
    });
  });

  it('without the correction: (r-1) / sum of distances', () => {
    expect(byName(g, closenessCentrality(g, { wfImproved: false }))).toEqual({ a: 0, b: 1, c: 2 / 3, d: 1, e: 1 });
  });

  /*
   *   a ─── b ─── c ─── d
   */
  it('undirected path', () => {
    const p = tiny('a-b b-c c-d');
    expect(byName(p, closenessCentrality(p))).toEqual({ a: 3 / 6, b: 3 / 4, c: 3 / 4, d: 3 / 6 });
  });

  it('single node and empty graph', () => {
    expect([...closenessCentrality(buildCsr(['x'], []))]).toEqual([0]);
    expect(closenessCentrality(buildCsr([], [])).length).toBe(0);
  });
});
