/**
 * Closeness centrality (Wasserman-Faust improved formula)
 * =======================================================
 * [Reference]: L. C. Freeman, "Centrality in social networks: conceptual clarification",
 *   Social Networks 1(3):215-239, 1979; S. Wasserman and K. Faust, "Social Network
 *   Analysis: Methods and Applications", Cambridge University Press, 1994, p. 201
 *   (the correction for graphs that are not strongly connected).
 * Complexity: O(n (n + m)) time (one BFS per node), O(n + m) memory.
 *
 * Output equals `networkx.closeness_centrality(G)` (unweighted, wf_improved=True):
 *
 *     C(u) = (r - 1) / S(u)                      where r = number of nodes that can reach u
 *                                                (u included) and S(u) = sum of their
 *                                                distances TO u;
 *     C(u) *= (r - 1) / (n - 1)                  the Wasserman-Faust factor (wfImproved);
 *     C(u) = 0                                   if no other node reaches u, or n = 1.
 *
 * Distances are measured TO the node, over incoming arcs (NetworkX's default for directed
 * graphs, "incoming distance"); for an undirected graph (symmetric Csr) that is the usual
 * distance. Use the reversed graph for outgoing closeness.
 */
import { validateCsr, type Csr } from '../csr';
import { booleanOption, optionsObject } from './validate';

export interface ClosenessOptions {
  /** Apply the Wasserman-Faust correction (default true, as NetworkX). */
  wfImproved?: boolean;
}

export function closenessCentrality(csr: Csr, options?: ClosenessOptions): Float64Array {
  validateCsr(csr);
  const o = optionsObject(options);
  const wfImproved = booleanOption(o.wfImproved, true, 'options.wfImproved');
  const { n, inOffsets, inSources } = csr;
  const out = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);

  for (let u = 0; u < n; u++) {
    dist[u] = 0;
    queue[0] = u;
    let head = 0;
    let tail = 1;
    let total = 0;
    while (head < tail) {
      const v = queue[head++]!;
      const next = dist[v]! + 1;
      for (let e = inOffsets[v]!, end = inOffsets[v + 1]!; e < end; e++) {
        const w = inSources[e]!;
        if (dist[w]! < 0) {
          dist[w] = next;
          total += next;
          queue[tail++] = w;
        }
      }
    }
    // Same floating-point operations as NetworkX, so results agree to the last bit.
    if (total > 0 && n > 1) {
      let c = (tail - 1.0) / total;
      if (wfImproved) c *= (tail - 1.0) / (n - 1);
      out[u] = c;
    }
    for (let j = 0; j < tail; j++) dist[queue[j]!] = -1;
  }
  return out;
}
