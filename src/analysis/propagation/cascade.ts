/**
 * Timed failure cascade (HARD and THRESHOLD outage rules)
 * =======================================================
 * [Reference]: fault-tree AND gates and k-of-n voting gates: W. E. Vesely et al.,
 *   "Fault Tree Handbook", NUREG-0492, U.S. NRC, 1981; dependency failure in
 *   interdependent networks: S. V. Buldyrev et al., Nature 464, 1025-1028, 2010;
 *   threshold cascades: D. J. Watts, "A simple model of global cascades on random
 *   networks", PNAS 99(9), 5766-5771, 2002.
 * Complexity: O((n + m) log m) time (each edge delivers at most one arrival through
 *   a binary heap), O(n + m + groups) memory.
 *
 * Event-driven: when supplier s fails at T_s with outage length L_s, each edge e
 * (s -> v) delivers one arrival at T_s + delay_e if delay_e < L_s (a delay longer
 * than the supplier's outage is a buffer); an unknown length (NaN) counts as
 * lasting. Arrivals are processed by (hour, wave of the supplier, edge index).
 *   HARD: v fails at the first arrival on a required edge, or when a group has
 *     received size - minAlive + 1 arrivals.
 *   THRESHOLD: each failed dependency (a required edge, or a group when it reaches
 *     that count, with the group's total strength) adds to v's failed strength; v
 *     fails when failed / totalStrength[v] >= threshold[v] - 1e-12, checked when a
 *     dependency fails; a node with totalStrength 0 never fails this way.
 * The arrival that completes the rule is the critical edge; restoreHour[v] =
 * restoreHour[s] + delay + recovery along it (Infinity when the supplier is never
 * restored, else NaN when either is unknown), and L_v = L_s + recovery likewise.
 * Each node fails at most once, so cycles terminate.
 *
 * Internal: `simulateOutage` (./outage) validates and calls this. With `mask` only
 * the marked edges carry arrivals and buffers are not applied; DISTRESS uses that
 * HARD pass over the edges that transmitted distress to time its nodes.
 */
import { EventHeap } from './event-heap';
import type { PropagationGraph } from './types';

export const THRESHOLD_TOLERANCE = 1e-12;

/** A node failing by itself: an origin (hour 0) or a seeded node. */
export interface CascadeSource {
  node: number;
  hour: number;
  /** How long it stays down: Infinity = until further notice. */
  length: number;
}

export interface CascadeState {
  failHour: Float64Array;
  restoreHour: Float64Array;
  criticalEdge: Int32Array;
  wave: Int32Array;
}

/** restoreHour of a dependent from its critical supplier's. */
export function restoreThrough(supplierRestore: number, delay: number, recovery: number): number {
  if (supplierRestore === Infinity) return Infinity;
  return supplierRestore + delay + recovery; // NaN when either is unknown
}

/** Outage length of a dependent from its critical supplier's (NaN = unknown, counts as lasting). */
export function lengthThrough(supplierLength: number, recovery: number): number {
  if (supplierLength === Infinity) return Infinity;
  return supplierLength + recovery;
}

/** True when a supplier outage of `length` hours outlasts `delay`. */
export function outlasts(length: number, delay: number): boolean {
  return Number.isNaN(length) || delay < length;
}

export function timedCascade(
  g: PropagationGraph,
  rule: 'HARD' | 'THRESHOLD',
  sources: readonly CascadeSource[],
  mask: Uint8Array | null = null,
): CascadeState {
  const { n, edgeDependent, edgeSupplier, edgeGroup, delay, recovery, bySupplierOffsets, bySupplierEdges } = g;
  const failHour = new Float64Array(n).fill(Infinity);
  const restoreHour = new Float64Array(n).fill(NaN);
  const criticalEdge = new Int32Array(n).fill(-1);
  const wave = new Int32Array(n).fill(-1);
  const length = new Float64Array(n);
  const arrivals = new Int32Array(g.groupCount);
  const failedStrength = rule === 'THRESHOLD' ? new Float64Array(n) : null;
  const heap = new EventHeap();

  const fail = (v: number, hour: number, w: number, edge: number, restore: number, len: number): void => {
    failHour[v] = hour;
    restoreHour[v] = restore;
    criticalEdge[v] = edge;
    wave[v] = w;
    length[v] = len;
    for (let k = bySupplierOffsets[v]!; k < bySupplierOffsets[v + 1]!; k++) {
      const e = bySupplierEdges[k]!;
      if (failHour[edgeDependent[e]!] !== Infinity) continue;
      if (mask === null ? !outlasts(len, delay[e]!) : mask[e] !== 1) continue;
      heap.push(hour + delay[e]!, w, e);
    }
  };

  sources.forEach((source, i) => heap.push(source.hour, -1, -1 - i));
  while (heap.size > 0) {
    const hour = heap.peekHour();
    const id = heap.peekId();
    heap.pop();
    if (id < 0) {
      const source = sources[-1 - id]!;
      if (failHour[source.node] === Infinity) fail(source.node, hour, 0, -1, source.hour + source.length, source.length);
      continue;
    }
    const v = edgeDependent[id]!;
    if (failHour[v] !== Infinity) continue;
    const group = edgeGroup[id]!;
    let groupFailed = false;
    if (group >= 0) groupFailed = ++arrivals[group]! === g.groupSize[group]! - g.groupMinAlive[group]! + 1;
    let completes: boolean;
    if (failedStrength === null) {
      completes = group < 0 || groupFailed;
    } else if (group < 0 || groupFailed) {
      failedStrength[v]! += group < 0 ? g.strength[id]! : g.groupStrength[group]!;
      const total = g.totalStrength[v]!;
      completes = total > 0 && failedStrength[v]! / total >= g.threshold[v]! - THRESHOLD_TOLERANCE;
    } else {
      completes = false;
    }
    if (!completes) continue;
    const s = edgeSupplier[id]!;
    fail(v, hour, wave[s]! + 1, id, restoreThrough(restoreHour[s]!, delay[id]!, recovery[id]!), lengthThrough(length[s]!, recovery[id]!));
  }
  return { failHour, restoreHour, criticalEdge, wave };
}
