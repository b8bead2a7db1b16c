/**
 * DebtRank distress propagation (the DISTRESS outage rule)
 * ========================================================
 * [Reference]: S. Battiston, M. Puliga, R. Kaushik, P. Tasca and G. Caldarelli,
 *   "DebtRank: Too Central to Fail? Financial Networks, the FED and Systemic Risk",
 *   Scientific Reports 2, 541, 2012.
 * Complexity: O(n log n + m + Σ_groups s_g² log s_g) time for groups of size s_g
 *   (each edge transmits at most once; a group is re-ranked whenever members
 *   transmit), plus one O((n + m) log m) timing pass; O(n + m) memory.
 *
 * Every node carries distress h in [0, 1]; the shock nodes (origins and seeded
 * nodes) start at h = 1 and keep it. Each node passes its distress on exactly
 * once: in the round after it first becomes distressed it transmits its current h
 * along every out-edge (x_e = h_s) and becomes inactive; later increases of its h
 * are not passed on (DebtRank's undistressed / distressed / inactive states).
 * Rounds are synchronous: all transmissions of a round use the h values from
 * before it. A dependent's distress is
 *
 *     h_v = min(1, Σ_required W_e x_e + Σ_groups W_g · kth_g)
 *
 * with W_e = strength_e / totalStrength[v], W_g = groupStrength / totalStrength[v],
 * and kth_g the (size - minAlive + 1)-th largest transmitted x among the group's
 * members (0 for members that have not transmitted), so with 0/1 values a group is
 * exactly the HARD k-of-n gate.
 *
 * Only edges that carry availability transmit, and an edge whose grace is not
 * shorter than the supplier's outage transmits nothing (the buffer of the HARD
 * rule); the outage length is carried along critical edges (origin:
 * durationHours; then + recoveryHours; NaN = unknown counts as lasting). In a
 * group whose members carry capacity shares the group passes on the larger of
 * kth_g and its capacity-weighted distress Σ c_e x_e / Σ c_e, so that losing one
 * of two equal cables degrades the dependent by half the group's weight. A
 * partial dependency (capacity c outside any group) adds c · x_e, outside the
 * strength weights.
 *
 * Reported per node: wave = the round in which it first became distressed;
 * criticalEdge = among the contributions it had then, the largest (for a group the
 * member edge at the kth position), ties by lowest edge index, so critical edges
 * always lead to an earlier round and back to a shock node; failHour = the first
 * hour at which h_v > 0 once delays are counted: a HARD pass over the edges with a
 * positive contribution (a required edge with x > 0, or a group with kth > 0
 * counted at its k-th member's hour); restoreHour through the critical edge as
 * under HARD. Shock nodes keep their own hour (seeded: the given one).
 *
 * `debtRankLoss` is DebtRank's R with importance as the node value:
 *     R = Σ_v importance_v · h_v  −  Σ_{shock nodes} importance_v
 * i.e. the importance-weighted loss the cascade adds beyond the initial shock.
 */
import { lengthThrough, outlasts, restoreThrough, timedCascade, type CascadeSource, type CascadeState } from './cascade';
import { throwIfProblems } from '../errors';
import type { OutageResult, PropagationGraph } from './types';
import { checkGraph } from './validate';

export interface DistressState extends CascadeState {
  distress: Float64Array;
  /** 1 where distress reached 1. */
  failed: Uint8Array;
}

const U = 0; // undistressed
const D = 1; // distressed, transmits next round
const I = 2; // inactive

