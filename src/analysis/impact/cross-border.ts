/**
 * Cross-border views of a set of outcomes: per country (by location or by
 * jurisdiction), how many affected nodes and critical functions, which countries
 * the origins sit in, and how many affected nodes are in other NATO members and
 * in non-members (by location, a linear asset such as a subsea cable counts in
 * each of its landing countries); and the border crossings: critical-cause edges
 * whose dependent is located in none of the supplier's countries.
 */
import { KIND_CODES, type PropagationGraph } from '../propagation/types';
import { locationsOf, type ImpactContext } from './context';
import type { NodeOutcome } from './outcome';

const KIND_FUNCTION = KIND_CODES.indexOf('CriticalFunction');

export type CrossBorderBasis = 'LOCATION' | 'JURISDICTION';

export interface CrossBorderView {
  basis: CrossBorderBasis;
  originCountries: string[];
  countries: { country: string; natoMember: boolean; originCountry: boolean; affected: number; functions: number }[];
  foreignNato: number;
  foreignNonNato: number;
}

export function crossBorderView(g: PropagationGraph, ctx: ImpactContext, origins: readonly number[], outcomes: readonly NodeOutcome[], basis: CrossBorderBasis): CrossBorderView {
  const of = basis === 'LOCATION' ? ctx.location : ctx.jurisdiction;
  const countryOf = (v: number) => ctx.countries[of[v]!]?.id ?? '';
  const originCountries = [...new Set(origins.map(countryOf).filter((c) => c !== ''))].sort();
  const perCountry = new Map<number, { affected: number; functions: number }>();
  for (const o of outcomes) {
    // By location a linear asset counts in every country it lands in; by jurisdiction, once.
    const where = basis === 'LOCATION' ? Array.from(locationsOf(ctx, o.node)) : [of[o.node]!];
    for (const c of new Set(where)) {
      if (c < 0 || ctx.countries[c] === undefined) continue;
      const entry = perCountry.get(c) ?? { affected: 0, functions: 0 };
      entry.affected++;
      if (g.kind[o.node] === KIND_FUNCTION) entry.functions++;
      perCountry.set(c, entry);
    }
  }
  let foreignNato = 0;
  let foreignNonNato = 0;
  const countries = [...perCountry.entries()]
    .map(([c, e]) => {
      const info = ctx.countries[c]!;
      const originCountry = originCountries.includes(info.id);
      if (!originCountry) {
        if (info.natoMember) foreignNato += e.affected;
        else foreignNonNato += e.affected;
      }
      return { country: info.id, natoMember: info.natoMember, originCountry, ...e };
    })
    .sort((a, b) => b.affected - a.affected || (a.country < b.country ? -1 : 1));
  return { basis, originCountries, countries, foreignNato, foreignNonNato };
}

/** Critical-cause edges (indices) whose dependent and supplier are located in different known countries, ascending by id. */
export function borderCrossings(g: PropagationGraph, ctx: ImpactContext, criticalEdges: Iterable<number>): number[] {
  return [...new Set(criticalEdges)]
    .filter((e) => {
      // A crossing: the dependent's primary country is none of the countries the supplier is in.
      const a = ctx.location[g.edgeDependent[e]!]!;
      const b = Array.from(locationsOf(ctx, g.edgeSupplier[e]!));
      return a >= 0 && b.length > 0 && !b.includes(a);
    })
    .sort((x, y) => (g.edgeIds[x]! < g.edgeIds[y]! ? -1 : 1));
}
