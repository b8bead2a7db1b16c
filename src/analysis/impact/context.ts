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
  /**
   * Every country a node is located in, primary first (a subsea cable's landing
   * countries, a service's own country); when absent, just the primary location.
   */
  readonly locations?: { of(v: number): ArrayLike<number> };
}

/** The countries node v is located in, primary first (possibly none). */
export function locationsOf(ctx: ImpactContext, v: number): ArrayLike<number> {
  if (ctx.locations !== undefined) return ctx.locations.of(v);
  const c = ctx.location[v]!;
  return c >= 0 ? [c] : [];
}