export function distressCascade(g: PropagationGraph, sources: readonly CascadeSource[]): DistressState {
  const { n, m, edgeDependent, edgeSupplier, edgeGroup, strength, delay, grace, recovery, availability, capacity, totalStrength, groupStrength } = g;
  const { bySupplierOffsets, bySupplierEdges } = g;

  // Members of each group, by ascending edge index.
  const groupOffsets = new Int32Array(g.groupCount + 1);
  for (let e = 0; e < m; e++) if (edgeGroup[e]! >= 0) groupOffsets[edgeGroup[e]! + 1]!++;
  for (let q = 0; q < g.groupCount; q++) groupOffsets[q + 1]! += groupOffsets[q]!;
  const groupMembers = new Int32Array(groupOffsets[g.groupCount]!);
  const cursor = groupOffsets.slice(0, g.groupCount);
  for (let e = 0; e < m; e++) if (edgeGroup[e]! >= 0) groupMembers[cursor[edgeGroup[e]!]!++] = e;

  const h = new Float64Array(n);
  const state = new Uint8Array(n);
  const shock = new Uint8Array(n);
  const wave = new Int32Array(n).fill(-1);
  const criticalEdge = new Int32Array(n).fill(-1);
  const length = new Float64Array(n);
  const x = new Float64Array(m);
  const requiredSum = new Float64Array(n);
  const groupSum = new Float64Array(n);
  const kth = new Float64Array(g.groupCount);
  const kthEdge = new Int32Array(g.groupCount).fill(-1);
  const touchedStamp = new Int32Array(n);
  const groupStamp = new Int32Array(g.groupCount);

  let frontier: number[] = [];
  for (const source of sources) {
    const v = source.node;
    shock[v] = 1;
    state[v] = D;
    h[v] = 1;
    wave[v] = 0;
    length[v] = source.length;
    frontier.push(v);
  }
  frontier.sort((a, b) => a - b);

  const members: number[] = [];
  for (let round = 1; frontier.length > 0; round++) {
    const touched: number[] = [];
    const dirtyGroups: number[] = [];
    for (const s of frontier) {
      state[s] = I;
      const xs = h[s]!;
      for (let k = bySupplierOffsets[s]!; k < bySupplierOffsets[s + 1]!; k++) {
        const e = bySupplierEdges[k]!;
        const v = edgeDependent[e]!;
        if (shock[v] === 1 || availability[e] !== 1 || !outlasts(length[s]!, grace[e]!)) continue;
        x[e] = xs;
        if (touchedStamp[v] !== round) {
          touchedStamp[v] = round;
          touched.push(v);
        }
        const q = edgeGroup[e]!;
        if (q < 0) {
          if (!Number.isNaN(capacity[e]!)) requiredSum[v]! += capacity[e]! * xs; // a partial dependency: its own share
          else if (totalStrength[v]! > 0) requiredSum[v]! += (strength[e]! / totalStrength[v]!) * xs;
        } else if (groupStamp[q] !== round) {
          groupStamp[q] = round;
          dirtyGroups.push(q);
        }
      }
    }
    for (const q of dirtyGroups) {
      members.length = 0;
      for (let k = groupOffsets[q]!; k < groupOffsets[q + 1]!; k++) members.push(groupMembers[k]!);
      members.sort((a, b) => x[b]! - x[a]! || a - b);
      const position = g.groupSize[q]! - g.groupMinAlive[q]!;
      let e = members[position]!;
      let value = x[e]!;
      if (g.groupCapacity[q]! > 0) {
        // Partial capacity: the group passes on at least its capacity-weighted distress.
        let weighted = 0;
        let best = -1;
        for (const f of members) {
          weighted += capacity[f]! * x[f]!;
          if (best < 0 || capacity[f]! * x[f]! > capacity[best]! * x[best]!) best = f;
        }
        weighted /= g.groupCapacity[q]!;
        if (weighted > value) {
          value = Math.min(1, weighted);
          e = best;
        }
      }
      const v = g.groupDependent[q]!;
      const weight = totalStrength[v]! > 0 ? groupStrength[q]! / totalStrength[v]! : 0;
      groupSum[v]! += weight * (value - kth[q]!);
      kth[q] = value;
      kthEdge[q] = e;
    }
    const next: number[] = [];
    for (const v of touched) {
      h[v] = Math.min(1, requiredSum[v]! + groupSum[v]!);
      if (state[v] !== U || !(h[v] > 0)) continue;
      state[v] = D;
      wave[v] = round;
      const c = largestContribution(g, v, x, kth, kthEdge);
      criticalEdge[v] = c;
      length[v] = lengthThrough(length[edgeSupplier[c]!]!, recovery[c]!);
      next.push(v);
    }
    frontier = next.sort((a, b) => a - b);
  }

  // Timing: a HARD pass over the edges with a positive contribution.
  const mask = new Uint8Array(m);
  for (let e = 0; e < m; e++) {
    const v = edgeDependent[e]!;
    if (shock[v] === 1 || !(x[e]! > 0)) continue;
    const q = edgeGroup[e]!;
    if (q < 0 ? strength[e]! > 0 || !Number.isNaN(capacity[e]!) : groupStrength[q]! > 0) mask[e] = 1;
  }
  const timing = timedCascade(g, 'HARD', sources, mask);
  const failHour = timing.failHour;

  // Restoration along critical edges, in wave order (a critical supplier has a lower wave).
  const restoreHour = new Float64Array(n).fill(NaN);
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (wave[v]! >= 0) order.push(v);
  order.sort((a, b) => wave[a]! - wave[b]! || a - b);
  for (const v of order) {
    const c = criticalEdge[v]!;
    restoreHour[v] = c < 0 ? failHour[v]! + length[v]! : restoreThrough(restoreHour[edgeSupplier[c]!]!, delay[c]!, recovery[c]!);
  }
  const failed = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (h[v]! >= 1 - 1e-12) failed[v] = 1;
  return { failHour, restoreHour, criticalEdge, wave, distress: h, failed };
}

