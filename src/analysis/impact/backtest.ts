/**
 * Back-test scoring: the countries an incident's sources name against the
 * countries the model predicts. A country is predicted when at least one of its
 * critical functions has an outcome (./outcome.ts: FAILED, DEGRADED or
 * COMPROMISED, with the same thresholds as every other answer). Only countries
 * where the model has critical functions can be predicted, so named countries
 * without any are reported as not modelled and left out of recall.
 *   precision = |predicted ∩ named| / |predicted|   (null when nothing is predicted)
 *   recall    = |predicted ∩ named| / |named ∩ modelled|   (null when no named country is modelled)
 * Printed, never tuned.
 */
import { KIND_CODES, type PropagationGraph } from '../propagation/types';
import type { ImpactContext } from './context';
import type { NodeOutcome } from './outcome';

const KIND_FUNCTION = KIND_CODES.indexOf('CriticalFunction');

export interface BacktestScore {
  namedCountries: string[];
  /** Named countries where the model has critical functions. */
  modelledCountries: string[];
  /** Named countries where it has none: not scored. */
  notModelled: string[];
  predictedCountries: string[];
  truePositives: string[];
  precision: number | null;
  recall: number | null;
}

/** Country ids (sorted) that serve at least one critical function in `g`. */
export function countriesWithFunctions(g: PropagationGraph, ctx: ImpactContext): Set<string> {
  const out = new Set<string>();
  for (let v = 0; v < g.n; v++) {
    if (g.kind[v] !== KIND_FUNCTION) continue;
    const c = ctx.countries[ctx.location[v]!]?.id;
    if (c !== undefined) out.add(c);
  }
  return out;
}

/** Countries (sorted ids) where at least one critical function has an outcome. */
export function predictedCountries(g: PropagationGraph, ctx: ImpactContext, outcomes: readonly NodeOutcome[]): string[] {
  const out = new Set<string>();
  for (const o of outcomes) {
    if (g.kind[o.node] !== KIND_FUNCTION) continue;
    const c = ctx.countries[ctx.location[o.node]!]?.id;
    if (c !== undefined) out.add(c);
  }
  return [...out].sort();
}

/** Scores `predicted` countries against `namedCountries`, counting only named countries in `modelled`. */
export function scoreBacktest(predicted: readonly string[], modelled: ReadonlySet<string>, namedCountries: readonly string[]): BacktestScore {
  const named = [...new Set(namedCountries)].sort();
  const scored = named.filter((c) => modelled.has(c));
  const sortedPredicted = [...new Set(predicted)].sort();
  const hits = sortedPredicted.filter((c) => scored.includes(c));
  return {
    namedCountries: named,
    modelledCountries: scored,
    notModelled: named.filter((c) => !modelled.has(c)),
    predictedCountries: sortedPredicted,
    truePositives: hits,
    precision: sortedPredicted.length === 0 ? null : hits.length / sortedPredicted.length,
    recall: scored.length === 0 ? null : hits.length / scored.length,
  };
}
