/**
 * Linchpin ranking: score(v) = the summed importance of the critical functions
 * lost when v alone fails under HARD (no provider expansion: "v alone"), with
 * the number of countries losing a function and the cross-border share of the
 * loss as tie-breaks, in that order. COMPROMISE mode scores the expected
 * importance compromised when v alone is compromised (ACCESS, fixed seed).
 *
 * Computed for every provider, facility and service by a sweep that runs in
 * the background after each snapshot change, in slices that yield to the event
 * loop; the query never waits for it and says FRESH, STALE or COMPUTING.
 */
import type { NodeKind, PropagationMode } from '../../../graph-schema/vocabulary';
import { hardFailureSet, runCompromise } from '../../analysis/propagation';
import { KIND_CODES } from '../../analysis/propagation/types';
import { ValidationError } from '../../errors';
import type { Snapshot } from '../../projection/snapshot';
import { checkTop } from './centrality';

const CANDIDATE_KINDS: readonly NodeKind[] = ['Provider', 'Facility', 'Service'];
/** COMPROMISE sweep: runs per candidate and seed (fixed, so rankings are reproducible). */
export const COMPROMISE_SWEEP_RUNS = 200;
export const COMPROMISE_SWEEP_SEED = 20_201_213;
const SLICE = 16;

/** Per candidate: the critical functions it takes down and with what weight (1, or a probability). */
interface CandidateLoss {
  node: number;
  functions: Int32Array;
  weights: Float64Array;
}

interface Sweep {
  snapshot: Snapshot;
  mode: PropagationMode;
  done: number;
  total: number;
  losses: CandidateLoss[];
  computedAt: string | null;
  cancelled: boolean;
}

export interface LinchpinQuery {
  mode?: PropagationMode | null;
  originKinds?: readonly NodeKind[] | null;
  originCountry?: string | null;
  lossCountry?: string | null;
  top?: number | null;
}

export class LinchpinRanker {
  private finished = new Map<PropagationMode, Sweep>();
  private running = new Map<PropagationMode, Sweep>();

  /** Starts sweeps for a new snapshot (cancelling older ones). */
  start(snapshot: Snapshot): void {
    for (const mode of ['OUTAGE', 'COMPROMISE'] as const) this.startMode(snapshot, mode);
  }

  private startMode(snapshot: Snapshot, mode: PropagationMode): void {
    const current = this.running.get(mode);
    if (current && current.snapshot.version === snapshot.version) return;
    if (current) current.cancelled = true;
    const g = snapshot.propagation;
    const candidates: number[] = [];
    for (let v = 0; v < g.n; v++) if (CANDIDATE_KINDS.includes(KIND_CODES[g.kind[v]!] as NodeKind)) candidates.push(v);
    const sweep: Sweep = { snapshot, mode, done: 0, total: candidates.length, losses: [], computedAt: null, cancelled: false };
    this.running.set(mode, sweep);
    const failed = new Uint8Array(g.n);
    const step = () => {
      if (sweep.cancelled) return;
      const end = Math.min(sweep.done + SLICE, candidates.length);
      for (let i = sweep.done; i < end; i++) sweep.losses.push(lossOf(snapshot, mode, candidates[i]!, failed));
      sweep.done = end;
      if (end < candidates.length) {
        setImmediate(step);
        return;
      }
      sweep.computedAt = new Date().toISOString();
      this.finished.set(mode, sweep);
      if (this.running.get(mode) === sweep) this.running.delete(mode);
    };
    setImmediate(step);
  }

  /** Resolves once the sweeps for this snapshot are done (for tests and the CLI). */
  async settled(snapshot: Snapshot): Promise<void> {
    this.start(snapshot);
    while ([...this.running.values()].some((s) => !s.cancelled)) await new Promise((r) => setTimeout(r, 5));
  }

