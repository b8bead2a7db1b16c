/**
 * PageRank
 * ========
 * [Reference]: L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank citation
 *   ranking: bringing order to the Web", Stanford InfoLab technical report 1999-66, 1999.
 * Complexity: O(m + n) per power iteration, O(log(tol) / log(alpha)) iterations
 *   (about 170 for alpha = 0.85, tol = 1e-12); O(n + m) memory.
 *
 * Same iteration as `networkx.pagerank` (its SciPy implementation):
 *
 *     x <- alpha * (x P + (sum of x over dangling nodes) * u) + (1 - alpha) * u
 *
 * with P the row-stochastic transition matrix (arc weight / total out-weight of its
 * source), u the uniform vector 1/n, dangling nodes (no out-arcs, or total out-weight 0)
 * spreading their mass uniformly, start x = u, and NetworkX's stopping rule
 * ||x - x_last||_1 < n * tol. NetworkX's default tol is 1e-6; ours is 1e-12, so the result
 * is the converged vector to ~1e-12, which agrees with any NetworkX run to its own
 * tolerance. An undirected graph (symmetric Csr) is handled like NetworkX does: each edge
 * is an arc in both directions. With `weighted: true` arc weights from `csr.outWeights`
 * (>= 0) are used, as NetworkX does by default when edges have a "weight" attribute.
 * Throws `ConvergenceError` after `maxIter` iterations.
 */
import { validateCsr, type Csr } from '../csr';
import { ConvergenceError, AnalysisInputError } from '../errors';
import { booleanOption, integerOption, numberOption, optionsObject } from './validate';

export interface PageRankOptions {
  /** Damping factor in [0, 1] (default 0.85). */
  alpha?: number;
  /** NetworkX-style tolerance: stop when ||x - x_last||_1 < n * tol (default 1e-12). */
  tol?: number;
  /** Maximum number of iterations (default 1000). */
  maxIter?: number;
  /** Use `csr.outWeights` as transition weights (default false). */
  weighted?: boolean;
}

export interface PageRankResult {
  /** PageRank of node i (indexed like `csr.ids`); sums to 1. */
  values: Float64Array;
  iterations: number;
  /** Final ||x - x_last||_1. */
  residual: number;
}

export function pagerank(csr: Csr, options?: PageRankOptions): PageRankResult {
  validateCsr(csr);
  const o = optionsObject(options);
  const alpha = numberOption(o.alpha, 0.85, 'options.alpha', { min: 0, max: 1 });
  const tol = numberOption(o.tol, 1e-12, 'options.tol', { min: 0, minOpen: true });
  const maxIter = integerOption(o.maxIter, 1000, 'options.maxIter', 1);
  const weighted = booleanOption(o.weighted, false, 'options.weighted');
  const { n, outOffsets, inOffsets, inSources } = csr;
  let inWeights: Float64Array | undefined;
  if (weighted) {
    if (csr.outWeights === undefined || csr.inWeights === undefined) {
      throw new AnalysisInputError('options.weighted', 'the Csr has no weights');
    }
    for (let k = 0; k < csr.outWeights.length; k++) {
      if (!(csr.outWeights[k]! >= 0)) throw new AnalysisInputError(`csr.outWeights[${k}]`, 'weights must be >= 0');
    }
    inWeights = csr.inWeights;
  }
  if (n === 0) return { values: new Float64Array(0), iterations: 0, residual: 0 };

  // invOut[i] = 1 / (total out-weight of i), 0 for dangling nodes.
  const invOut = new Float64Array(n);
  const dangling: number[] = [];
  for (let v = 0; v < n; v++) {
    let total = 0;
    if (weighted) for (let e = outOffsets[v]!; e < outOffsets[v + 1]!; e++) total += csr.outWeights![e]!;
    else total = outOffsets[v + 1]! - outOffsets[v]!;
    if (total === 0) dangling.push(v);
    else invOut[v] = 1 / total;
  }

  const u = 1 / n;
  let x = new Float64Array(n).fill(u);
  let next = new Float64Array(n);
  const scaled = new Float64Array(n);
  let residual = Infinity;
  for (let iter = 1; iter <= maxIter; iter++) {
    let danglingMass = 0;
    for (const v of dangling) danglingMass += x[v]!;
    for (let v = 0; v < n; v++) scaled[v] = x[v]! * invOut[v]!;
    const base = alpha * danglingMass * u + (1 - alpha) * u;
    residual = 0;
    for (let v = 0; v < n; v++) {
      let acc = 0;
      const end = inOffsets[v + 1]!;
      if (inWeights) for (let e = inOffsets[v]!; e < end; e++) acc += scaled[inSources[e]!]! * inWeights[e]!;
      else for (let e = inOffsets[v]!; e < end; e++) acc += scaled[inSources[e]!]!;
      const value = alpha * acc + base;
      next[v] = value;
      residual += Math.abs(value - x[v]!);
    }
    [x, next] = [next, x];
    if (residual < n * tol) return { values: x, iterations: iter, residual };
  }
  throw new ConvergenceError('pagerank', maxIter, residual, n * tol);
}
