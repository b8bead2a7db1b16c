/**
 * Betweenness centrality (Brandes' algorithm; pivot sampling above a size limit)
 * ============================================================================
 * [Reference]: U. Brandes, "A faster algorithm for betweenness centrality",
 *   Journal of Mathematical Sociology 25(2):163-177, 2001 (exact algorithm).
 *   U. Brandes and C. Pich, "Centrality estimation in large networks", International
 *   Journal of Bifurcation and Chaos 17(7):2303-2318, 2007 (uniformly random pivots).
 *   W. Hoeffding, "Probability inequalities for sums of bounded random variables",
 *   JASA 58(301):13-30, 1963 (the error bound, which also holds for sampling without
 *   replacement).
 * Complexity: exact, unweighted: O(n m) time (one BFS per source); weighted: O(n m log n)
 *   (one Dijkstra per source, binary heap); sampled with k pivots: O(k m) resp.
 *   O(k m log n). Memory O(n + m).
 *
 * Output equals `networkx.betweenness_centrality(G, normalized=True, endpoints=False)`:
 * the sum over ordered pairs (s, t), s != v != t, of sigma_st(v) / sigma_st, multiplied by
 * 1 / ((n - 1)(n - 2)). For an undirected graph (a symmetric Csr) that is the same as
 * NetworkX's unordered-pair sum times 2 / ((n - 1)(n - 2)) - the "halving" is built in.
 * With `normalized: false` the raw ordered-pair sum is returned, halved when
 * `directed: false` (NetworkX's unnormalised undirected convention). n <= 2 gives zeros.
 *
 * Path counts sigma are Float64: exact integers up to 2^53 (the 20x20 grid needs ~3.5e10,
 * beyond the Uint32 counters graphology-metrics uses), beyond that relative error ~1e-16.
 *
 * Weighted mode (`weighted: true`) reads `csr.outWeights` as arc LENGTHS (distances), like
 * `betweenness_centrality(G, weight="weight")`; lengths must be > 0. Ties between path
 * lengths are exact floating-point equalities, as in NetworkX.
 *
 * Sampling. When n > `exactLimit`, k = min(`samples`, n) distinct pivot sources are drawn
 * uniformly (seeded PRNG, reproducible) and the dependencies are scaled by n / k, the
 * estimator NetworkX uses for `betweenness_centrality(G, k=...)`. `errorBound` is then a
 * simultaneous additive bound: with probability >= `confidence` (1 - delta),
 *
 *     |estimate(v) - exact(v)| <= eps   for EVERY node v,
 *     eps = n/(n-1) * sqrt( ln(2 n / delta) / (2 k) )            (normalised units)
 *
 * Each pivot s contributes X_s = n * delta_s(v) / ((n-1)(n-2)) with 0 <= delta_s(v) <= n-2,
 * so X_s lies in [0, n/(n-1)] and has mean exact(v); Hoeffding gives
 * P(|mean - exact| >= eps) <= 2 exp(-2 k eps^2 / (n/(n-1))^2) per node, and a union bound
 * over the n nodes gives the formula. It is a worst-case bound: useful for ranking the
 * high-betweenness nodes, not for the relative error of small values. With
 * `normalized: false` the bound is reported in the same (raw) units as the values.
 * Exact results have `errorBound = 0`.
 *
 * Parallel arcs count as distinct paths; build the Csr with `dedupe` (the default) to
 * match a NetworkX (Di)Graph. Self-loops never lie on shortest paths.
 */
import { isSymmetric, validateCsr, type Csr } from '../csr';
import { AnalysisInputError } from '../errors';
import { booleanOption, integerOption, numberOption, optionsObject } from './validate';
import { mulberry32 } from '../random';

export interface BetweennessOptions {
  /** Normalise as NetworkX `normalized=True` (default true). */
  normalized?: boolean;
  /**
   * Default true. `false` declares the (symmetric) Csr an undirected graph; this only
   * changes unnormalised output, which NetworkX halves for undirected graphs.
   */
  directed?: boolean;
  /** Use `csr.outWeights` as arc lengths (default false: every arc has length 1). */
  weighted?: boolean;
  /** Largest n computed exactly (default 5000); larger graphs are sampled. */
  exactLimit?: number;
  /** Number of pivot sources k when sampling (default 1000). */
  samples?: number;
  /** PRNG seed for choosing pivots (default 0x5eed). */
  seed?: number;
  /** Confidence 1 - delta of `errorBound` (default 0.95). */
  confidence?: number;
}

