/**
 * Untimed HARD failure set (fault-tree propagation by breadth-first search)
 * ========================================================================
 * [Reference]: AND and k-of-n voting gates: W. E. Vesely et al., "Fault Tree
 *   Handbook", NUREG-0492, U.S. NRC, 1981.
 * Complexity: O(|failed| + Σ out-degree of failed nodes) ⊆ O(n + m) time, plus an
 *   O(n) clear of the output; no allocation after the first call on a graph when
 *   `into` is given.
 *
 * The nodes the HARD rule reaches from `origins` when time and durations are
 * ignored: over the edges that carry availability, a node fails when a required
 * supplier has failed or when a group has size - minAlive + 1 failed members. The
 * fast path for sweeps (single points of failure, stress tests); it equals the
 * set `simulateOutage` fails under HARD with an open-ended outage, since then no
 * grace is a buffer and the rule is monotone. Scratch buffers are cached per graph (the graph is immutable) and left
 * clean after each call.
 */
import { throwIfProblems } from '../errors';
import type { PropagationGraph } from './types';
import { checkGraph, checkNodeList } from './validate';

interface Scratch {
  queue: Int32Array;
  arrivals: Int32Array;
  partial: Float64Array;
}

const scratchByGraph = new WeakMap<PropagationGraph, Scratch>();

/** 1 for every node that fails, 0 elsewhere; written into `into` (length n) when given. */
export function hardFailureSet(g: PropagationGraph, origins: readonly number[], into?: Uint8Array): Uint8Array {
  const problems: string[] = [];
  if (checkGraph(g, problems)) {
    checkNodeList(g, origins, 'origins', problems);
    if (into !== undefined && (!(into instanceof Uint8Array) || into.length !== g.n)) {
      problems.push(`into: must be a Uint8Array of length ${g.n}`);
    }
  }
  throwIfProblems(problems);
  return hardFailureSetUnchecked(g, origins, into);
}

/** `hardFailureSet` without the input checks, for inner loops whose inputs are already checked. */
export function hardFailureSetUnchecked(g: PropagationGraph, origins: readonly number[], into?: Uint8Array): Uint8Array {
  const failed = into ?? new Uint8Array(g.n);
  failed.fill(0);
  let scratch = scratchByGraph.get(g);
  if (scratch === undefined) {
    scratch = { queue: new Int32Array(g.n), arrivals: new Int32Array(g.groupCount), partial: new Float64Array(g.n) };
    scratchByGraph.set(g, scratch);
  }
  const { queue, arrivals, partial } = scratch;
  const { edgeDependent, edgeGroup, groupSize, groupMinAlive, bySupplierOffsets, bySupplierEdges, availability, capacity } = g;
  let tail = 0;
  for (const o of origins) {
    if (failed[o] === 1) continue;
    failed[o] = 1;
    queue[tail++] = o;
  }
  for (let head = 0; head < tail; head++) {
    const s = queue[head]!;
    for (let k = bySupplierOffsets[s]!; k < bySupplierOffsets[s + 1]!; k++) {
      const e = bySupplierEdges[k]!;
      const v = edgeDependent[e]!;
      if (failed[v] === 1 || availability[e] !== 1) continue;
      const q = edgeGroup[e]!;
      if (q >= 0 && ++arrivals[q]! < groupSize[q]! - groupMinAlive[q]! + 1) continue;
      // A partial dependency fails v only once such losses add up to all of it.
      if (q < 0 && !Number.isNaN(capacity[e]!) && (partial[v]! += capacity[e]!) < 1 - 1e-12) continue;
      failed[v] = 1;
      queue[tail++] = v;
    }
  }
  for (let i = 0; i < tail; i++) {
    const s = queue[i]!;
    for (let k = bySupplierOffsets[s]!; k < bySupplierOffsets[s + 1]!; k++) {
      const e = bySupplierEdges[k]!;
      const q = edgeGroup[e]!;
      if (q >= 0) arrivals[q] = 0;
      partial[edgeDependent[e]!] = 0;
    }
  }
  return failed;
}
