/**
 * Direct-dependence concentration
 * ===============================
 * [Reference]: HHI banding per U.S. DOJ/FTC Merger Guidelines (2023), §2.1 (see
 *   ./herfindahl); the crediting rule below is Linchpin's own.
 * Complexity: O(F + Σ out-degree of the functions + R log R) for F functions and
 *   R credited rows; O(n + countries) memory.
 *
 * How concentrated the suppliers are on which a set of critical functions leans
 * directly (their own DEPENDS_ON edges only, not transitive ones). Each direct
 * dependency credits a share of the function's importance to the supplier's
 * owning provider, and separately to that provider's jurisdiction:
 *
 * - a required edge e of function f credits strength(e) × importance(f);
 * - a redundancy group G of f (k alternatives) is one need whose strength is the
 *   mean of its members' strengths, groupShare = (Σ_{e∈G} strength(e) / k) ×
 *   importance(f); its alternatives split it equally, each crediting
 *   groupShare / k to its supplier's owner. `minAlive` is not read: a 2-of-3
 *   group is still one need shared by three suppliers.
 *
 * Rows: the supplier's owner (`ctx.owner`); a supplier with no owner (another
 * critical function, a facility without operator) is its own row. Jurisdiction
 * rows: `ctx.jurisdiction[supplier]`; credit whose supplier has no known
 * jurisdiction is reported as `unattributedCredit` and left out of the
 * jurisdiction HHI and shares (counting it as one country would invent
 * concentration). Rows with zero credit are not rows.
 */
import type { PropagationGraph } from '../propagation/types';
import { AnalysisInputError } from '../errors';
import { herfindahlIndex, type ConcentrationBand } from './herfindahl';
import { FUNCTION_CODE, checkNode, validateOwnershipContext, type OwnershipContext } from './ownership';

export interface DirectDependenceOptions {
  /** How many of the largest rows to list (default 10). */
  top?: number;
}

export interface ConcentrationRow {
  /** Node index (provider table) or country index (jurisdiction table). */
  key: number;
  /** Node id or country id. */
  id: string;
  credit: number;
  /** credit / the table's total credit. */
  share: number;
}

export interface ConcentrationTable {
  /** null when nothing was credited. */
  hhi: number | null;
  band: ConcentrationBand | null;
  /** Number of rows with positive credit. */
  rows: number;
  totalCredit: number;
  /** The largest rows, by share descending then key ascending. */
  top: ConcentrationRow[];
}

export interface DirectDependenceConcentration {
  functions: number;
  /** Σ of all credit, = the provider table's total. */
  totalCredit: number;
  byProvider: ConcentrationTable;
  byJurisdiction: ConcentrationTable & { unattributedCredit: number; unattributedShare: number };
}

const DEFAULTS = { top: 10 };

export function directDependenceConcentration(
  g: PropagationGraph,
  ctx: OwnershipContext,
  functionSet: readonly number[],
  options: DirectDependenceOptions = {},
): DirectDependenceConcentration {
  validateOwnershipContext(g, ctx);
  const functions = checkFunctionSet(g, functionSet);
  const top = options.top ?? DEFAULTS.top;
  if (!Number.isSafeInteger(top) || top < 0) {
    throw new AnalysisInputError('options.top', `must be an integer >= 0, got ${String(top)}`);
  }

  const providerCredit = new Float64Array(g.n);
  const countryCredit = new Float64Array(ctx.countries.length);
  let unattributed = 0;
  for (const f of functions) {
    const importance = g.importance[f]!;
    for (let k = g.byDependentOffsets[f]!; k < g.byDependentOffsets[f + 1]!; k++) {
      const e = g.byDependentEdges[k]!;
      const group = g.edgeGroup[e]!;
      let credit: number;
      if (group < 0) {
        credit = g.strength[e]! * importance;
      } else {
        const size = g.groupSize[group]!;
        credit = ((g.groupStrength[group]! / size) * importance) / size;
      }
      if (credit === 0) continue;
      const s = g.edgeSupplier[e]!;
      const owner = ctx.owner[s]!;
      providerCredit[owner >= 0 ? owner : s]! += credit;
      const c = ctx.jurisdiction[s]!;
      if (c >= 0) countryCredit[c]! += credit;
      else unattributed += credit;
    }
  }

  const byProvider = table(providerCredit, (v) => g.ids[v]!, top);
  const byJurisdiction = table(countryCredit, (c) => ctx.countries[c]!.id, top);
  const totalCredit = byProvider.totalCredit;
  return {
    functions: functions.length,
    totalCredit,
    byProvider,
    byJurisdiction: {
      ...byJurisdiction,
      unattributedCredit: unattributed,
      unattributedShare: totalCredit > 0 ? unattributed / totalCredit : 0,
    },
  };
}

function checkFunctionSet(g: PropagationGraph, functionSet: readonly number[]): number[] {
  if (!Array.isArray(functionSet)) throw new AnalysisInputError('functionSet', 'must be an array of node indices');
  const seen = new Set<number>();
  return functionSet.map((f, i) => {
    const v = checkNode(g, f, `functionSet[${i}]`);
    if (g.kind[v] !== FUNCTION_CODE) {
      throw new AnalysisInputError(`functionSet[${i}]`, `${g.ids[v]} is not a CriticalFunction`);
    }
    if (seen.has(v)) throw new AnalysisInputError(`functionSet[${i}]`, `${g.ids[v]} is listed twice`);
    seen.add(v);
    return v;
  });
}

function table(credit: Float64Array, idOf: (key: number) => string, top: number): ConcentrationTable {
  const keys: number[] = [];
  let total = 0;
  for (let k = 0; k < credit.length; k++) {
    if (credit[k]! > 0) {
      keys.push(k);
      total += credit[k]!;
    }
  }
  if (keys.length === 0) return { hhi: null, band: null, rows: 0, totalCredit: 0, top: [] };
  const { hhi, band } = herfindahlIndex(keys.map((k) => credit[k]!));
  keys.sort((a, b) => credit[b]! - credit[a]! || a - b);
  return {
    hhi,
    band,
    rows: keys.length,
    totalCredit: total,
    top: keys.slice(0, top).map((k) => ({ key: k, id: idOf(k), credit: credit[k]!, share: credit[k]! / total })),
  };
}