export interface BetweennessResult {
  /** Betweenness of node i (indexed like `csr.ids`). */
  values: Float64Array;
  /** True when every node was a source (no sampling). */
  exact: boolean;
  /** Number of source nodes used (n when exact). */
  pivots: number;
  /**
   * Additive bound, valid simultaneously for all nodes with probability `confidence`
   * (see the banner). 0 when exact.
   */
  errorBound: number;
  confidence: number;
}

export const DEFAULT_EXACT_LIMIT = 5000;
export const DEFAULT_SAMPLES = 1000;

/** Hoeffding + union bound on the normalised estimate from k of n pivots (see banner). */
export function samplingErrorBound(n: number, k: number, confidence: number): number {
  if (n <= 2 || k >= n) return 0;
  const delta = 1 - confidence;
  return (n / (n - 1)) * Math.sqrt(Math.log((2 * n) / delta) / (2 * k));
}

/** k distinct nodes, uniformly at random (partial Fisher-Yates). */
function choosePivots(n: number, k: number, seed: number): Int32Array {
  const random = mulberry32(seed);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm.slice(0, k);
}

export function betweennessCentrality(csr: Csr, options?: BetweennessOptions): BetweennessResult {
  validateCsr(csr);
  const o = optionsObject(options);
  const normalized = booleanOption(o.normalized, true, 'options.normalized');
  const directed = booleanOption(o.directed, true, 'options.directed');
  const weighted = booleanOption(o.weighted, false, 'options.weighted');
  const exactLimit = integerOption(o.exactLimit, DEFAULT_EXACT_LIMIT, 'options.exactLimit', 0);
  const samples = integerOption(o.samples, DEFAULT_SAMPLES, 'options.samples', 1);
  const seed = integerOption(o.seed, 0x5eed, 'options.seed', 0);
  const confidence = numberOption(o.confidence, 0.95, 'options.confidence', { min: 0, max: 1, minOpen: true, maxOpen: true });
  if (!directed && !isSymmetric(csr)) {
    throw new AnalysisInputError('options.directed', 'false requires a symmetric Csr (an undirected graph)');
  }
  if (weighted) {
    const w = csr.outWeights;
    if (w === undefined) throw new AnalysisInputError('options.weighted', 'the Csr has no weights');
    for (let k = 0; k < w.length; k++) {
      if (!(w[k]! > 0)) throw new AnalysisInputError(`csr.outWeights[${k}]`, 'arc lengths must be > 0');
    }
  }

  const n = csr.n;
  const sampled = n > exactLimit && samples < n;
  const k = sampled ? samples : n;
  const sources = sampled ? choosePivots(n, k, seed) : null;
  const bc = weighted ? accumulateWeighted(csr, sources) : accumulateUnweighted(csr, sources);

  let scale = 1;
  if (normalized) {
    if (n > 2) scale = 1 / ((n - 1) * (n - 2));
  } else if (!directed) {
    scale = 0.5;
  }
  if (sampled) scale = (scale * n) / k;
  if (scale !== 1) for (let v = 0; v < n; v++) bc[v]! *= scale;

  let errorBound = sampled ? samplingErrorBound(n, k, confidence) : 0;
  if (errorBound > 0 && !normalized) errorBound *= (n - 1) * (n - 2) * (directed ? 1 : 0.5);
  return { values: bc, exact: !sampled, pivots: k, errorBound, confidence };
}

