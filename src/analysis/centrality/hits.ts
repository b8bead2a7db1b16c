/**
 * HITS hubs and authorities
 * =========================
 * [Reference]: J. M. Kleinberg, "Authoritative sources in a hyperlinked environment",
 *   Journal of the ACM 46(5):604-632, 1999.
 * Complexity: O(m + n) per power iteration; the number of iterations grows like
 *   log(tol) / log((sigma2 / sigma1)^2) (sigma_i = singular values of A); O(n + m) memory.
 *
 * Kleinberg's power iteration, as NetworkX's pure-Python `hits` runs it: start from the
 * uniform hub vector, repeat  a <- A^T h,  h <- A a  (each rescaled to max 1) until both
 * change by less than `tol` in L1 norm; finally hubs and authorities are each normalised
 * to sum 1, as `networkx.hits(G, normalized=True)` returns them. A[i][j] = 1 for an arc
 * i -> j (its weight with `weighted: true`; NetworkX uses the "weight" attribute by
 * default). An undirected graph (symmetric Csr) gives hubs = authorities.
 *
 * When the top singular value of A is simple (sigma1 > sigma2) the result is the unique
 * HITS vector and equals networkx.hits (which uses ARPACK `svds`). When it is not (e.g.
 * bipartite undirected graphs such as grids, where A^T A = A^2 has a double top
 * eigenvalue), HITS is not unique: NetworkX's svds answer is an arbitrary, run-dependent
 * member of the dominant subspace, whereas this power iteration deterministically returns
 * the projection of the uniform start vector onto it.
 * A graph without arcs (or with all weights 0) gives uniform 1/n vectors.
 * Throws `ConvergenceError` after `maxIter` iterations.
 */
import { validateCsr, type Csr } from '../csr';
import { ConvergenceError, AnalysisInputError } from '../errors';
import { booleanOption, integerOption, numberOption, optionsObject } from './validate';

export interface HitsOptions {
  /** Stop when the L1 change of both max-scaled vectors is below tol (default 1e-12). */
  tol?: number;
  /** Maximum number of iterations (default 10000). */
  maxIter?: number;
  /** Use `csr.outWeights` as matrix entries (default false). */
  weighted?: boolean;
}

export interface HitsResult {
  /** Hub score of node i (indexed like `csr.ids`); sums to 1. */
  hubs: Float64Array;
  /** Authority score of node i; sums to 1. */
  authorities: Float64Array;
  iterations: number;
  residual: number;
}

function scaleToMax(v: Float64Array): boolean {
  let max = 0;
  for (let i = 0; i < v.length; i++) if (v[i]! > max) max = v[i]!;
  if (max === 0) return false;
  const s = 1 / max;
  for (let i = 0; i < v.length; i++) v[i]! *= s;
  return true;
}

function scaleToSum(v: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]!;
  const s = 1 / sum;
  for (let i = 0; i < v.length; i++) v[i]! *= s;
}

export function hits(csr: Csr, options?: HitsOptions): HitsResult {
  validateCsr(csr);
  const o = optionsObject(options);
  const tol = numberOption(o.tol, 1e-12, 'options.tol', { min: 0, minOpen: true });
  const maxIter = integerOption(o.maxIter, 10000, 'options.maxIter', 1);
  const weighted = booleanOption(o.weighted, false, 'options.weighted');
  const { n, outOffsets, outTargets, inOffsets, inSources } = csr;
  let outW: Float64Array | undefined;
  let inW: Float64Array | undefined;
  if (weighted) {
    if (csr.outWeights === undefined || csr.inWeights === undefined) {
      throw new AnalysisInputError('options.weighted', 'the Csr has no weights');
    }
    for (let k = 0; k < csr.outWeights.length; k++) {
      if (!(csr.outWeights[k]! >= 0)) throw new AnalysisInputError(`csr.outWeights[${k}]`, 'weights must be >= 0');
    }
    outW = csr.outWeights;
    inW = csr.inWeights;
  }
  if (n === 0) return { hubs: new Float64Array(0), authorities: new Float64Array(0), iterations: 0, residual: 0 };

  let h = new Float64Array(n).fill(1 / n);
  let a = new Float64Array(n).fill(1 / n);
  let hNext = new Float64Array(n);
  let aNext = new Float64Array(n);
  let residual = Infinity;
  for (let iter = 1; iter <= maxIter; iter++) {
    // a = A^T h: authority of v sums the hub scores of the nodes pointing to v.
    for (let v = 0; v < n; v++) {
      let acc = 0;
      const end = inOffsets[v + 1]!;
      if (inW) for (let e = inOffsets[v]!; e < end; e++) acc += h[inSources[e]!]! * inW[e]!;
      else for (let e = inOffsets[v]!; e < end; e++) acc += h[inSources[e]!]!;
      aNext[v] = acc;
    }
    // h = A a: hub score of v sums the authorities v points to.
    for (let v = 0; v < n; v++) {
      let acc = 0;
      const end = outOffsets[v + 1]!;
      if (outW) for (let e = outOffsets[v]!; e < end; e++) acc += aNext[outTargets[e]!]! * outW[e]!;
      else for (let e = outOffsets[v]!; e < end; e++) acc += aNext[outTargets[e]!]!;
      hNext[v] = acc;
    }
    if (!scaleToMax(hNext) || !scaleToMax(aNext)) {
      // A h = 0 for the uniform h: no arcs with positive weight; every vector is a fixed point.
      const uniform = new Float64Array(n).fill(1 / n);
      return { hubs: uniform, authorities: uniform.slice(), iterations: iter, residual: 0 };
    }
    let errH = 0;
    let errA = 0;
    for (let v = 0; v < n; v++) {
      errH += Math.abs(hNext[v]! - h[v]!);
      errA += Math.abs(aNext[v]! - a[v]!);
    }
    residual = Math.max(errH, errA);
    [h, hNext] = [hNext, h];
    [a, aNext] = [aNext, a];
    if (residual < tol) {
      scaleToSum(h);
      scaleToSum(a);
      return { hubs: h, authorities: a, iterations: iter, residual };
    }
  }
  throw new ConvergenceError('hits', maxIter, residual, tol);
}
