/**
 * Ownership context: who owns each node of a PropagationGraph, under which
 * jurisdiction, where it sits, and the sector of each critical function. The
 * concentration measures read it beside the graph; `buildOwnershipContext`
 * derives it from the structural relationships (OPERATES, OFFERS,
 * SUBSIDIARY_OF, HEADQUARTERED_IN, LOCATED_IN, SERVES), which the propagation
 * graph does not carry.
 *
 * Complexity: O(n + records) to build (each SUBSIDIARY_OF chain is walked once,
 * memoised); O(n) to validate.
 */
import { SECTOR_KEYS } from '../../../graph-schema/vocabulary';
import type { Sector } from '../../../graph-schema/vocabulary';
import type { PropagationGraph } from '../propagation/types';
import { KIND_CODES } from '../propagation/types';
import { AnalysisInputError } from '../errors';

export const PROVIDER_CODE = KIND_CODES.indexOf('Provider');
export const FACILITY_CODE = KIND_CODES.indexOf('Facility');
export const SERVICE_CODE = KIND_CODES.indexOf('Service');
export const FUNCTION_CODE = KIND_CODES.indexOf('CriticalFunction');

export interface CountryInfo {
  /** ISO 3166-1 alpha-2. */
  id: string;
  natoMember: boolean;
}

/**
 * Per-node arrays are indexed like the graph (length g.n); country values are
 * indices into `countries`, sector values indices into `sectors`; -1 = none.
 */
export interface OwnershipContext {
  /** Node index of the owning provider: itself for providers, the operator for facilities, the offering provider for services; -1 otherwise (critical functions) or when the owner is not in the graph. */
  owner: Int32Array;
  /** Country of the headquarters of the owner's top parent (SUBSIDIARY_OF followed to the end); -1 when unknown or unowned. */
  jurisdiction: Int32Array;
  /** Country where the node is: a provider's headquarters, a facility's LOCATED_IN, the country a critical function SERVES; -1 for services and when unknown. */
  location: Int32Array;
  countries: readonly CountryInfo[];
  /** Sector of each critical function; -1 for other nodes and functions without a sector. */
  functionSector: Int32Array;
  /** Sector names (by default the vocabulary's SECTOR_KEYS). */
  sectors: readonly Sector[];
}

/** The structural records `buildOwnershipContext` reads, by id (as the store returns them). */
export interface OwnershipRecords {
  countries: readonly CountryInfo[];
  /** Default: SECTOR_KEYS. */
  sectors?: readonly Sector[];
  providers: readonly { id: string; headquarters: string | null; parent?: string | null }[];
  facilities: readonly { id: string; country: string | null; operator: string | null }[];
  services: readonly { id: string; provider: string | null }[];
  functions: readonly { id: string; country: string | null; sector: string | null }[];
}

/**
 * Builds the context for `g`. Records of nodes not in `g` are ignored, except
 * that providers outside `g` still count as parents and owners for the
 * jurisdiction. Throws AnalysisInputError on an unknown country or sector,
 * a duplicate record, or a SUBSIDIARY_OF cycle.
 */
