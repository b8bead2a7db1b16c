/**
 * Totals and breakdowns of a set of outcomes (./outcome.ts): by kind, by the
 * country a node is located in, by sector, and the critical functions each
 * country loses. Every figure counts the same outcomes, so the per-country and
 * per-sector breakdowns add up to the totals in every mode.
 *
 *   functionsFailed / Degraded / Compromised  critical functions by effect
 *   functionsLost     = functionsFailed (a function that stopped)
 *   importanceLost    = Σ importance × loss over FAILED and DEGRADED functions
 *   importanceCompromised = Σ importance over COMPROMISED functions
 */
import { SECTOR_KEYS, type NodeKind, type Sector } from '../../../graph-schema/vocabulary';
import { KIND_CODES, type PropagationGraph } from '../propagation/types';
import type { ImpactContext } from './context';
import type { NodeOutcome, OutcomeEffect } from './outcome';

const KIND_FUNCTION = KIND_CODES.indexOf('CriticalFunction');

export interface EffectCounts {
  failed: number;
  degraded: number;
  compromised: number;
  /** Σ importance × loss over failed and degraded functions. */
  importanceLost: number;
  /** Σ importance over compromised functions. */
  importanceCompromised: number;
}

export interface CountryLossRow extends EffectCounts {
  country: string;
  /** Function node indices with an outcome, ascending. */
  functions: number[];
}

export interface SectorRow extends EffectCounts {
  sector: Sector;
  count: number;
}

export interface ImpactTotals {
  affected: number;
  byKind: { kind: NodeKind; count: number }[];
  byCountry: { country: string; count: number }[];
  bySector: SectorRow[];
  functionsFailed: number;
  functionsDegraded: number;
  functionsCompromised: number;
  functionsLost: number;
  importanceLost: number;
  importanceCompromised: number;
  belowThreshold: number;
  functionsLostByCountry: CountryLossRow[];
}

const emptyCounts = (): EffectCounts => ({ failed: 0, degraded: 0, compromised: 0, importanceLost: 0, importanceCompromised: 0 });

function add(counts: EffectCounts, effect: OutcomeEffect, importance: number, loss: number): void {
  if (effect === 'FAILED') counts.failed++;
  else if (effect === 'DEGRADED') counts.degraded++;
  else counts.compromised++;
  if (effect === 'COMPROMISED') counts.importanceCompromised += importance;
  else counts.importanceLost += importance * loss;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function impactTotals(g: PropagationGraph, ctx: ImpactContext, outcomes: readonly NodeOutcome[], belowThreshold = 0): ImpactTotals {
  const kindCount = new Map<NodeKind, number>();
  const countryCount = new Map<string, number>();
  const sectors = new Map<string, SectorRow>();
  const countries = new Map<string, CountryLossRow>();
  const all = emptyCounts();
  for (const o of outcomes) {
    const v = o.node;
    const kind = KIND_CODES[g.kind[v]!] as NodeKind;
    kindCount.set(kind, (kindCount.get(kind) ?? 0) + 1);
    const where = ctx.countries[ctx.location[v]!]?.id ?? '';
    if (where !== '') countryCount.set(where, (countryCount.get(where) ?? 0) + 1);
    if (g.kind[v] !== KIND_FUNCTION) continue;
    const importance = g.importance[v]!;
    add(all, o.effect, importance, o.loss);
    const sectorIndex = ctx.sector[v]!;
    const sector = sectorIndex >= 0 ? SECTOR_KEYS[sectorIndex]! : '';
    if (sector !== '') {
      const row = sectors.get(sector) ?? { sector, count: 0, ...emptyCounts() };
      row.count++;
      add(row, o.effect, importance, o.loss);
      sectors.set(sector, row);
    }
    if (where !== '') {
      const row = countries.get(where) ?? { country: where, functions: [], ...emptyCounts() };
      row.functions.push(v);
      add(row, o.effect, importance, o.loss);
      countries.set(where, row);
    }
  }
  for (const row of countries.values()) row.functions.sort((a, b) => a - b);
  const weight = (r: EffectCounts) => r.importanceLost + r.importanceCompromised;
  return {
    affected: outcomes.length,
    byKind: [...kindCount].map(([kind, count]) => ({ kind, count })),
    byCountry: [...countryCount].map(([country, count]) => ({ country, count })).sort((a, b) => b.count - a.count || byName(a.country, b.country)),
    bySector: [...sectors.values()].sort((a, b) => weight(b) - weight(a) || byName(a.sector, b.sector)),
    functionsFailed: all.failed,
    functionsDegraded: all.degraded,
    functionsCompromised: all.compromised,
    functionsLost: all.failed,
    importanceLost: all.importanceLost,
    importanceCompromised: all.importanceCompromised,
    belowThreshold,
    functionsLostByCountry: [...countries.values()].sort((a, b) => weight(b) - weight(a) || byName(a.country, b.country)),
  };
}
