/**
 * Illustrative seed generator.
 *
 *   npx tsx seed/generator/generate.ts           writes seed/data/generated/{functions,dependencies}.jsonl
 *   npx tsx seed/generator/generate.ts --check   exits 1 if the committed files differ from a fresh run
 *
 * `generateIllustrative(facts, { without })` is pure: same facts in, same rows out (fixed
 * seed, one PRNG stream per entity and rule). `RULES` lists the switchable rules;
 * `generateWithout(facts, ids)` leaves some out without changing the others' draws.
 * `serializeJsonl` turns rows into the exact bytes written to disk, so a test can
 * regenerate in memory and compare.
 * The rules are documented in seed/README.md#rules.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import {
  ID_PREFIX,
  SECTORS,
} from '../../graph-schema/vocabulary';
import type { Channel, Sector } from '../../graph-schema/vocabulary';
import { Rng } from './prng';
import {
  CATALOGUE,
  CROSS_SECTOR,
  DATA_GRACE_RANGE,
  ENERGY_PROXY_POINTS,
  FACILITY_EXCHANGES,
  GENERATOR_BACKED_FACILITIES,
  GENERATOR_DATE,
  HOSTING_CANDIDATES,
  HOSTING_K_DISTRIBUTION,
  IDENTITY_SUITES,
  IMPORTANCE,
  IMPORTANCE_RULE,
  MSP_P_MONITORING,
  MSP_P_RMM,
  MSP_SAME_COUNTRY_WEIGHT,
  OKTA,
  P_CLOUD_BY_COUNTRY,
  P_CLOUD_EU,
  P_DATABASE_GIVEN_CLOUD,
  P_DNS_GIVEN_PUBLIC,
  P_EMAIL_GIVEN_CLOUD,
  P_ENDPOINT,
  P_FILES_GIVEN_CLOUD,
  P_OKTA_GIVEN_CLOUD,
  P_OS_UPDATE,
  P_RMM_DIRECT,
  P_UA_TAX_SOFTWARE,
  P_WEB_GIVEN_PUBLIC,
  POWER_GRACE,
  WEB_PRESENCE_SHARE,
  WEB_RECOVERY_RANGE,
  RULE_IDS,
  SECTOR_RULES,
  SEED,
  SOURCE,
  WEB_HOSTING_CANDIDATES,
} from './rules';
import type { RuleId } from './rules';
import type {
  CountryRecord,
  FacilityRecord,
  FunctionRecord,
  IllustrativeRows,
  ProviderRecord,
  SeedFacts,
  ServiceRecord,
} from './types';
import { greatCircleKm } from '../../src/analysis/great-circle';
import { EdgeSet, type PendingEdge } from './edge-set';
import { byId, functionId, round } from './ids';

export { dependencyId, dependencyTypeFor, functionId, kindOfId } from './ids';

/* ------------------------------------------------------------------- files */

export const SEED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = join(SEED_DIR, 'data');
export const GENERATED_DIR = join(DATA_DIR, 'generated');

export const FACT_FILES = {
  countries: 'countries.jsonl',
  providers: 'providers.jsonl',
  facilities: 'facilities.jsonl',
  services: 'services.jsonl',
  incidents: 'incidents.jsonl',
  dependencies: 'dependencies.jsonl',
} as const satisfies Record<keyof SeedFacts, string>;

export const GENERATED_FILES = {
  functions: 'functions.jsonl',
  dependencies: 'dependencies.jsonl',
} as const satisfies Record<keyof IllustrativeRows, string>;