/** Sum over the sources of the Brandes dependencies delta_s(v), BFS variant. */
function accumulateUnweighted(csr: Csr, sources: Int32Array | null): Float64Array {
  const { n, outOffsets, outTargets } = csr;
  const bc = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  // coef[x] = (1 + delta[x]) / sigma[x], final once x has been processed.
  const coef = new Float64Array(n);
  const order = new Int32Array(n);
  const count = sources ? sources.length : n;

  for (let i = 0; i < count; i++) {
    const s = sources ? sources[i]! : i;
    dist[s] = 0;
    sigma[s] = 1;
    order[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = order[head++]!;
      const next = dist[v]! + 1;
      const sv = sigma[v]!;
      for (let e = outOffsets[v]!, end = outOffsets[v + 1]!; e < end; e++) {
        const w = outTargets[e]!;
        const dw = dist[w]!;
        if (dw < 0) {
          dist[w] = next;
          sigma[w] = sv;
          order[tail++] = w;
        } else if (dw === next) {
          sigma[w]! += sv;
        }
      }
    }
    // Dependencies in reverse BFS order, pulled from the successors on shortest paths:
    // delta[w] = sigma[w] * sum_{x : w->x, d(x) = d(w)+1} (1 + delta[x]) / sigma[x].
    for (let j = tail - 1; j >= 0; j--) {
      const w = order[j]!;
      const next = dist[w]! + 1;
      let acc = 0;
      for (let e = outOffsets[w]!, end = outOffsets[w + 1]!; e < end; e++) {
        const x = outTargets[e]!;
        if (dist[x] === next) acc += coef[x]!;
      }
      const sw = sigma[w]!;
      const delta = sw * acc;
      coef[w] = (1 + delta) / sw;
      if (w !== s) bc[w]! += delta;
    }
    for (let j = 0; j < tail; j++) dist[order[j]!] = -1;
  }
  return bc;
}

/** Sum over the sources of the Brandes dependencies, Dijkstra variant (arc lengths > 0). */
function accumulateWeighted(csr: Csr, sources: Int32Array | null): Float64Array {
  const { n, outOffsets, outTargets } = csr;
  const len = csr.outWeights!;
  const bc = new Float64Array(n);
  const dist = new Float64Array(n).fill(Infinity);
  const sigma = new Float64Array(n);
  const coef = new Float64Array(n);
  const settledOrder = new Int32Array(n);
  const touched = new Int32Array(n);
  // Indexed binary min-heap on dist.
  const heap = new Int32Array(n);
  const pos = new Int32Array(n).fill(-1);
  let size = 0;

  const siftUp = (i: number): void => {
    const v = heap[i]!;
    const dv = dist[v]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const u = heap[p]!;
      if (dist[u]! <= dv) break;
      heap[i] = u;
      pos[u] = i;
      i = p;
    }
    heap[i] = v;
    pos[v] = i;
  };
  const siftDown = (i: number): void => {
    const v = heap[i]!;
    const dv = dist[v]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && dist[heap[c + 1]!]! < dist[heap[c]!]!) c++;
      const u = heap[c]!;
      if (dist[u]! >= dv) break;
      heap[i] = u;
      pos[u] = i;
      i = c;
    }
    heap[i] = v;
    pos[v] = i;
  };

  const popMin = (): number => {
    const v = heap[0]!;
    pos[v] = -2; // settled
    size--;
    if (size > 0) {
      heap[0] = heap[size]!;
      siftDown(0);
    }
    return v;
  };

  const count = sources ? sources.length : n;
  for (let i = 0; i < count; i++) {
    const s = sources ? sources[i]! : i;
    let nTouched = 0;
    let nSettled = 0;
    dist[s] = 0;
    sigma[s] = 1;
    touched[nTouched++] = s;
    heap[0] = s;
    pos[s] = 0;
    size = 1;
    while (size > 0) {
      const v = popMin();
      settledOrder[nSettled++] = v;
      const dv = dist[v]!;
      const sv = sigma[v]!;
      for (let e = outOffsets[v]!, end = outOffsets[v + 1]!; e < end; e++) {
        const w = outTargets[e]!;
        const p = pos[w]!;
        if (p === -2) continue;
        const nd = dv + len[e]!;
        const dw = dist[w]!;
        if (nd < dw) {
          if (p === -1) {
            touched[nTouched++] = w;
            dist[w] = nd;
            heap[size] = w;
            size++;
            siftUp(size - 1);
          } else {
            dist[w] = nd;
            siftUp(p);
          }
          sigma[w] = sv;
        } else if (nd === dw) {
          sigma[w]! += sv;
        }
      }
    }
    for (let j = nSettled - 1; j >= 0; j--) {
      const w = settledOrder[j]!;
      const dw = dist[w]!;
      let acc = 0;
      for (let e = outOffsets[w]!, end = outOffsets[w + 1]!; e < end; e++) {
        const x = outTargets[e]!;
        if (dw + len[e]! === dist[x]) acc += coef[x]!;
      }
      const sw = sigma[w]!;
      const delta = sw * acc;
      coef[w] = (1 + delta) / sw;
      if (w !== s) bc[w]! += delta;
    }
    for (let j = 0; j < nTouched; j++) {
      const v = touched[j]!;
      dist[v] = Infinity;
      pos[v] = -1;
    }
  }
  return bc;
}
