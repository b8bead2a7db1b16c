/**
 * The per-node context the impact reports read besides the propagation graph:
 * where each node is located, under which jurisdiction, and the sector of each
 * critical function. Filled by the projection (src/projection/snapshot.ts, whose
 * Snapshot satisfies this interface); drawn graphs in tests build it by hand.
 */
export interface ImpactCountry {
  readonly id: string;
  readonly natoMember: boolean;
}

export interface ImpactContext {
  readonly countries: readonly ImpactCountry[];
  /** Per node: index into `countries` of its primary location (-1 unknown). */
  readonly location: Int32Array;
  /** Per node: index into `countries` of its owner's ultimate headquarters (-1 unknown). */
  readonly jurisdiction: Int32Array;
  /** Per node: index into SECTOR_KEYS for critical functions, -1 otherwise. */
  readonly sector: Int32Array;
}
