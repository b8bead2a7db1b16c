/**
 * The generator's edge accumulator: one edge per (dependent, supplier, channel),
 * parameters drawn in a fixed order from the rule's stream, groups assembled
 * across rules.
 */
import { ENTITY_ID_PATTERN, edgeCarriage, isAllowedDependency } from '../../graph-schema/vocabulary';
import type { Channel } from '../../graph-schema/vocabulary';
import { dependencyId, dependencyTypeFor, kindOfId, round } from './ids';
import type { Rng } from './prng';
import { GENERATOR_DATE, LATENCY_RANGE, PROPAGATION, RECOVERY_RANGE, SOURCE, STRENGTH_RANGE } from './rules';
import type { RuleId } from './rules';
import type { DependencyRecord, GeneratedDependencyRecord } from './types';

/** Per-edge settings a rule may give besides the drawn parameters. */
export interface EdgeOptions {
  group?: { id: string; minAlive: number } | null;
  /** On grouped edges (every member of the group or none); outside a group: a partial dependency. */
  capacityShare?: number;
  /** Draw recoveryHours from this range instead of RECOVERY_RANGE. */
  recoveryRange?: readonly [number, number];
  /** Hours the dependent runs on without the supplier; absent: the channel's default. */
  graceHours?: number | null;
  /** Absent: the channel's default. */
  carriesAvailability?: boolean;
}

/** One edge a rule wants, before it is written (used to assemble groups across rules). */
export interface PendingEdge {
  rng: Rng;
  supplier: string;
  channel: Channel;
  rule: RuleId;
  graceHours?: number | null;
  carriesAvailability?: boolean;
}

/** Accumulates generated edges; refuses a second edge per (dependent, supplier, channel). */
export class EdgeSet {
  readonly rows: GeneratedDependencyRecord[] = [];
  private readonly keys = new Set<string>();

  constructor(existing: readonly DependencyRecord[]) {
    for (const d of existing) this.keys.add(EdgeSet.key(d.dependent, d.supplier, d.channel));
  }

  static key(dependent: string, supplier: string, channel: Channel): string {
    return `${dependent}|${supplier}|${channel}`;
  }

  has(dependent: string, supplier: string, channel: Channel): boolean {
    return this.keys.has(EdgeSet.key(dependent, supplier, channel));
  }

  /**
   * One edge, parameters drawn from `rng` in this order: strength, propagation (only
   * when the edge carries integrity), delay (only on channels with a latency range),
   * recovery. Returns false (and draws nothing) on a duplicate.
   */
  add(rng: Rng, dependent: string, supplier: string, channel: Channel, rule: RuleId, opts: EdgeOptions = {}): boolean {
    if (dependent === supplier || this.has(dependent, supplier, channel)) return false;
    const dk = kindOfId(dependent);
    const sk = kindOfId(supplier);
    if (dk === undefined || sk === undefined || !isAllowedDependency(dk, sk)) {
      throw new Error(`DEPENDS_ON ${dependent} (${dk}) -> ${supplier} (${sk}) is not allowed`);
    }
    const id = dependencyId(dependent, supplier, channel);
    if (!ENTITY_ID_PATTERN.test(id)) throw new Error(`dependency id does not match the id pattern: ${id}`);
    const group = opts.group ?? null;
    const carriage = edgeCarriage(channel, { carriesAvailability: opts.carriesAvailability ?? null });
    const strength = round(rng.uniform(STRENGTH_RANGE[0], STRENGTH_RANGE[1]), 2);
    const p = PROPAGATION[channel];
    const propagation = carriage.integrity && p !== undefined ? round(p.base + p.span * rng.bates(p.n), 2) : 0;
    const latency = LATENCY_RANGE[channel];
    const delayHours = latency === undefined ? 0 : round(rng.uniform(latency[0], latency[1]), 1);
    const recovery = opts.recoveryRange ?? RECOVERY_RANGE;
    const recoveryHours = opts.recoveryRange === undefined ? Math.round(rng.uniform(recovery[0], recovery[1])) : round(rng.uniform(recovery[0], recovery[1]), 1);
    this.keys.add(EdgeSet.key(dependent, supplier, channel));
    const graceHours = opts.graceHours ?? undefined;
    // Key order is fixed (byte-identical files); the optional carriage fields appear only when set.
    const row: GeneratedDependencyRecord = {
      id,
      dependent,
      supplier,
      type: dependencyTypeFor(channel),
      channel,
      strength,
      redundancyGroup: group?.id ?? null,
      minAlive: group?.minAlive ?? 1,
      propagation,
      delayHours,
      ...(graceHours === undefined ? {} : { graceHours }),
      recoveryHours,
      ...(opts.carriesAvailability === undefined ? {} : { carriesAvailability: opts.carriesAvailability }),
      ...(opts.capacityShare === undefined ? {} : { capacityShare: opts.capacityShare }),
      source: `${SOURCE}, rule ${rule}`,
      confidence: 'LOW',
      illustrative: true,
      updatedAt: GENERATOR_DATE,
    };
    this.rows.push(row);
    return true;
  }

  /**
   * Edges to alternative suppliers sharing one redundancy group. Duplicates are
   * dropped first; a group of one becomes a plain edge; minAlive is capped at
   * the group size, so 1 <= minAlive <= size always holds. With `shares`, every
   * member gets capacityShare 1/size (equal shares; dropped for a group of one).
   */
  addGroup(
    dependent: string,
    pending: readonly PendingEdge[],
    groupId: string,
    minAlive: number,
    shares = false,
  ): void {
    const seen = new Set<string>();
    const fresh = pending.filter((e) => {
      const k = EdgeSet.key(dependent, e.supplier, e.channel);
      if (e.supplier === dependent || seen.has(k) || this.has(dependent, e.supplier, e.channel)) return false;
      seen.add(k);
      return true;
    });
    if (fresh.length === 0) return;
    const group = fresh.length === 1 ? null : { id: groupId, minAlive: Math.max(1, Math.min(minAlive, fresh.length)) };
    const capacityShare = shares && group !== null ? round(1 / fresh.length, 2) : undefined;
    for (const e of fresh) {
      this.add(e.rng, dependent, e.supplier, e.channel, e.rule, {
        group,
        ...(capacityShare === undefined ? {} : { capacityShare }),
        ...(e.graceHours === undefined ? {} : { graceHours: e.graceHours }),
        ...(e.carriesAvailability === undefined ? {} : { carriesAvailability: e.carriesAvailability }),
      });
    }
  }
}
