/**
 * Most likely compromise chains: for every node a compromise can reach, the
 * chain of trust-carrying dependencies from an origin that maximises the
 * product of the edges' propagation probabilities — Dijkstra (1959) on edge
 * lengths −ln(p) over trust edges with p > 0, from supplier to dependent.
 * Used to explain a probabilistic COMPROMISE result with one readable path.
 *
 * [Reference]: E. W. Dijkstra, "A note on two problems in connexion with graphs", Numer. Math. 1 (1959).
 * Complexity: O((n + m) log n).
 */
import { EventHeap } from './propagation/event-heap';
import type { PropagationGraph } from './propagation/types';

export interface ChainForest {
  /** Probability of the most likely chain to each node (1 for origins, 0 unreachable). */
  probability: Float64Array;
  /** Last edge of that chain (-1 for origins and unreachable nodes). */
  parentEdge: Int32Array;
}

export function mostLikelyChains(g: PropagationGraph, origins: readonly number[]): ChainForest {
  for (const o of origins) {
    if (!Number.isInteger(o) || o < 0 || o >= g.n) throw new RangeError(`origin ${o} is not a node index of the graph`);
  }
  const cost = new Float64Array(g.n).fill(Infinity);
  const parentEdge = new Int32Array(g.n).fill(-1);
  const done = new Uint8Array(g.n);
  const heap = new EventHeap();
  for (const o of origins) {
    cost[o] = 0;
    heap.push(0, 0, o);
  }
  while (heap.size > 0) {
    const v = heap.peekId();
    heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    for (let k = g.bySupplierOffsets[v]!; k < g.bySupplierOffsets[v + 1]!; k++) {
      const e = g.bySupplierEdges[k]!;
      const p = g.propagation[e]!;
      if (!g.integrity[e] || p <= 0) continue;
      const w = g.edgeDependent[e]!;
      const c = cost[v]! - Math.log(p);
      if (c < cost[w]! - 1e-15 || (Math.abs(c - cost[w]!) <= 1e-15 && e < parentEdge[w]! && !done[w])) {
        cost[w] = c;
        parentEdge[w] = e;
        heap.push(c, 0, w);
      }
    }
  }
  const probability = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) probability[v] = Number.isFinite(cost[v]!) ? Math.exp(-cost[v]!) : 0;
  return { probability, parentEdge };
}
