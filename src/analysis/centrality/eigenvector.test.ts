import { describe, expect, it } from 'vitest';
import { buildCsr } from '../csr';
import { ConvergenceError } from '../errors';
import { eigenvectorCentrality } from './eigenvector';
import { BROKEN_CSR, at, expectInvalid, tiny } from './test-utils';

describe('eigenvector: bad input throws first', () => {
  it('rejects an invalid Csr and bad options', () => {
    expectInvalid(() => eigenvectorCentrality(BROKEN_CSR), 'csr.ids');
    expectInvalid(() => eigenvectorCentrality(tiny('a-b'), 1 as unknown as object), 'options');
    expectInvalid(() => eigenvectorCentrality(tiny('a-b'), { tol: 0 }), 'options.tol');
    expectInvalid(() => eigenvectorCentrality(tiny('a-b'), { maxIter: 0 }), 'options.maxIter');
  });
});

describe('eigenvector: values on tiny graphs (unit Euclidean norm)', () => {
  /*
   *        l1
   *        │
   *   l2 ─ c ─ l3       star: lambda = sqrt(3), centre 1/sqrt(2), leaves 1/sqrt(6)
   */
  it('star', () => {
    const g = tiny('c-l1 c-l2 c-l3');
    const x = eigenvectorCentrality(g).values;
    expect(at(g, x, 'c')).toBeCloseTo(1 / Math.SQRT2, 10);
    for (const leaf of ['l1', 'l2', 'l3']) expect(at(g, x, leaf)).toBeCloseTo(1 / Math.sqrt(6), 10);
  });

  /*
   *   l1 ◄── c ◄── l2       arcs in any direction (and reciprocal pairs) give the
   *          ▲              same result as the undirected star: the projection is used
   *          ▼
   *          l3
   */
  it('directed input is projected to undirected', () => {
    const g = tiny('c>l1 l2>c c>l3 l3>c');
    const x = eigenvectorCentrality(g).values;
    expect(at(g, x, 'c')).toBeCloseTo(1 / Math.SQRT2, 10);
    expect(at(g, x, 'l3')).toBeCloseTo(1 / Math.sqrt(6), 10);
  });

  /*   a ─── b     c (isolated): its share decays to 0, as in NetworkX */
  it('isolated nodes tend to 0', () => {
    const g = tiny('a-b', ['c']);
    const x = eigenvectorCentrality(g).values;
    expect(at(g, x, 'a')).toBeCloseTo(Math.SQRT1_2, 10);
    expect(at(g, x, 'c')).toBeLessThan(1e-9);
  });

  it('throws ConvergenceError when maxIter is too small', () => {
    expect(() => eigenvectorCentrality(tiny('c-l1 c-l2 c-l3'), { maxIter: 1 })).toThrow(ConvergenceError);
  });

  it('empty graph', () => {
    expect(eigenvectorCentrality(buildCsr([], [])).values.length).toBe(0);
  });
});
