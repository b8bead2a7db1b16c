/**
 * Linchpin ranking (the scores: src/analysis/linchpin-score.ts — importance lost
 * when v alone is down for the default 24 hours under HARD, by the one outcome
 * definition; COMPROMISE: expected importance compromised, ACCESS, fixed seed).
 *
 * Computed for every provider, facility and service by a sweep that runs in
 * the background after each snapshot change, in slices that yield to the event
 * loop; the query never waits for it and says FRESH, STALE or COMPUTING.
 */
import { DEFAULT_DURATION_HOURS, type NodeKind, type PropagationMode } from '../../../graph-schema/vocabulary';
import { CANDIDATE_KINDS, compromiseCandidateLoss, outageCandidateLoss, rankCandidates, type CandidateLoss } from '../../analysis/linchpin-score';
import { resolveDuration } from './duration';
import { KIND_CODES } from '../../analysis/propagation/types';
import { ValidationError } from '../../errors';
import type { Snapshot } from '../../projection/snapshot';
import { checkTop } from './centrality';

/** COMPROMISE sweep: runs per candidate and seed (fixed, so rankings are reproducible). */
export const COMPROMISE_SWEEP_RUNS = 200;
export const COMPROMISE_SWEEP_SEED = 20_201_213;
const SLICE = 16;

interface Sweep {
  snapshot: Snapshot;
  mode: PropagationMode;
  /** OUTAGE: hours each candidate is down (null: open-ended). */
  durationHours: number | null;
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
  /** OUTAGE: hours each candidate is down (default 24); openEnded for no end. */
  durationHours?: number | null;
  openEnded?: boolean | null;
}

/** At most this many (mode, duration) sweeps are kept; the default ones always are. */
const MAX_SWEEPS = 8;
const sweepKey = (mode: PropagationMode, durationHours: number | null) => (mode === 'COMPROMISE' ? mode : `${mode}:${durationHours ?? 'open'}`);

export class LinchpinRanker {
  private finished = new Map<string, Sweep>();
  private running = new Map<string, Sweep>();

  /** Starts the default sweeps for a new snapshot (cancelling older ones). */
  start(snapshot: Snapshot): void {
    for (const mode of ['OUTAGE', 'COMPROMISE'] as const) this.startMode(snapshot, mode, DEFAULT_DURATION_HOURS);
  }

  private startMode(snapshot: Snapshot, mode: PropagationMode, durationHours: number | null): void {
    const key = sweepKey(mode, durationHours);
    const current = this.running.get(key);
    if (current && current.snapshot.version === snapshot.version) return;
    if (current) current.cancelled = true;
    if (!this.finished.has(key) && this.finished.size >= MAX_SWEEPS) {
      const defaults = new Set([sweepKey('OUTAGE', DEFAULT_DURATION_HOURS), sweepKey('COMPROMISE', null)]);
      const oldest = [...this.finished.keys()].find((k) => !defaults.has(k));
      if (oldest !== undefined) this.finished.delete(oldest);
    }
    const g = snapshot.propagation;
    const candidates: number[] = [];
    for (let v = 0; v < g.n; v++) if (CANDIDATE_KINDS.includes(KIND_CODES[g.kind[v]!] as NodeKind)) candidates.push(v);
    const sweep: Sweep = { snapshot, mode, durationHours, done: 0, total: candidates.length, losses: [], computedAt: null, cancelled: false };
    this.running.set(key, sweep);
    const step = () => {
      if (sweep.cancelled) return;
      const end = Math.min(sweep.done + SLICE, candidates.length);
      for (let i = sweep.done; i < end; i++) sweep.losses.push(lossOf(snapshot, mode, candidates[i]!, durationHours));
      sweep.done = end;
      if (end < candidates.length) {
        setImmediate(step);
        return;
      }
      sweep.computedAt = new Date().toISOString();
      this.finished.set(key, sweep);
      if (this.running.get(key) === sweep) this.running.delete(key);
    };
    setImmediate(step);
  }

  /** Cancels every running sweep (a view's ranker, when its snapshot is replaced). */
  stop(): void {
    for (const sweep of this.running.values()) sweep.cancelled = true;
    this.running.clear();
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
    const { durationHours, problems } = resolveDuration(query.durationHours, query.openEnded);
    if (problems.length > 0) throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
    const key = sweepKey(mode, durationHours);
    const done = this.finished.get(key);
    const running = this.running.get(key);
    const fresh = done !== undefined && done.snapshot.version === latestVersion;
    if (current && !fresh && (!running || running.snapshot.version !== current.version)) this.startMode(current, mode, durationHours);
    const inFlight = this.running.get(key);
    const status: 'FRESH' | 'STALE' | 'COMPUTING' = fresh ? 'FRESH' : done ? 'STALE' : 'COMPUTING';
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
    const done = this.finished.get(sweepKey('OUTAGE', DEFAULT_DURATION_HOURS));
    if (!done || done.snapshot.version !== current.version) return null;
    const all = rows(done, CANDIDATE_KINDS, null, null);
    const row = all.find((r) => r.id === id);
    return row ? { score: row.score, rank: row.rank } : null;
  }
}

function lossOf(snapshot: Snapshot, mode: PropagationMode, v: number, durationHours: number | null): CandidateLoss {
  const g = snapshot.propagation;
  return mode === 'OUTAGE' ? outageCandidateLoss(g, v, { durationHours }) : compromiseCandidateLoss(g, v, COMPROMISE_SWEEP_RUNS, COMPROMISE_SWEEP_SEED);
}

function rows(sweep: Sweep, kinds: readonly NodeKind[], originCountry: string | null, lossCountry: string | null) {
  const s = sweep.snapshot;
  const g = s.propagation;
  const losses = sweep.losses.filter((c) => kinds.includes(KIND_CODES[g.kind[c.node]!] as NodeKind));
  return rankCandidates(g, s, losses, originCountry ? s.countryIndex.get(originCountry)! : -1, lossCountry ? s.countryIndex.get(lossCountry)! : -1);
}