  /**
   * @param current the snapshot in memory (null before the first load)
   * @param latestVersion the database's write version now
   */
  rank(current: Snapshot | null, latestVersion: number, query: LinchpinQuery) {
    const mode = query.mode ?? 'OUTAGE';
    const top = checkTop(query.top);
    const kinds = query.originKinds && query.originKinds.length > 0 ? query.originKinds : CANDIDATE_KINDS;
    const badKind = kinds.find((k) => !CANDIDATE_KINDS.includes(k));
    if (badKind) throw new ValidationError(`originKinds: ${badKind} cannot be a linchpin candidate; use Provider, Facility or Service`);
    for (const [name, c] of [['originCountry', query.originCountry], ['lossCountry', query.lossCountry]] as const) {
      if (c && current && !current.countryIndex.has(c)) throw new ValidationError(`${name}: unknown country '${c}'`);
    }
    const done = this.finished.get(mode);
    const running = this.running.get(mode);
    const fresh = done !== undefined && done.snapshot.version === latestVersion;
    if (current && !fresh && (!running || running.snapshot.version !== current.version)) this.startMode(current, mode);
    const inFlight = this.running.get(mode);
    const status = fresh ? 'FRESH' : done ? 'STALE' : 'COMPUTING';
    const progress = fresh ? 1 : inFlight ? inFlight.done / Math.max(1, inFlight.total) : 0;
    return {
      status,
      progress,
      snapshotVersion: done?.snapshot.version ?? null,
      computedAt: done?.computedAt ?? null,
      rows: done ? rows(done, kinds, query.originCountry ?? null, query.lossCountry ?? null).slice(0, top) : [],
    };
  }

  /** Score and rank of one node in the unfiltered OUTAGE ranking of the given snapshot, if computed for it. */
  nodeScore(current: Snapshot, id: string): { score: number; rank: number } | null {
    const done = this.finished.get('OUTAGE');
    if (!done || done.snapshot.version !== current.version) return null;
    const all = rows(done, CANDIDATE_KINDS, null, null);
    const row = all.find((r) => r.id === id);
    return row ? { score: row.score, rank: row.rank } : null;
  }
}

function lossOf(snapshot: Snapshot, mode: PropagationMode, v: number, buffer: Uint8Array): CandidateLoss {
  const g = snapshot.propagation;
  const functions: number[] = [];
  const weights: number[] = [];
  if (mode === 'OUTAGE') {
    const failed = hardFailureSet(g, [v], buffer);
    for (let u = 0; u < g.n; u++) {
      if (failed[u] && g.importance[u]! > 0) {
        functions.push(u);
        weights.push(1);
      }
    }
  } else {
    const tally = runCompromise(g, { origins: [v], effect: 'ACCESS', rule: 'HARD', runs: COMPROMISE_SWEEP_RUNS, seed: COMPROMISE_SWEEP_SEED });
    for (let u = 0; u < g.n; u++) {
      const count = tally.compromisedCount[u]!;
      if (count > 0 && g.importance[u]! > 0) {
        functions.push(u);
        weights.push(count / COMPROMISE_SWEEP_RUNS);
      }
    }
  }
  return { node: v, functions: Int32Array.from(functions), weights: Float64Array.from(weights) };
}

function rows(sweep: Sweep, kinds: readonly NodeKind[], originCountry: string | null, lossCountry: string | null) {
  const s = sweep.snapshot;
  const g = s.propagation;
  const originIdx = originCountry ? s.countryIndex.get(originCountry)! : -1;
  const lossIdx = lossCountry ? s.countryIndex.get(lossCountry)! : -1;
  const scored = sweep.losses
    .filter((c) => kinds.includes(KIND_CODES[g.kind[c.node]!] as NodeKind) && (originIdx < 0 || s.location[c.node] === originIdx))
    .map((c) => {
      let score = 0;
      let foreign = 0;
      let lost = 0;
      const countries = new Set<number>();
      for (let i = 0; i < c.functions.length; i++) {
        const f = c.functions[i]!;
        const where = s.location[f]!;
        if (lossIdx >= 0 && where !== lossIdx) continue;
        const w = g.importance[f]! * c.weights[i]!;
        score += w;
        lost++;
        countries.add(where);
        if (where !== s.location[c.node]) foreign += w;
      }
      return { id: g.ids[c.node]!, score, functionsLost: lost, countries: countries.size, crossBorderShare: score > 0 ? foreign / score : 0 };
    })
    .sort(
      (a, b) =>
        b.score - a.score || b.countries - a.countries || b.crossBorderShare - a.crossBorderShare || (a.id < b.id ? -1 : 1),
    );
  return scored.map((r, i) => ({ rank: i + 1, ...r }));
}
