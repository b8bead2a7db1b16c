import { describe, expect, it } from 'vitest';
import { buildCsr } from '../csr';
import { ConvergenceError } from '../errors';
import { hits } from './hits';
import { BROKEN_CSR, at, expectInvalid, tiny } from './test-utils';

describe('hits: bad input throws first', () => {
  const g = tiny('a>b');
  it('rejects an invalid Csr and bad options', () => {
    expectInvalid(() => hits(BROKEN_CSR), 'csr.ids');
    expectInvalid(() => hits(g, 'x' as unknown as object), 'options');
    expectInvalid(() => hits(g, { tol: -1 }), 'options.tol');
    expectInvalid(() => hits(g, { maxIter: 1.5 }), 'options.maxIter');
    expectInvalid(() => hits(g, { weighted: true }), 'options.weighted');
    expectInvalid(() => hits(tiny('a>b:-2'), { weighted: true }), 'csr.outWeights[0]');
  });
});

describe('hits: values on tiny graphs', () => {
  /*
   *   a ──► b
   *   │
   *   └───► c ◄── d
   *
   * A^T A on (b, c) is [[1, 1], [1, 2]]: top eigenvector (1, phi), phi = golden ratio.
   * Authorities b = 1/phi^2, c = 1/phi; hubs a = 1/phi, d = 1/phi^2 (sum-normalised).
   */
  const phi = (1 + Math.sqrt(5)) / 2;
  const g = tiny('a>b a>c d>c');

  it('matches the closed form', () => {
    const r = hits(g);
    expect(at(g, r.authorities, 'b')).toBeCloseTo(1 / phi ** 2, 12);
    expect(at(g, r.authorities, 'c')).toBeCloseTo(1 / phi, 12);
    expect(at(g, r.authorities, 'a')).toBe(0);
    expect(at(g, r.hubs, 'a')).toBeCloseTo(1 / phi, 12);
    expect(at(g, r.hubs, 'd')).toBeCloseTo(1 / phi ** 2, 12);
    expect(at(g, r.hubs, 'c')).toBe(0);
  });

  it('weights act like arc multiplicities', () => {
    const w = hits(tiny('a>b:2 a>c:1 d>c:1'), { weighted: true });
    const multi = hits(buildCsr(['a', 'b', 'c', 'd'], [[0, 1], [0, 1], [0, 2], [3, 2]], { dedupe: false }));
    for (let i = 0; i < 4; i++) {
      expect(w.hubs[i]).toBeCloseTo(multi.hubs[i]!, 12);
      expect(w.authorities[i]).toBeCloseTo(multi.authorities[i]!, 12);
    }
  });

  /*   a ─── b   (undirected, bipartite: HITS not unique; power iteration gives the symmetric answer) */
  it('undirected edge: hubs = authorities = 1/2', () => {
    const r = hits(tiny('a-b'));
    expect([...r.hubs]).toEqual([0.5, 0.5]);
    expect([...r.authorities]).toEqual([0.5, 0.5]);
  });

  it('no arcs: uniform', () => {
    const r = hits(buildCsr(['x', 'y'], []));
    expect([...r.hubs]).toEqual([0.5, 0.5]);
    expect([...r.authorities]).toEqual([0.5, 0.5]);
  });

  it('throws ConvergenceError when maxIter is too small', () => {
    expect(() => hits(g, { maxIter: 1 })).toThrow(ConvergenceError);
  });
});