/** The in-edge of v with the largest contribution W·x (a group: its kth member), ties by lowest edge index. */
function largestContribution(g: PropagationGraph, v: number, x: Float64Array, kth: Float64Array, kthEdge: Int32Array): number {
  let best = -1;
  let bestValue = 0;
  const total = g.totalStrength[v]!;
  for (let k = g.byDependentOffsets[v]!; k < g.byDependentOffsets[v + 1]!; k++) {
    const e = g.byDependentEdges[k]!;
    const q = g.edgeGroup[e]!;
    let value: number;
    let edge: number;
    if (q < 0) {
      value = Number.isNaN(g.capacity[e]!) ? (g.strength[e]! / total) * x[e]! : g.capacity[e]! * x[e]!;
      edge = e;
    } else {
      if (kthEdge[q] !== e) continue; // each group is looked at once, through its kth member
      value = (g.groupStrength[q]! / total) * kth[q]!;
      edge = e;
    }
    if (value > bestValue || (value === bestValue && value > 0 && edge < best)) {
      best = edge;
      bestValue = value;
    }
  }
  return best;
}

/**
 * DebtRank's R for an outage result under any rule: Σ importance · distress over
 * the nodes that are not part of the initial shock (wave 0: origins and seeded
 * nodes), which equals Σ importance · h over all nodes minus the shock's importance.
 * Under HARD and THRESHOLD it is the importance of the critical functions lost
 * beyond the origins.
 */
export function debtRankLoss(g: PropagationGraph, result: OutageResult): number {
  const problems: string[] = [];
  if (checkGraph(g, problems)) {
    if (result === null || typeof result !== 'object') problems.push('result: must be an OutageResult');
    else {
      if (!(result.distress instanceof Float64Array) || result.distress.length !== g.n) problems.push(`result.distress: must be a Float64Array of length ${g.n}`);
      if (!(result.wave instanceof Int32Array) || result.wave.length !== g.n) problems.push(`result.wave: must be an Int32Array of length ${g.n}`);
    }
  }
  throwIfProblems(problems);
  let loss = 0;
  for (let v = 0; v < g.n; v++) if (result.wave[v] !== 0) loss += g.importance[v]! * result.distress[v]!;
  return loss;
}