export function buildOwnershipContext(g: PropagationGraph, records: OwnershipRecords): OwnershipContext {
  const countries = records.countries;
  const countryIndex = new Map<string, number>();
  countries.forEach((c, i) => {
    if (countryIndex.has(c.id)) throw new AnalysisInputError(`countries[${i}]`, `duplicate country ${c.id}`);
    countryIndex.set(c.id, i);
  });
  const sectors = records.sectors ?? SECTOR_KEYS;
  const sectorIndex = new Map<string, number>(sectors.map((s, i) => [s, i]));
  const country = (id: string | null | undefined, argument: string): number => {
    if (id === null || id === undefined) return -1;
    const c = countryIndex.get(id);
    if (c === undefined) throw new AnalysisInputError(argument, `unknown country ${id}`);
    return c;
  };

  const providers = new Map<string, { headquarters: string | null; parent: string | null }>();
  records.providers.forEach((p, i) => {
    if (providers.has(p.id)) throw new AnalysisInputError(`providers[${i}]`, `duplicate provider ${p.id}`);
    country(p.headquarters, `providers[${i}].headquarters`);
    providers.set(p.id, { headquarters: p.headquarters, parent: p.parent ?? null });
  });

  // Jurisdiction of a provider id: headquarters of its top parent, memoised.
  const topJurisdiction = new Map<string, number>();
  const jurisdictionOf = (providerId: string | null): number => {
    if (providerId === null) return -1;
    const known = topJurisdiction.get(providerId);
    if (known !== undefined) return known;
    const chain: string[] = [];
    const onChain = new Set<string>();
    let current: string | null = providerId;
    let result = -1;
    while (current !== null) {
      const memo = topJurisdiction.get(current);
      if (memo !== undefined) {
        result = memo;
        break;
      }
      if (onChain.has(current)) {
        throw new AnalysisInputError('providers', `SUBSIDIARY_OF cycle through ${current}`);
      }
      onChain.add(current);
      chain.push(current);
      const record = providers.get(current);
      if (record === undefined) break; // unknown provider: jurisdiction unknown
      if (record.parent === null) {
        result = countryIndex.get(record.headquarters ?? '') ?? -1;
        break;
      }
      current = record.parent;
    }
    for (const id of chain) topJurisdiction.set(id, result);
    return result;
  };

  const n = g.n;
  const owner = new Int32Array(n).fill(-1);
  const jurisdiction = new Int32Array(n).fill(-1);
  const location = new Int32Array(n).fill(-1);
  const functionSector = new Int32Array(n).fill(-1);
  const seen = new Uint8Array(n);
  const nodeOf = (id: string, argument: string): number | undefined => {
    const v = g.index.get(id);
    if (v === undefined) return undefined;
    if (seen[v] === 1) throw new AnalysisInputError(argument, `duplicate record for ${id}`);
    seen[v] = 1;
    return v;
  };
  const indexOfProvider = (id: string | null): number => {
    if (id === null) return -1;
    const v = g.index.get(id);
    return v !== undefined && g.kind[v] === PROVIDER_CODE ? v : -1;
  };

  records.providers.forEach((p, i) => {
    const v = nodeOf(p.id, `providers[${i}]`);
    if (v === undefined) return;
    owner[v] = v;
    jurisdiction[v] = jurisdictionOf(p.id);
    location[v] = country(p.headquarters, `providers[${i}].headquarters`);
  });
  records.facilities.forEach((f, i) => {
    const c = country(f.country, `facilities[${i}].country`);
    const v = nodeOf(f.id, `facilities[${i}]`);
    if (v === undefined) return;
    owner[v] = indexOfProvider(f.operator);
    jurisdiction[v] = jurisdictionOf(f.operator);
    location[v] = c;
  });
  records.services.forEach((s, i) => {
    const v = nodeOf(s.id, `services[${i}]`);
    if (v === undefined) return;
    owner[v] = indexOfProvider(s.provider);
    jurisdiction[v] = jurisdictionOf(s.provider);
  });
  records.functions.forEach((f, i) => {
    const c = country(f.country, `functions[${i}].country`);
    let sector = -1;
    if (f.sector !== null) {
      const s = sectorIndex.get(f.sector);
      if (s === undefined) throw new AnalysisInputError(`functions[${i}].sector`, `unknown sector ${f.sector}`);
      sector = s;
    }
    const v = nodeOf(f.id, `functions[${i}]`);
    if (v === undefined) return;
    location[v] = c;
    functionSector[v] = sector;
  });
  return { owner, jurisdiction, location, countries, functionSector, sectors };
}

/** Checks that `ctx` fits `g`: lengths, ranges, and owners that are providers. O(n). */
export function validateOwnershipContext(g: PropagationGraph, ctx: OwnershipContext): void {
  if (ctx === null || typeof ctx !== 'object') throw new AnalysisInputError('ctx', 'must be an object');
  if (!Array.isArray(ctx.countries)) throw new AnalysisInputError('ctx.countries', 'must be an array');
  if (!Array.isArray(ctx.sectors)) throw new AnalysisInputError('ctx.sectors', 'must be an array');
  const checkArray = (name: keyof OwnershipContext, max: number): Int32Array => {
    const a = ctx[name];
    if (!(a instanceof Int32Array) || a.length !== g.n) {
      throw new AnalysisInputError(`ctx.${name}`, `must be an Int32Array of length ${g.n}`);
    }
    for (let v = 0; v < a.length; v++) {
      const x = a[v]!;
      if (x < -1 || x >= max) throw new AnalysisInputError(`ctx.${name}[${v}]`, `must be in -1..${max - 1}, got ${x}`);
    }
    return a;
  };
  const owner = checkArray('owner', g.n);
  checkArray('jurisdiction', ctx.countries.length);
  checkArray('location', ctx.countries.length);
  checkArray('functionSector', ctx.sectors.length);
  for (let v = 0; v < g.n; v++) {
    const o = owner[v]!;
    if (o >= 0 && g.kind[o] !== PROVIDER_CODE) {
      throw new AnalysisInputError(`ctx.owner[${v}]`, `owner ${g.ids[o]} of ${g.ids[v]} is not a Provider`);
    }
  }
}

/** Checks that `v` is a node index of `g`. */
export function checkNode(g: PropagationGraph, v: unknown, argument: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= g.n) {
    throw new AnalysisInputError(argument, `must be a node index in 0..${g.n - 1}, got ${String(v)}`);
  }
  return v;
}
