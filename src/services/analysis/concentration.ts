/**
 * Concentration reports over a snapshot: HHI of direct dependence (by owning
 * provider and by jurisdiction), the share of functions with a single point of
 * failure in one provider, one facility or one foreign jurisdiction, and the
 * dependence footprint of a provider or facility. Cached per snapshot.
 */
import { SECTOR_KEYS } from '../../../graph-schema/vocabulary';
import type { Sector } from '../../../graph-schema/vocabulary';
import { dependenceFootprint, directDependenceConcentration } from '../../analysis/concentration';
import type { ConcentrationTable, OwnershipContext } from '../../analysis/concentration';
import { spofExposure } from '../../analysis/spof/exposure';
import type { SpofExposure } from '../../analysis/spof/exposure';
import { NotFoundError, ValidationError } from '../../errors';
import type { Snapshot } from '../../projection/snapshot';

const ownershipCache = new WeakMap<Snapshot, OwnershipContext>();
const exposureCache = new WeakMap<Snapshot, SpofExposure>();

function ownership(s: Snapshot): OwnershipContext {
  let ctx = ownershipCache.get(s);
  if (!ctx) {
    ctx = {
      owner: s.owner,
      jurisdiction: s.jurisdiction,
      location: s.location,
      countries: s.countries.map((c) => ({ id: c.id, natoMember: c.natoMember })),
      functionSector: s.sector,
      sectors: SECTOR_KEYS,
    };
    ownershipCache.set(s, ctx);
  }
  return ctx;
}

function exposure(s: Snapshot): SpofExposure {
  let e = exposureCache.get(s);
  if (!e) {
    e = spofExposure(s.propagation, s.jurisdiction, s.location);
    exposureCache.set(s, e);
  }
  return e;
}

/** The API's band names for the 2023 Merger Guidelines bands. */
const band = (b: string | null) => (b === 'HIGHLY_CONCENTRATED' ? 'HIGH' : b === 'MODERATELY_CONCENTRATED' ? 'MODERATE' : 'LOW');

function shares(table: ConcentrationTable, name: (row: { key: number; id: string }) => string) {
  return table.top.map((r) => ({ id: r.id, name: name(r), share: r.share }));
}

export function concentrationReport(s: Snapshot, country: string | null, sector: Sector | null) {
  const g = s.propagation;
  const countryIdx = country === null ? -1 : s.countryIndex.get(country);
  if (countryIdx === undefined) throw new NotFoundError(`no country with id '${country}'`);
  if (sector !== null && !SECTOR_KEYS.includes(sector)) throw new ValidationError(`unknown sector '${sector}'`);
  const sectorIdx = sector === null ? -1 : SECTOR_KEYS.indexOf(sector);
  const functions: number[] = [];
  for (let v = 0; v < g.n; v++) {
    if (g.importance[v]! <= 0) continue;
    if (countryIdx >= 0 && s.location[v] !== countryIdx) continue;
    if (countryIdx < 0 && !(s.countries[s.location[v]!]?.natoMember ?? false)) continue;
    if (sectorIdx >= 0 && s.sector[v] !== sectorIdx) continue;
    functions.push(v);
  }
  const direct = directDependenceConcentration(g, ownership(s), functions, { top: 10 });
  const e = exposure(s);
  const share = (m: Map<number, number[]>) =>
    functions.length === 0 ? 0 : functions.filter((f) => (m.get(f)?.length ?? 0) > 0).length / functions.length;
  return {
    country,
    sector,
    functions: functions.length,
    hhiByProvider: direct.byProvider.hhi ?? 0,
    providerBand: band(direct.byProvider.band),
    topProviders: shares(direct.byProvider, (r) => s.names[r.key] ?? r.id),
    hhiByJurisdiction: direct.byJurisdiction.hhi ?? 0,
    jurisdictionBand: band(direct.byJurisdiction.band),
    topJurisdictions: shares(direct.byJurisdiction, (r) => s.countries[r.key]?.name ?? r.id),
    providerSpofShare: share(e.providers),
    facilitySpofShare: share(e.facilities),
    foreignJurisdictionSpofShare: share(e.jurisdictions),
  };
}

export function allianceConcentration(s: Snapshot) {
  return SECTOR_KEYS.map((sector) => concentrationReport(s, null, sector)).filter((r) => r.functions > 0);
}

export function footprint(s: Snapshot, id: string) {
  const v = s.propagation.index.get(id);
  if (v === undefined) throw new NotFoundError(`no provider, facility or service with id '${id}'`);
  const f = dependenceFootprint(s.propagation, ownership(s), v);
  return f.bySector.map((x) => ({ sector: x.sector, countries: x.memberStates, functions: x.functions }));
}
