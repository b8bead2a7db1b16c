/**
 * Degree centrality: degree, in-degree and out-degree
 * ===================================================
 * [Reference]: L. C. Freeman, "Centrality in social networks: conceptual clarification",
 *   Social Networks 1(3):215-239, 1979. Normalisation as NetworkX `degree_centrality`,
 *   `in_degree_centrality`, `out_degree_centrality`: the degree divided by n - 1.
 * Complexity: O(n) time after O(n + m) input validation (degrees are offset differences);
 *   O(n) memory.
 *
 * Conventions (identical to NetworkX):
 *  - directed graphs: degree = in-degree + out-degree, so values can exceed 1;
 *  - undirected graphs (symmetric Csr, `directed: false`): degree = number of incident
 *    edges, a self-loop counting twice;
 *  - n <= 1: every node gets 1.
 * Parallel arcs count once each, as they are stored in the Csr (dedupe them at build time
 * to match a NetworkX (Di)Graph).
 */
import { isSymmetric, validateCsr, type Csr } from '../csr';
import { AnalysisInputError } from '../errors';
import { booleanOption, optionsObject } from './validate';

export interface DegreeOptions {
  /**
   * Treat the Csr as a directed graph (default true). With `false` the Csr must be
   * symmetric (as built from an undirected graph) and each undirected edge counts once.
   */
  directed?: boolean;
}

function normalised(n: number, degreeOf: (v: number) => number): Float64Array {
  const out = new Float64Array(n);
  if (n <= 1) {
    out.fill(1);
    return out;
  }
  const s = 1.0 / (n - 1.0);
  for (let v = 0; v < n; v++) out[v] = degreeOf(v) * s;
  return out;
}

/** NetworkX `degree_centrality`: degree / (n - 1), indexed like `csr.ids`. */
export function degreeCentrality(csr: Csr, options?: DegreeOptions): Float64Array {
  validateCsr(csr);
  const o = optionsObject(options);
  const directed = booleanOption(o.directed, true, 'options.directed');
  if (!directed && !isSymmetric(csr)) {
    throw new AnalysisInputError('options.directed', 'false requires a symmetric Csr (an undirected graph)');
  }
  const { outOffsets, inOffsets, outTargets } = csr;
  if (directed) {
    return normalised(csr.n, (v) => outOffsets[v + 1]! - outOffsets[v]! + inOffsets[v + 1]! - inOffsets[v]!);
  }
  return normalised(csr.n, (v) => {
    let d = outOffsets[v + 1]! - outOffsets[v]!;
    for (let k = outOffsets[v]!; k < outOffsets[v + 1]!; k++) if (outTargets[k] === v) d++; // loop counts twice
    return d;
  });
}

/** NetworkX `in_degree_centrality`: in-degree / (n - 1). */
export function inDegreeCentrality(csr: Csr): Float64Array {
  validateCsr(csr);
  const { inOffsets } = csr;
  return normalised(csr.n, (v) => inOffsets[v + 1]! - inOffsets[v]!);
}

/** NetworkX `out_degree_centrality`: out-degree / (n - 1). */
export function outDegreeCentrality(csr: Csr): Float64Array {
  validateCsr(csr);
  const { outOffsets } = csr;
  return normalised(csr.n, (v) => outOffsets[v + 1]! - outOffsets[v]!);
}
