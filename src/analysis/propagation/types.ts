/**
 * The contract of the propagation engine: the compact graph it runs on, its
 * inputs and its outputs. Pure data; see graph-schema/README.md for the
 * semantics and the files beside this one for the algorithms.
 */
import type { CompromiseEffect, OutageRule } from '../../../graph-schema/vocabulary';

/** Node kinds, coded as small integers in `PropagationGraph.kind`. */
export const KIND_CODES = ['Country', 'Provider', 'Facility', 'Service', 'CriticalFunction', 'Incident'] as const;
export type KindName = (typeof KIND_CODES)[number];

/** One DEPENDS_ON, from dependent to supplier, as the builder takes it. */
export interface EdgeInput {
  id: string;
  dependent: string;
  supplier: string;
  strength: number; // 0..1
  propagation: number; // 0..1
  /** Latency: hours before the supplier's failure or compromise is felt by the dependent. */
  delayHours: number; // >= 0
  recoveryHours: number | null; // >= 0, null = unknown
  /** The edge carries integrity: a compromise of the supplier can cross it (with `propagation`). */
  integrity: boolean;
  /** The edge carries availability: the supplier being down takes the dependent down (after the grace). Default true. */
  availability?: boolean;
  /** Hours the dependent runs on without the supplier; an outage no longer than this does not cross. Default 0. */
  graceHours?: number;
  /**
   * Within a redundancy group: this member's share of the group's capacity
   * (relative; normalised by the group's sum). Outside a group: a partial
   * dependency — losing the supplier takes this share of the dependent's
   * capacity (e.g. its web presence), never the whole of it by itself.
   * null = none.
   */
  capacity?: number | null;
  illustrative: boolean;
  redundancyGroup: string | null;
  minAlive: number; // integer, 1 outside groups
}

export interface NodeInput {
  id: string;
  kind: KindName;
  threshold?: number | null; // 0..1, default 0.5
  importance?: number | null; // > 0 for CriticalFunction (default 1); ignored for other kinds
}

export interface GraphInput {
  nodes: readonly NodeInput[];
  edges: readonly EdgeInput[];
  /** (provider id, facility or service id) for OPERATES and OFFERS: a provider origin takes these down too. */
  owned: readonly (readonly [string, string])[];
}

/**
 * Immutable compact graph. Node indices 0..n-1, edge indices 0..m-1 (self-loops
 * dropped by the builder). Never mutated after construction: what-ifs build a
 * new one through an overlay.
 */
export interface PropagationGraph {
  readonly n: number;
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly kind: Uint8Array; // index into KIND_CODES
  readonly threshold: Float64Array;
  readonly importance: Float64Array; // 0 for nodes that are not critical functions

  readonly m: number;
  readonly edgeIds: readonly string[];
  readonly edgeIndex: ReadonlyMap<string, number>;
  readonly edgeDependent: Int32Array;
  readonly edgeSupplier: Int32Array;
  readonly strength: Float64Array;
  readonly propagation: Float64Array;
  readonly delay: Float64Array;
  readonly recovery: Float64Array; // NaN = unknown
  /** 1 where the edge carries integrity (a compromise can cross). */
  readonly integrity: Uint8Array;
  /** 1 where the edge carries availability (an outage can cross). */
  readonly availability: Uint8Array;
  /** Grace hours per edge. */
  readonly grace: Float64Array;
  /** Capacity share per edge within its group (NaN = none). */
  readonly capacity: Float64Array;
  readonly illustrative: Uint8Array;
  readonly edgeGroup: Int32Array; // -1 = required edge, else group index

  readonly groupCount: number;
  readonly groupNames: readonly string[];
  readonly groupDependent: Int32Array;
  readonly groupMinAlive: Int32Array;
  readonly groupSize: Int32Array;
  readonly groupStrength: Float64Array; // sum of member strengths
  /** Sum of the members' capacity shares; 0 when the group has none (a pure k-of-n gate). */
  readonly groupCapacity: Float64Array;

