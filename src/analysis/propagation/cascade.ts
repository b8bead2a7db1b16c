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
 * (s -> v) that carries availability delivers one arrival at
 * T_s + delay_e + grace_e if grace_e < L_s (the dependent rides out an outage no
 * longer than its grace: batteries, caches, token lifetimes); an unknown length
 * (NaN) counts as lasting; delay_e is latency, never a buffer. Edges that carry
 * no availability (software updates, remote administration) deliver nothing.
 * Arrivals are processed by (hour, wave of the supplier, edge index).
 *   HARD: v fails at the first arrival on a required edge, or when a group has
 *     received size - minAlive + 1 arrivals. In a group whose members carry
 *     capacity shares, an arrival that leaves the group holding degrades v by the
 *     member's share of the group times the group's weight (groupStrength /
 *     totalStrength[v]); v keeps running and passes nothing on.
 *   THRESHOLD: each failed dependency (a required edge, or a group when it reaches
 *     that count, with the group's total strength; a lost capacity share of a
 *     group that holds, with that share of the group's strength) adds to v's
 *     failed strength; v fails when failed / totalStrength[v] >=
 *     threshold[v] - 1e-12, checked when a dependency fails; below that v is
 *     degraded by failed / totalStrength[v]; a node with totalStrength 0 never
 *     fails this way.
 * The arrival that completes the rule is the critical edge; restoreHour[v] =
 * restoreHour[s] + delay + recovery along it (Infinity when the supplier is never
 * restored, else NaN when either is unknown), and L_v = L_s + recovery likewise.
 * Each node fails at most once, so cycles terminate.
 *
 * Internal: `simulateOutage` (./outage) validates and calls this. With `mask` only
 * the marked edges carry arrivals (at T_s + delay + grace) and graces are not
 * checked again; DISTRESS uses that HARD pass over the edges that transmitted
 * distress to time its nodes.
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

export interface TimedCascadeState extends CascadeState {
  /** 1 where the node failed (its rule held). */
  failed: Uint8Array;
  /** Loss share: 1 for failed nodes; the partial loss of a degraded node; 0 elsewhere. */
  loss: Float64Array;
}

export function timedCascade(
  g: PropagationGraph,
  rule: 'HARD' | 'THRESHOLD',
  sources: readonly CascadeSource[],
  mask: Uint8Array | null = null,
): TimedCascadeState {
  const { n, edgeDependent, edgeSupplier, edgeGroup, delay, grace, recovery, availability, capacity, bySupplierOffsets, bySupplierEdges } = g;
  const failHour = new Float64Array(n).fill(Infinity);
  const restoreHour = new Float64Array(n).fill(NaN);
  const criticalEdge = new Int32Array(n).fill(-1);
  const wave = new Int32Array(n).fill(-1);
  const length = new Float64Array(n);
  const failed = new Uint8Array(n);
  const loss = new Float64Array(n);
  const arrivals = new Int32Array(g.groupCount);
  const groupLost = new Float64Array(g.groupCount); // capacity share lost so far, of groups with capacity
  const failedStrength = rule === 'THRESHOLD' ? new Float64Array(n) : null;
  const heap = new EventHeap();

  const fail = (v: number, hour: number, w: number, edge: number, restore: number, len: number): void => {
    failed[v] = 1;
    loss[v] = 1;
    failHour[v] = hour;
    restoreHour[v] = restore;
    criticalEdge[v] = edge;
    wave[v] = w;
    length[v] = len;
    for (let k = bySupplierOffsets[v]!; k < bySupplierOffsets[v + 1]!; k++) {
      const e = bySupplierEdges[k]!;
      if (failed[edgeDependent[e]!] === 1) continue;
      if (mask === null ? availability[e] !== 1 || !outlasts(len, grace[e]!) : mask[e] !== 1) continue;
      heap.push(hour + delay[e]! + grace[e]!, w, e);
    }
  };
  /** A partial loss of v (it keeps running): the first one sets its hour, cause and wave. */
  const degrade = (v: number, hour: number, edge: number, share: number): void => {
    loss[v] = Math.min(1, share);
    if (failHour[v] !== Infinity) return;
    const s = edgeSupplier[edge]!;
    failHour[v] = hour;
    criticalEdge[v] = edge;
    wave[v] = wave[s]! + 1;
    restoreHour[v] = restoreThrough(restoreHour[s]!, delay[edge]!, recovery[edge]!);
  };

  sources.forEach((source, i) => heap.push(source.hour, -1, -1 - i));
  while (heap.size > 0) {
    const hour = heap.peekHour();
    const id = heap.peekId();
    heap.pop();
    if (id < 0) {
      const source = sources[-1 - id]!;
      if (failed[source.node] === 0) fail(source.node, hour, 0, -1, source.hour + source.length, source.length);
      continue;
    }
    const v = edgeDependent[id]!;
    if (failed[v] === 1) continue;
    const group = edgeGroup[id]!;
    const total = g.totalStrength[v]!;
    let groupFailed = false;
    let partial = 0; // share of v's total strength newly lost in a group that holds
    if (group >= 0) {
      const before = groupLost[group]!;
      groupFailed = ++arrivals[group]! === g.groupSize[group]! - g.groupMinAlive[group]! + 1;
      if (g.groupCapacity[group]! > 0) {
        groupLost[group] = groupFailed ? 1 : Math.min(1, before + capacity[id]! / g.groupCapacity[group]!);
        if (!groupFailed && total > 0) partial = (g.groupStrength[group]! * (groupLost[group] - before)) / total;
      }
      if (groupFailed && failedStrength !== null) failedStrength[v]! += g.groupStrength[group]! * (1 - before);
    } else if (failedStrength !== null) {
      failedStrength[v]! += g.strength[id]!;
    }
    let completes: boolean;
    if (failedStrength === null) {
      completes = group < 0 || groupFailed;
    } else {
      failedStrength[v]! += partial * total;
      completes = total > 0 && (group < 0 || groupFailed || partial > 0) && failedStrength[v]! / total >= g.threshold[v]! - THRESHOLD_TOLERANCE;
    }
    const s = edgeSupplier[id]!;
    if (completes) {
      fail(v, hour, wave[s]! + 1, id, restoreThrough(restoreHour[s]!, delay[id]!, recovery[id]!), lengthThrough(length[s]!, recovery[id]!));
    } else if (failedStrength !== null) {
      if (total > 0 && failedStrength[v]! > 0) degrade(v, hour, id, failedStrength[v]! / total);
    } else if (partial > 0) {
      degrade(v, hour, id, loss[v]! + partial);
    }
  }
  return { failHour, restoreHour, criticalEdge, wave, failed, loss };
}