/** Parses JSON Lines (blank lines ignored). */
export function parseJsonl<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** One JSON.stringify per row, '\n' after each: the exact bytes of a seed file. */
export function serializeJsonl(rows: readonly object[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

/** Reads the public-record files from `dataDir` (default seed/data). */
export function loadFacts(dataDir: string = DATA_DIR): SeedFacts {
  const read = <T>(file: string): T[] => parseJsonl<T>(readFileSync(join(dataDir, file), 'utf8'));
  return {
    countries: read(FACT_FILES.countries),
    providers: read(FACT_FILES.providers),
    facilities: read(FACT_FILES.facilities),
    services: read(FACT_FILES.services),
    incidents: read(FACT_FILES.incidents),
    dependencies: read(FACT_FILES.dependencies),
  };
}

/** File name -> contents of the generated files. */
export function renderIllustrative(rows: IllustrativeRows): Record<string, string> {
  return {
    [GENERATED_FILES.functions]: serializeJsonl(rows.functions),
    [GENERATED_FILES.dependencies]: serializeJsonl(rows.dependencies),
  };
}

/* ----------------------------------------------------------------- helpers */

const nis2Label = (nis2: string): string => (nis2.startsWith('Annex') ? `NIS2 ${nis2}` : nis2);

/** Importance rule I (see IMPORTANCE_RULE). */
export function importanceOf(sector: Sector): number {
  if (sector === 'DEFENCE') return IMPORTANCE.defence;
  if (sector === 'HUMANITARIAN') return IMPORTANCE.humanitarian;
  const nis2: string = SECTORS[sector].nis2;
  if (nis2.startsWith('Annex I.')) return IMPORTANCE.annexI;
  if (nis2.startsWith('Annex II.')) return IMPORTANCE.annexII;
  throw new Error(`no importance rule for sector ${sector}`);
}

/* --------------------------------------------------------------- generator */

export interface GenerateOptions {
  /** Rule ids to leave out (see RULES in rules.ts). Every other rule draws exactly as in the full run. */
  without?: Iterable<RuleId>;
}

/**
 * The illustrative rows. Pure and deterministic: each (entity, rule) pair has its
 * own PRNG stream, and the per-function traits that several rules share (public-facing,
 * buys cloud) have theirs, so leaving a rule out changes only that rule's edges (and,
 * where two rules would write the same (dependent, supplier, channel), lets the other
 * one's edge through; group sizes and their equal capacity shares follow the members present).
 */
export function generateIllustrative(facts: SeedFacts, options: GenerateOptions = {}): IllustrativeRows {
  const without = new Set<string>(options.without ?? []);
  for (const id of without) if (!(RULE_IDS as readonly string[]).includes(id)) throw new Error(`unknown generator rule '${id}'; rules: ${RULE_IDS.join(', ')}`);
  const on = (rule: RuleId): boolean => !without.has(rule);
  const stream = (entity: string, rule: RuleId | 'public' | 'cloud'): Rng => Rng.forKey(SEED, `${entity}#${rule}`);

  const countries = [...facts.countries].sort(byId);
  const providers = [...facts.providers].sort(byId);
  const facilities = [...facts.facilities].sort(byId);
  const services = [...facts.services].sort(byId);

  const countryById = new Map(countries.map((c) => [c.id, c]));
  const providerById = new Map(providers.map((p) => [p.id, p]));
  const serviceIds = new Set(services.map((s) => s.id));
  const has = (id: string): boolean => serviceIds.has(id);
  const providerKind = (id: string): ProviderRecord['kind'] | undefined => providerById.get(id)?.kind;
  const country = (id: string): CountryRecord => {
    const c = countryById.get(id);
    if (c === undefined) throw new Error(`unknown country ${id}`);
    return c;
  };

  /* ---- lookups shared by the rules */
  const energyByCountry = new Map<string, string[]>();
  for (const p of providers) {
    if (p.kind === 'ENERGY' && p.headquarters !== null) {
      energyByCountry.set(p.headquarters, [...(energyByCountry.get(p.headquarters) ?? []), p.id]);
    }
  }
  /** National network services: NETWORK services of a TELECOM provider, id svc:<provider-slug>-network. */
  const isNationalNetwork = (s: ServiceRecord): boolean =>
    s.kind === 'NETWORK' &&
    providerKind(s.provider) === 'TELECOM' &&
    s.id === `svc:${s.provider.slice(ID_PREFIX.Provider.length)}-network`;
  const telecomByCountry = new Map<string, string[]>();
  for (const s of services) {
    if (!isNationalNetwork(s)) continue;
    const hq = providerById.get(s.provider)?.headquarters ?? undefined;
    if (hq !== undefined) telecomByCountry.set(hq, [...(telecomByCountry.get(hq) ?? []), s.id]);
  }
  const satelliteNetworks = services
    .filter((s) => s.kind === 'NETWORK' && providerKind(s.provider) === 'SATELLITE')
    .map((s) => s.id);
  const mspServices = services.filter(
    (s) => s.kind === 'MANAGED_SERVICE' && providerKind(s.provider) === 'MANAGED_SERVICE_PROVIDER',
  );
  /** Hosting pool: cloud regions, and data-centre campuses run by a CLOUD provider. */
  const hostingPool = facilities.filter(
    (f) => f.kind === 'CLOUD_REGION' || (f.kind === 'DATA_CENTRE_CAMPUS' && providerKind(f.operator) === 'CLOUD'),
  );
  const cloudRegions = facilities.filter((f) => f.kind === 'CLOUD_REGION');
  const webHostingPool = facilities.filter((f) => f.kind === 'DATA_CENTRE_CAMPUS' && providerKind(f.operator) === 'CLOUD');
  const exchanges = facilities.filter((f) => f.kind === 'EXCHANGE_POINT');

  /** Country ids of `pool` holders nearest to `cc` (itself if it holds any). */
  const nearestHolder = (cc: string, holders: Map<string, string[]>): string[] => {
    const own = holders.get(cc);
    if (own !== undefined && own.length > 0) return own;
    const c = country(cc);
    let best: { d: number; id: string } | undefined;
    for (const hid of [...holders.keys()].sort()) {
      const h = countryById.get(hid);
      if (h === undefined) continue;
      const d = greatCircleKm(c.latitude, c.longitude, h.latitude, h.longitude);
      if (best === undefined || d < best.d) best = { d, id: hid };
    }
    return best === undefined ? [] : (holders.get(best.id) ?? []);
  };
  /** Great-circle km between two points; +∞ when a position is unknown (null coordinates), so unknown sites rank last. */
  const km = (lat1: number | null, lon1: number | null, lat2: number | null, lon2: number | null): number =>
    lat1 === null || lon1 === null || lat2 === null || lon2 === null
      ? Number.POSITIVE_INFINITY
      : greatCircleKm(lat1, lon1, lat2, lon2);
  const nearestFacilities = (lat: number | null, lon: number | null, pool: readonly FacilityRecord[], n: number, skip?: string) =>
    pool
      .filter((f) => f.id !== skip)
      .map((f) => ({ f, d: km(lat, lon, f.latitude, f.longitude) }))
      .sort((a, b) => a.d - b.d || byId(a.f, b.f))
      .slice(0, n)
      .map((x) => x.f);
  const byRank = (n: number): number[] => Array.from({ length: n }, (_, rank) => 1 / (rank + 1));

  const edges = new EdgeSet(facts.dependencies);

  /* ---- critical functions (rule I) */
  const nato = countries.filter((c) => c.natoMember);
  const functions: FunctionRecord[] = [];
  for (const c of nato) {
    for (const r of SECTOR_RULES) {
      const meta = SECTORS[r.sector];
      functions.push({
        id: functionId(c.id, r.sector),
        name: `${c.name} — ${meta.label}: ${r.function}`,
        sector: r.sector,
        cisaSector: meta.cisa,
        country: c.id,
        description: `Illustrative critical function: ${r.function} in ${c.name} (${nis2Label(meta.nis2)}; CISA ${meta.cisa}).`,
        importance: importanceOf(r.sector),
        importanceRule: IMPORTANCE_RULE,
        source: SOURCE,
        confidence: 'LOW',
        illustrative: true,
        updatedAt: GENERATOR_DATE,
      });
    }
  }
  functions.sort(byId);
  const functionIds = new Set(functions.map((f) => f.id));

  /* ---- dependencies of functions (rules A–E) */
  for (const c of nato) {
    for (const r of SECTOR_RULES) {
      const fn = functionId(c.id, r.sector);
      const onPremises = r.core === 'ON_PREMISES';

      // Traits several rules share, each from its own stream, drawn whatever rules are on.
      const publicFacing = stream(fn, 'public').chance(r.pPublic);
      const buysCloud = stream(fn, 'cloud').chance(P_CLOUD_BY_COUNTRY[c.id] ?? P_CLOUD_EU);

      // A1: electricity from the national TSOs (or the nearest country's), with the sector's backup
      // autonomy. Several TSOs serve different areas of one country: one group, equal capacity shares.
      if (on('A1')) {
        const rng = stream(fn, 'A1');
        const tsos = nearestHolder(c.id, energyByCountry).map((e) => ({ rng, supplier: e, channel: 'POWER' as const, rule: 'A1' as const, graceHours: r.powerGraceHours }));
        edges.addGroup(fn, tsos, `${fn}#power`, 1, true);
      }

      // A2: national telecom networks (or the nearest country's), alternatives in one group.
      if (on('A2')) {
        const rng = stream(fn, 'A2');
        const nets = nearestHolder(c.id, telecomByCountry).map((s) => ({ rng, supplier: s, channel: 'CONNECTIVITY' as const, rule: 'A2' as const }));
        edges.addGroup(fn, nets, `${fn}#telecom`, 1);
      }

      // B: core operations of HOSTED sectors in k of the nearest hosting sites (a required group).
      if (on('B') && !onPremises) {
        const rng = stream(fn, 'B');
        if (buysCloud && rng.chance(P_DATABASE_GIVEN_CLOUD)) {
          const k = rng.pickWeighted(
            HOSTING_K_DISTRIBUTION.map(([kk]) => kk),
            HOSTING_K_DISTRIBUTION.map(([, w]) => w),
          );
          const candidates = nearestFacilities(c.latitude, c.longitude, hostingPool, HOSTING_CANDIDATES);
          const chosen = rng.sampleWeighted(candidates.map((f) => f.id), byRank(candidates.length), k);
          edges.addGroup(fn, chosen.map((s) => ({ rng, supplier: s, channel: 'HOSTING' as const, rule: 'B' as const })), `${fn}#hosting`, 1);
        }
      }

      // B3, C6, C7: the function's IT (files and back office, e-mail and office identity, an MSP),
      // one group with equal capacity shares. An ON_PREMISES core runs on without it (on-premise
      // fallback): those edges carry no availability to the function; integrity stays the channel's.
      const it: PendingEdge[] = [];
      const itCarriage = onPremises ? { carriesAvailability: false } : {};
      if (on('B3')) {
        const rng = stream(fn, 'B3');
        if (buysCloud && rng.chance(P_FILES_GIVEN_CLOUD)) {
          const candidates = nearestFacilities(c.latitude, c.longitude, cloudRegions, HOSTING_CANDIDATES);
          const site = rng.pickWeighted(candidates.map((f) => f.id), byRank(candidates.length));
          it.push({ rng, supplier: site, channel: 'HOSTING', rule: 'B3', ...itCarriage });
        }
      }
      if (on('C6')) {
        const rng = stream(fn, 'C6');
        if (buysCloud && rng.chance(P_EMAIL_GIVEN_CLOUD)) {
          const suite = rng.pickWeighted(IDENTITY_SUITES.map(([id]) => id), IDENTITY_SUITES.map(([, w]) => w));
          if (has(suite)) it.push({ rng, supplier: suite, channel: 'IDENTITY', rule: 'C6', ...itCarriage });
        }
        if (buysCloud && rng.chance(P_OKTA_GIVEN_CLOUD) && has(OKTA)) it.push({ rng, supplier: OKTA, channel: 'IDENTITY', rule: 'C6', ...itCarriage });
      }
      if (on('C7')) {
        const rng = stream(fn, 'C7');
        if (rng.chance(r.pMsp) && mspServices.length > 0) {
          const weights = mspServices.map((s) => (providerById.get(s.provider)?.headquarters === c.id ? MSP_SAME_COUNTRY_WEIGHT : 1));
          const msp = rng.pickWeighted(mspServices, weights);
          it.push({ rng, supplier: msp.id, channel: 'MANAGED_SERVICE', rule: 'C7', ...itCarriage });
        }
      }
      // Parameters are drawn per edge from each member's own rule stream, in member order.
      edges.addGroup(fn, it, `${fn}#it`, 1, true);

      // C1–C5, C8, C9: software supply chain (integrity only: installed software runs on without its vendor).
      const single = (rule: RuleId, p: number, supplier: string | (() => string), channel: Channel): void => {
        if (!on(rule)) return;
        const rng = stream(fn, rule);
        if (!rng.chance(p)) return;
        const s = typeof supplier === 'string' ? supplier : supplier();
        if (has(s)) edges.add(rng, fn, s, channel, rule);
      };
      single('C1', P_OS_UPDATE, CATALOGUE.osUpdate, 'SOFTWARE_UPDATE');
      if (on('C2')) {
        const rng = stream(fn, 'C2');
        if (rng.chance(P_ENDPOINT)) {
          const e = rng.pick(CATALOGUE.endpoint);
          if (has(e)) edges.add(rng, fn, e, 'SOFTWARE_UPDATE', 'C2');
        }
      }
      single('C3', r.pMonitoring, CATALOGUE.monitoring, 'SOFTWARE_UPDATE');
      single('C4', r.pRemoteAccess, CATALOGUE.remoteAccess, 'SOFTWARE_UPDATE');
      single('C5', r.pFileTransfer, CATALOGUE.fileTransfer, 'SOFTWARE_UPDATE');
      single('C8', P_RMM_DIRECT, CATALOGUE.rmm, 'REMOTE_ADMIN');
      single('C9', P_UA_TAX_SOFTWARE, CATALOGUE.uaTaxSoftware, 'SOFTWARE_UPDATE');

      // B2, D1, D2: the web presence of a public-facing function. A function is not its
      // website: each web edge is a partial dependency (WEB_PRESENCE_SHARE of the function),
      // which degrades it and never fails it; it comes back within the hour (WEB_RECOVERY_RANGE).
      const web = { capacityShare: WEB_PRESENCE_SHARE, recoveryRange: WEB_RECOVERY_RANGE } as const;
      if (publicFacing && on('B2') && webHostingPool.length > 0) {
        const rng = stream(fn, 'B2');
        if (rng.chance(P_WEB_GIVEN_PUBLIC)) {
          const sites = nearestFacilities(c.latitude, c.longitude, webHostingPool, WEB_HOSTING_CANDIDATES);
          const site = rng.pickWeighted(sites.map((f) => f.id), byRank(sites.length));
          edges.add(rng, fn, site, 'HOSTING', 'B2', web);
        }
      }
      if (publicFacing && on('D1')) {
        const rng = stream(fn, 'D1');
        const cdn = rng.pick(CATALOGUE.cdn);
        if (has(cdn)) edges.add(rng, fn, cdn, 'CONTENT_DELIVERY', 'D1', web);
      }
      if (publicFacing && on('D2')) {
        const rng = stream(fn, 'D2');
        if (rng.chance(P_DNS_GIVEN_PUBLIC)) {
          const dns = rng.pick(CATALOGUE.dns);
          if (has(dns)) edges.add(rng, fn, dns, 'DNS', 'D2', web);
        }
      }

      // D3: satellite communications, two networks as 1-of-2 alternatives.
      if (on('D3')) {
        const rng = stream(fn, 'D3');
        if (rng.chance(r.pSatellite) && satelliteNetworks.length > 0) {
          const two = rng.sampleWeighted(satelliteNetworks, satelliteNetworks.map(() => 1), 2);
          edges.addGroup(fn, two.map((s) => ({ rng, supplier: s, channel: 'SATELLITE_LINK' as const, rule: 'D3' as const })), `${fn}#satellite`, 1);
        }
      }

      // E1 (POWER through the energy function) and E2 (the rest): cross-sector dependencies.
      for (const rule of ['E1', 'E2'] as const) {
        if (!on(rule)) continue;
        const rng = stream(fn, rule);
        for (const x of CROSS_SECTOR) {
          if (x.from !== r.sector || (x.channel === 'POWER') !== (rule === 'E1')) continue;
          const target = functionId(c.id, x.to);
          if (!rng.chance(x.p) || !functionIds.has(target)) continue;
          const graceHours =
            x.channel === 'POWER' ? r.powerGraceHours : x.channel === 'DATA' ? round(rng.uniform(DATA_GRACE_RANGE[0], DATA_GRACE_RANGE[1]), 1) : null;
          edges.add(rng, fn, target, x.channel, rule, { graceHours });
        }
      }
    }
  }

  /* ---- physical paths of facilities (rule F) */
  for (const f of facilities) {
    // F1: electricity from the TSO of the facility's country (nearest proxy point if several).
    const tsos = energyByCountry.get(f.country) ?? [];
    if (on('F1') && tsos.length > 0) {
      const rng = stream(f.id, 'F1');
      const ranked = tsos
        .map((id) => {
          const pt = ENERGY_PROXY_POINTS[id];
          return { id, d: pt === undefined ? Number.POSITIVE_INFINITY : km(f.latitude, f.longitude, pt[0], pt[1]) };
        })
        .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
      const first = ranked[0];
      const graceHours = GENERATOR_BACKED_FACILITIES.includes(f.kind) ? POWER_GRACE.dataCentre : null;
      if (first !== undefined) edges.add(rng, f.id, first.id, 'POWER', 'F1', { graceHours });
    }

    // F2: the nearest exchange points and the national networks, 1-of-n alternatives.
    if (on('F2')) {
      const rng = stream(f.id, 'F2');
      const ix = nearestFacilities(f.latitude, f.longitude, exchanges, FACILITY_EXCHANGES, f.id).map((x) => x.id);
      const nets = telecomByCountry.get(f.country) ?? [];
      edges.addGroup(f.id, [...ix, ...nets].map((s) => ({ rng, supplier: s, channel: 'CONNECTIVITY' as const, rule: 'F2' as const })), `${f.id}#connectivity`, 1);
    }
  }

  /* ---- services (rule G) */
  const factHosting = new Set(facts.dependencies.filter((d) => d.channel === 'HOSTING').map((d) => d.dependent));
  for (const s of services) {
    const kind = providerKind(s.provider);

    // G1: a cloud provider's platform service runs in all of that provider's hosting sites, 1-of-n.
    if (on('G1') && s.kind === 'PLATFORM_SERVICE' && !factHosting.has(s.id)) {
      const rng = stream(s.id, 'G1');
      const sites = hostingPool.filter((f) => f.operator === s.provider).map((f) => f.id);
      edges.addGroup(s.id, sites.map((x) => ({ rng, supplier: x, channel: 'HOSTING' as const, rule: 'G1' as const })), `${s.id}#regions`, 1);
    }

    // G2: a national network draws power from the TSOs of its country (one group, equal capacity
    // shares: each TSO serves an area), with battery backup at its sites.
    if (on('G2') && isNationalNetwork(s)) {
      const rng = stream(s.id, 'G2');
      const hq = providerById.get(s.provider)?.headquarters ?? undefined;
      const tsos = (hq === undefined ? [] : (energyByCountry.get(hq) ?? [])).map((e) => ({ rng, supplier: e, channel: 'POWER' as const, rule: 'G2' as const, graceHours: POWER_GRACE.mobileSite }));
      edges.addGroup(s.id, tsos, `${s.id}#power`, 1, true);
    }

    // G3: MSP services run RMM and network-monitoring tools with some probability.
    if (on('G3') && s.kind === 'MANAGED_SERVICE' && kind === 'MANAGED_SERVICE_PROVIDER') {
      const rng = stream(s.id, 'G3');
      if (rng.chance(MSP_P_RMM) && has(CATALOGUE.rmm)) edges.add(rng, s.id, CATALOGUE.rmm, 'REMOTE_ADMIN', 'G3');
      if (rng.chance(MSP_P_MONITORING) && has(CATALOGUE.monitoring)) edges.add(rng, s.id, CATALOGUE.monitoring, 'SOFTWARE_UPDATE', 'G3');
    }
  }

  return { functions, dependencies: [...edges.rows].sort(byId) };
}

/** The data set with the given rules left out (in memory; same streams for every other rule). */
export function generateWithout(facts: SeedFacts, without: Iterable<RuleId>): IllustrativeRows {
  return generateIllustrative(facts, { without });
}

export { RULES, RULE_IDS } from './rules';
export type { RuleId } from './rules';

/* --------------------------------------------------------------------- CLI */

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const rendered = renderIllustrative(generateIllustrative(loadFacts(DATA_DIR)));
  if (check) {
    let same = true;
    for (const [file, text] of Object.entries(rendered)) {
      let current = '';
      try {
        current = readFileSync(join(GENERATED_DIR, file), 'utf8');
      } catch {
        current = '';
      }
      if (current !== text) {
        console.error(`seed/data/generated/${file} is out of date; run: npx tsx seed/generator/generate.ts`);
        same = false;
      }
    }
    return same ? 0 : 1;
  }
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [file, text] of Object.entries(rendered)) {
    writeFileSync(join(GENERATED_DIR, file), text);
    console.log(`wrote seed/data/generated/${file} (${text === '' ? 0 : text.split('\n').length - 1} rows)`);
  }
  return 0;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  process.exitCode = main(process.argv.slice(2));
}
