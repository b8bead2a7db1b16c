/**
 * Linchpin scoring
 * ================
 * score(v) = Σ importance × loss over the critical functions whose outcome
 * (./impact/outcome.ts) is FAILED or DEGRADED when v alone goes down under HARD
 * for `durationHours` (default DEFAULT_DURATION_HOURS: a bounded outage, so that
 * graces — batteries, caches, token lifetimes — count; no provider expansion:
 * "v alone"). Ties: the number of countries losing a function, then the share of
 * the loss outside v's own location country. COMPROMISE mode scores the expected
 * importance compromised when v alone is compromised (ACCESS, fixed runs and seed).
 */
import { DEFAULT_DURATION_HOURS, type NodeKind } from '../../graph-schema/vocabulary';
import type { ImpactContext } from './impact/context';
import { outageOutcomes, type OutcomeOptions } from './impact/outcome';
import { runCompromise, simulateOutage } from './propagation';
import { KIND_CODES, type PropagationGraph } from './propagation/types';

const KIND_FUNCTION = KIND_CODES.indexOf('CriticalFunction');

/** The node kinds a linchpin can be. */
export const CANDIDATE_KINDS: readonly NodeKind[] = ['Provider', 'Facility', 'Service'];

/** The critical functions one candidate takes down and with what weight (loss share, or probability). */
export interface CandidateLoss {
  node: number;
  functions: Int32Array;
  weights: Float64Array;
}

export interface OutageScoreOptions {
  /** Hours the candidate stays down; null = open-ended. Default 24. */
  durationHours?: number | null;
  outcome?: Partial<OutcomeOptions>;
}

export function outageCandidateLoss(g: PropagationGraph, v: number, options: OutageScoreOptions = {}): CandidateLoss {
  const durationHours = options.durationHours === undefined ? DEFAULT_DURATION_HOURS : options.durationHours;
  const result = simulateOutage(g, { rule: 'HARD', origins: [v], durationHours });
  const { nodes } = outageOutcomes(g, result, [v], options.outcome);
  const functions: number[] = [];
  const weights: number[] = [];
  for (const o of nodes) {
    if (g.kind[o.node] !== KIND_FUNCTION) continue;
    functions.push(o.node);
    weights.push(o.loss);
  }
  return { node: v, functions: Int32Array.from(functions), weights: Float64Array.from(weights) };
}

export function compromiseCandidateLoss(g: PropagationGraph, v: number, runs: number, seed: number): CandidateLoss {
  const tally = runCompromise(g, { origins: [v], effect: 'ACCESS', rule: 'HARD', runs, seed });
  const functions: number[] = [];
  const weights: number[] = [];
  for (let u = 0; u < g.n; u++) {
    const count = tally.compromisedCount[u]!;
    if (count > 0 && g.kind[u] === KIND_FUNCTION) {
      functions.push(u);
      weights.push(count / runs);
    }
  }
  return { node: v, functions: Int32Array.from(functions), weights: Float64Array.from(weights) };
}

export interface LinchpinRow {
  rank: number;
  id: string;
  score: number;
  functionsLost: number;
  countries: number;
  crossBorderShare: number;
}

/** Ranks candidates; `originCountry` / `lossCountry` (country indices, -1 = any) filter candidates and counted losses. */
export function rankCandidates(g: PropagationGraph, ctx: ImpactContext, losses: readonly CandidateLoss[], originCountry = -1, lossCountry = -1): LinchpinRow[] {
  const scored = losses
    .filter((c) => originCountry < 0 || ctx.location[c.node] === originCountry)
    .map((c) => {
      let score = 0;
      let foreign = 0;
      let lost = 0;
      const countries = new Set<number>();
      for (let i = 0; i < c.functions.length; i++) {
        const f = c.functions[i]!;
        const where = ctx.location[f]!;
        if (lossCountry >= 0 && where !== lossCountry) continue;
        const w = g.importance[f]! * c.weights[i]!;
        score += w;
        lost++;
        countries.add(where);
        if (where !== ctx.location[c.node]) foreign += w;
      }
      return { id: g.ids[c.node]!, score, functionsLost: lost, countries: countries.size, crossBorderShare: score > 0 ? foreign / score : 0 };
    })
    .sort((a, b) => b.score - a.score || b.countries - a.countries || b.crossBorderShare - a.crossBorderShare || (a.id < b.id ? -1 : 1));
  return scored.map((r, i) => ({ rank: i + 1, ...r }));
}
