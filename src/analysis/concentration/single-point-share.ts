/**
 * Single-point share
 * ==================
 * [Reference]: single points of failure as order-1 minimal cut sets of a fault
 *   tree (Vesely et al., Fault Tree Handbook, NUREG-0492, 1981, ch. VII); the
 *   cut sets are computed elsewhere and passed in.
 * Complexity: O(n + Σ |spofs(f)|) time, O(n) memory.
 *
 * For one sector: the share of its critical functions that have
 * - a provider SPOF: a SPOF that is a provider or a node it owns (`ctx.owner`,
 *   the direct owner: a subsidiary counts as its own provider);
 * - a facility SPOF: a SPOF that is a Facility;
 * - a foreign-jurisdiction SPOF: a SPOF whose jurisdiction (`ctx.jurisdiction`)
 *   is known and differs from the function's country (`ctx.location`); functions
 *   without a country never count here;
 * - a non-member-jurisdiction SPOF: a SPOF whose jurisdiction is known and is a
 *   country with `natoMember` false.
 * Each share is given by count and by importance. A function listed as its own
 * SPOF is ignored in its list. A sector with no functions gives shares of 0.
 */
import type { PropagationGraph } from '../propagation/types';
import { ConcentrationInputError } from './errors';
import { FACILITY_CODE, FUNCTION_CODE, checkNode, validateOwnershipContext, type OwnershipContext } from './ownership';

export interface SinglePointShareOptions {
  /** Sector name, one of `ctx.sectors`. */
  sector: string;
  /** Order-1 single points of failure of each critical function of the sector (node indices). */
  spofs: ReadonlyMap<number, readonly number[]>;
  /** How many providers to list in `topProviders` (default 10). */
  top?: number;
}

export interface SpofShare {
  /** Functions of the sector with such a SPOF. */
  functions: number;
  /** functions / the sector's functions. */
  share: number;
  /** Their importance / the sector's importance. */
  importanceShare: number;
}

export interface SinglePointShareResult {
  sector: string;
  functions: number;
  importance: number;
  provider: SpofShare;
  facility: SpofShare;
  foreignJurisdiction: SpofShare;
  nonMemberJurisdiction: SpofShare;
  /** Providers that are (or own) a SPOF of most of the sector's functions, by count descending then index. */
  topProviders: { node: number; id: string; functions: number; share: number }[];
}

const DEFAULTS = { top: 10 };

export function singlePointShare(
  g: PropagationGraph,
  ctx: OwnershipContext,
  options: SinglePointShareOptions,
): SinglePointShareResult {
  validateOwnershipContext(g, ctx);
  if (options === null || typeof options !== 'object') throw new ConcentrationInputError('options', 'must be an object');
  const { sector, spofs } = options;
  const sectorIndex = ctx.sectors.indexOf(sector);
  if (sectorIndex < 0) throw new ConcentrationInputError('options.sector', `unknown sector ${String(sector)}`);
  if (!((spofs as unknown) instanceof Map)) throw new ConcentrationInputError('options.spofs', 'must be a Map from function index to node indices');
  const top = options.top ?? DEFAULTS.top;
  if (!Number.isSafeInteger(top) || top < 0) {
    throw new ConcentrationInputError('options.top', `must be an integer >= 0, got ${String(top)}`);
  }

  const members: number[] = [];
  for (let v = 0; v < g.n; v++) {
    if (g.kind[v] === FUNCTION_CODE && ctx.functionSector[v] === sectorIndex) members.push(v);
  }
  for (const [f, list] of spofs) {
    checkNode(g, f, 'options.spofs key');
    if (!isList(list)) throw new ConcentrationInputError(`options.spofs[${g.ids[f]}]`, 'must be an array');
    list.forEach((s, i) => checkNode(g, s, `options.spofs[${g.ids[f]}][${i}]`));
  }

  const counts = { provider: [0, 0], facility: [0, 0], foreign: [0, 0], nonMember: [0, 0] };
  const add = (slot: number[], importance: number): void => {
    slot[0]! += 1;
    slot[1]! += importance;
  };
  const providerFunctions = new Int32Array(g.n);
  const lastCounted = new Int32Array(g.n).fill(-1);
  let totalImportance = 0;
  for (const f of members) {
    const list = spofs.get(f);
    if (list === undefined) {
      throw new ConcentrationInputError('options.spofs', `has no entry for ${g.ids[f]} (sector ${sector})`);
    }
    const importance = g.importance[f]!;
    totalImportance += importance;
    const home = ctx.location[f]!;
    let provider = false;
    let facility = false;
    let foreign = false;
    let nonMember = false;
    for (const s of list) {
      if (s === f) continue;
      const owner = ctx.owner[s]!;
      if (owner >= 0) {
        provider = true;
        if (lastCounted[owner] !== f) {
          lastCounted[owner] = f;
          providerFunctions[owner]! += 1;
        }
      }
      if (g.kind[s] === FACILITY_CODE) facility = true;
      const j = ctx.jurisdiction[s]!;
      if (j >= 0) {
        if (home >= 0 && j !== home) foreign = true;
        if (!ctx.countries[j]!.natoMember) nonMember = true;
      }
    }
    if (provider) add(counts.provider, importance);
    if (facility) add(counts.facility, importance);
    if (foreign) add(counts.foreign, importance);
    if (nonMember) add(counts.nonMember, importance);
  }

  const n = members.length;
  const share = (slot: number[]): SpofShare => ({
    functions: slot[0]!,
    share: n > 0 ? slot[0]! / n : 0,
    importanceShare: totalImportance > 0 ? slot[1]! / totalImportance : 0,
  });
  const providers: number[] = [];
  for (let v = 0; v < g.n; v++) if (providerFunctions[v]! > 0) providers.push(v);
  providers.sort((a, b) => providerFunctions[b]! - providerFunctions[a]! || a - b);
  return {
    sector,
    functions: n,
    importance: totalImportance,
    provider: share(counts.provider),
    facility: share(counts.facility),
    foreignJurisdiction: share(counts.foreign),
    nonMemberJurisdiction: share(counts.nonMember),
    topProviders: providers.slice(0, top).map((v) => ({
      node: v,
      id: g.ids[v]!,
      functions: providerFunctions[v]!,
      share: providerFunctions[v]! / n,
    })),
  };
}

/** Array.isArray without narrowing the declared element type to any. */
function isList(x: unknown): boolean {
  return Array.isArray(x);
}