  /** Edges whose supplier is v: bySupplierEdges[bySupplierOffsets[v] .. bySupplierOffsets[v+1]). */
  readonly bySupplierOffsets: Int32Array;
  readonly bySupplierEdges: Int32Array;
  /** Edges whose dependent is v. */
  readonly byDependentOffsets: Int32Array;
  readonly byDependentEdges: Int32Array;
  /** Σ strength of v's required edges + Σ groupStrength of v's groups (THRESHOLD and DISTRESS denominators); partial dependencies are not in it. */
  readonly totalStrength: Float64Array;
  /** Facilities and services a provider owns: ownedNodes[ownedOffsets[p] .. ownedOffsets[p+1]). */
  readonly ownedOffsets: Int32Array;
  readonly ownedNodes: Int32Array;
}

/** A what-if: applied by `applyOverlay`, which returns a new graph and leaves the base untouched. */
export interface Overlay {
  /** Edge ids to drop (e.g. a removed trust channel). */
  removeEdges?: readonly string[];
  /** Hypothetical dependencies to add (new alternatives, new suppliers). */
  addEdges?: readonly EdgeInput[];
  /** Change the redundancy group / minAlive of existing edges (added redundancy). */
  regroupEdges?: readonly { id: string; redundancyGroup: string | null; minAlive: number }[];
  /** Drop every edge marked illustrative (excludeIllustrative). */
  excludeIllustrative?: boolean;
}

export interface OutageOptions {
  rule: OutageRule;
  /** Node indices failing at hour 0 (already expanded to owned facilities and services). */
  origins: readonly number[];
  /** How long the origins stay down; null/undefined = until further notice. */
  durationHours?: number | null;
  /** Extra nodes failing at given hours for `durationHours` (used by DISRUPT: compromised nodes fail when compromised). */
  seeded?: readonly { node: number; hour: number }[];
}

/** Per-node results of one deterministic outage run. */
export interface OutageResult {
  rule: OutageRule;
  /** Hour the node failed; Infinity = never. For DISTRESS: the hour distress first reached it. */
  failHour: Float64Array;
  /** Hour the node is restored; Infinity = not within the run (origin never restored); NaN = unknown (no recoveryHours). */
  restoreHour: Float64Array;
  /** Edge whose arrival completed the node's rule (its critical cause); -1 for origins and unaffected nodes. */
  criticalEdge: Int32Array;
  /** Length of the critical-cause path back to an origin (0 for origins, -1 unaffected). */
  wave: Int32Array;
  /**
   * The node's loss share in [0,1]: 1 for failed nodes (and origins); under
   * DISTRESS the final distress h; under HARD and THRESHOLD the capacity share
   * lost in partially failed redundancy groups (and, under THRESHOLD, failed
   * dependencies) of a node that did not fail. A node with 0 < loss < 1 is
   * degraded; its failHour is the hour the loss began.
   */
  distress: Float64Array;
  /** 1 where the node failed (its rule held): under DISTRESS, distress 1. */
  failed: Uint8Array;
  /** Nodes affected, in order of failHour then wave then index. */
  affected: Int32Array;
}

export interface CompromiseOptions {
  origins: readonly number[];
  effect: CompromiseEffect;
  /** Outage rule for the outage that DISRUPT starts from the compromised nodes. */
  rule: OutageRule;
  /** DISRUPT: also take the origins down at hour 0 (their own availability); default false: an origin is compromised, not down. */
  originOutage?: boolean;
  /** DISRUPT: how long compromised nodes stay down (null/undefined = until further notice). */
  durationHours?: number | null;
  runs: number; // 1..100000
  seed: number; // 32-bit unsigned
  /** Runs [from, to) only: lets workers split the runs; results merge exactly. */
  from?: number;
  to?: number;
}

/** Mergeable Monte Carlo tallies over a range of runs. */
export interface CompromiseTally {
  runsFrom: number;
  runsTo: number;
  /** Per node: in how many runs it was compromised. */
  compromisedCount: Int32Array;
  /** Per node: in how many runs it failed (DISRUPT; equals 0 with ACCESS). */
  failedCount: Int32Array;
  /** Per node: in how many runs it was degraded (0 < loss < 1, not failed; DISRUPT). */
  degradedCount: Int32Array;
  /** Per node: the sum over runs of its loss share, in units of 1e-9 (exact; DISRUPT; 0 with ACCESS). */
  lossSum: Float64Array;
  /** Per node: the hour it was affected (compromised, or failed under DISRUPT) in each run where it was, for medians. Keyed by node index. */
  hours: Map<number, number[]>;
  /** Per run (index run - runsFrom): importance-weighted critical functions affected, and their count. */
  runImportance: Float64Array;
  runFunctions: Int32Array;
}
