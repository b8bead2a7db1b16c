import { describe, expect, it } from 'vitest';
import { buildCsr } from '../csr';
import { ConvergenceError } from '../errors';
import { pagerank } from './pagerank';
import { BROKEN_CSR, at, expectInvalid, tiny } from './test-utils';

describe('pagerank: bad input throws first', () => {
  const g = tiny('a>b');
  it('rejects an invalid Csr and bad options', () => {
    expectInvalid(() => pagerank(BROKEN_CSR), 'csr.ids');
    expectInvalid(() => pagerank(g, null as unknown as object), 'options');
    expectInvalid(() => pagerank(g, { alpha: 1.5 }), 'options.alpha');
    expectInvalid(() => pagerank(g, { alpha: -0.1 }), 'options.alpha');
    expectInvalid(() => pagerank(g, { tol: 0 }), 'options.tol');
    expectInvalid(() => pagerank(g, { maxIter: 0 }), 'options.maxIter');
    expectInvalid(() => pagerank(g, { weighted: true }), 'options.weighted');
    expectInvalid(() => pagerank(tiny('a>b:-1'), { weighted: true }), 'csr.outWeights[0]');
  });
});

describe('pagerank: values on tiny graphs', () => {
  /*   a ◄──► b   */
  it('a 2-cycle splits evenly', () => {
    const r = pagerank(tiny('a>b b>a'));
    expect(r.values[0]).toBeCloseTo(0.5, 12);
    expect(r.values[1]).toBeCloseTo(0.5, 12);
  });

  /*
   *   a ──► b        b is dangling: its mass is spread uniformly over a and b.
   *   x_a = 0.075 + 0.425 x_b,  x_a + x_b = 1  =>  x_a = 0.5 / 1.425
   */
  it('redistributes dangling mass uniformly', () => {
    const g = tiny('a>b');
    const r = pagerank(g);
    expect(at(g, r.values, 'a')).toBeCloseTo(0.5 / 1.425, 12);
    expect(at(g, r.values, 'b')).toBeCloseTo(1 - 0.5 / 1.425, 12);
  });

  it('alpha = 0 gives the uniform vector; results sum to 1', () => {
    const g = tiny('a>b b>c c>a a>c', ['d']);
    expect([...pagerank(g, { alpha: 0 }).values]).toEqual([0.25, 0.25, 0.25, 0.25]);
    const sum = pagerank(g).values.reduce((s, x) => s + x, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  /*
   *   a ══2══► b ──► c ──► a      weight 2 on a→b behaves like two parallel arcs
   *   a ──1──► c
   */
  it('weights act like arc multiplicities', () => {
    const weighted = pagerank(tiny('a>b:2 a>c:1 b>c:1 c>a:1'), { weighted: true }).values;
    const ids = ['a', 'b', 'c'];
    const multi = buildCsr(ids, [[0, 1], [0, 1], [0, 2], [1, 2], [2, 0]], { dedupe: false });
    const expected = pagerank(multi).values;
    for (let i = 0; i < 3; i++) expect(weighted[i]).toBeCloseTo(expected[i]!, 12);
  });

  it('throws ConvergenceError when maxIter is too small', () => {
    expect(() => pagerank(tiny('a>b'), { maxIter: 1 })).toThrow(ConvergenceError);
  });

  it('empty graph', () => {
    expect(pagerank(buildCsr([], [])).values.length).toBe(0);
  });
});
