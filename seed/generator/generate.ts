/**
 * Illustrative seed generator.
 *
 *   npx tsx seed/generator/generate.ts           writes seed/data/generated/{functions,dependencies}.jsonl
 *   npx tsx seed/generator/generate.ts --check   exits 1 if the committed files differ from a fresh run
 *
 * `generateIllustrative(facts)` is pure: same facts in, same rows out (fixed seed,
 * one PRNG stream per entity). `serializeJsonl` turns rows into the exact bytes
 * written to disk, so a test can regenerate in memory and compare.
 * The rules are documented in seed/README.md#rules.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import {
  DEPENDENCY_ID_PREFIX,
  ENTITY_ID_PATTERN,
  ID_PREFIX,
  SECTORS,
  isAllowedDependency,
} from '../../graph-schema/vocabulary';
import type { Channel, DependencyType, NodeKind, Sector } from '../../graph-schema/vocabulary';
import { Rng } from './prng';
import {
  CATALOGUE,
  CROSS_SECTOR,
  DELAY_RANGE,
  ENERGY_PROXY_POINTS,
  FACILITY_EXCHANGES,
  GENERATOR_DATE,
  HOSTING_CANDIDATES,
  P_WEB_GIVEN_PUBLIC,
  WEB_HOSTING_CANDIDATES,
  HOSTING_K_DISTRIBUTION,
  IMPORTANCE,
  IMPORTANCE_RULE,
  MSP_P_MONITORING,
  MSP_P_RMM,
  MSP_SAME_COUNTRY_WEIGHT,
  P_DNS_GIVEN_PUBLIC,
  P_ENDPOINT,
  P_IDENTITY,
  P_OS_UPDATE,
  P_RMM_DIRECT,
  P_UA_TAX_SOFTWARE,
  PROPAGATION,
  QUORUM_SECTORS,
  RECOVERY_RANGE,
  SECTOR_RULES,
  SEED,
  SOURCE,
  STRENGTH_RANGE,
} from './rules';
import type {
  CountryRecord,
  DependencyRecord,
  FacilityRecord,
  FunctionRecord,
  IllustrativeRows,
  ProviderRecord,
  SeedFacts,
  ServiceRecord,
} from './types';
import { greatCircleKm } from '../../src/analysis/great-circle';

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

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};


/** Node kind from an id's prefix. */
export function kindOfId(id: string): NodeKind | undefined {
  for (const [kind, prefix] of Object.entries(ID_PREFIX) as [NodeKind, string][]) {
    if (prefix !== '' && id.startsWith(prefix)) return kind;
  }
  return /^[A-Z]{2}$/.test(id) ? 'Country' : undefined;
}

/** Rinaldi type by channel: electricity is physical, operation by the supplier is logical, the rest cyber. */
export function dependencyTypeFor(channel: Channel): DependencyType {
  if (channel === 'POWER') return 'PHYSICAL';
  if (channel === 'MANAGED_SERVICE') return 'LOGICAL';
  return 'CYBER';
}

/** `dep:<dependent-slug>--<supplier-slug>--<channel>`, slugs = ids with ':' -> '.'. */
export function dependencyId(dependent: string, supplier: string, channel: Channel): string {
  const slug = (id: string): string => id.replace(':', '.').toLowerCase();
  return `${DEPENDENCY_ID_PREFIX}${slug(dependent)}--${slug(supplier)}--${channel.toLowerCase()}`;
}

export function functionId(country: string, sector: Sector): string {
  return `fn:${country.toLowerCase()}-${sector.toLowerCase().replace(/_/g, '-')}`;
}

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

/** Accumulates generated edges; refuses a second edge per (dependent, supplier, channel). */
class EdgeSet {
  readonly rows: DependencyRecord[] = [];
  private readonly keys = new Set<string>();

  constructor(existing: readonly DependencyRecord[]) {
    for (const d of existing) this.keys.add(EdgeSet.key(d.dependent, d.supplier, d.channel));
  }

  static key(dependent: string, supplier: string, channel: Channel): string {
    return `${dependent}|${supplier}|${channel}`;
  }

  has(dependent: string, supplier: string, channel: Channel): boolean {
    return this.keys.has(EdgeSet.key(dependent, supplier, channel));
  }

  /** One edge, parameters drawn from `rng`. Returns false (and draws nothing) on a duplicate. */
  add(
    rng: Rng,
    dependent: string,
    supplier: string,
    channel: Channel,
    rule: string,
    group: { id: string; minAlive: number } | null = null,
  ): boolean {
    if (dependent === supplier || this.has(dependent, supplier, channel)) return false;
    const dk = kindOfId(dependent);
    const sk = kindOfId(supplier);
    if (dk === undefined || sk === undefined || !isAllowedDependency(dk, sk)) {
      throw new Error(`DEPENDS_ON ${dependent} (${dk}) -> ${supplier} (${sk}) is not allowed`);
    }
    const id = dependencyId(dependent, supplier, channel);
    if (!ENTITY_ID_PATTERN.test(id)) throw new Error(`dependency id does not match the id pattern: ${id}`);
    const strength = round(rng.uniform(STRENGTH_RANGE[0], STRENGTH_RANGE[1]), 2);
    const p = PROPAGATION[channel];
    const propagation = p === undefined ? 0 : round(p.base + p.span * rng.bates(p.n), 2);
    const [dLo, dHi] = DELAY_RANGE[channel];
    const delayHours = round(rng.uniform(dLo, dHi), 1);
    const recoveryHours = Math.round(rng.uniform(RECOVERY_RANGE[0], RECOVERY_RANGE[1]));
    this.keys.add(EdgeSet.key(dependent, supplier, channel));
    this.rows.push({
      id,
      dependent,
      supplier,
      type: dependencyTypeFor(channel),
      channel,
      strength,
      redundancyGroup: group?.id ?? null,
      minAlive: group?.minAlive ?? 1,
      propagation,
      delayHours,
      recoveryHours,
      source: `${SOURCE}, rule ${rule}`,
      confidence: 'LOW',
      illustrative: true,
      updatedAt: GENERATOR_DATE,
    });
    return true;
  }

  /**
   * Edges to alternative suppliers sharing one redundancy group. Duplicates are
   * dropped first; a group of one becomes a plain edge; minAlive is capped at
   * the group size, so 1 <= minAlive <= size always holds.
   */
  addGroup(
    rng: Rng,
    dependent: string,
    suppliers: readonly string[],
    channel: Channel,
    rule: string,
    groupId: string,
    minAlive: number,
  ): void {
    const fresh = [...new Set(suppliers)].filter((s) => s !== dependent && !this.has(dependent, s, channel));
    if (fresh.length === 0) return;
    const group = fresh.length === 1 ? null : { id: groupId, minAlive: Math.max(1, Math.min(minAlive, fresh.length)) };
    for (const s of fresh) this.add(rng, dependent, s, channel, rule, group);
  }
}

/* --------------------------------------------------------------- generator */

export function generateIllustrative(facts: SeedFacts): IllustrativeRows {
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
      const rng = Rng.forKey(SEED, fn);

      // A1: electricity from the national TSOs (or the nearest country's).
      for (const e of nearestHolder(c.id, energyByCountry)) edges.add(rng, fn, e, 'POWER', 'A1');

      // A2: national telecom networks (or the nearest country's), alternatives in one group.
      edges.addGroup(rng, fn, nearestHolder(c.id, telecomByCountry), 'CONNECTIVITY', 'A2', `${fn}#telecom`, 1);

      // B: hosting in k of the nearest cloud regions / cloud-operated campuses.
      if (rng.chance(r.pCloud)) {
        const k = rng.pickWeighted(
          HOSTING_K_DISTRIBUTION.map(([kk]) => kk),
          HOSTING_K_DISTRIBUTION.map(([, w]) => w),
        );
        const candidates = nearestFacilities(c.latitude, c.longitude, hostingPool, HOSTING_CANDIDATES);
        const chosen = rng.sampleWeighted(
          candidates.map((f) => f.id),
          candidates.map((_, rank) => 1 / (rank + 1)),
          k,
        );
        const minAlive = k === 3 && QUORUM_SECTORS.includes(r.sector) ? 2 : 1;
        edges.addGroup(rng, fn, chosen, 'HOSTING', 'B', `${fn}#hosting`, minAlive);
      }

      // C1–C9: software supply chain, identity, managed services.
      if (rng.chance(P_OS_UPDATE) && has(CATALOGUE.osUpdate)) edges.add(rng, fn, CATALOGUE.osUpdate, 'SOFTWARE_UPDATE', 'C1');
      if (rng.chance(P_ENDPOINT)) {
        const e = rng.pick(CATALOGUE.endpoint);
        if (has(e)) edges.add(rng, fn, e, 'SOFTWARE_UPDATE', 'C2');
      }
      if (rng.chance(r.pMonitoring) && has(CATALOGUE.monitoring)) edges.add(rng, fn, CATALOGUE.monitoring, 'SOFTWARE_UPDATE', 'C3');
      if (rng.chance(r.pRemoteAccess) && has(CATALOGUE.remoteAccess)) edges.add(rng, fn, CATALOGUE.remoteAccess, 'SOFTWARE_UPDATE', 'C4');
      if (rng.chance(r.pFileTransfer) && has(CATALOGUE.fileTransfer)) edges.add(rng, fn, CATALOGUE.fileTransfer, 'SOFTWARE_UPDATE', 'C5');
      for (const [idp, p] of P_IDENTITY) {
        if (rng.chance(p) && has(idp)) edges.add(rng, fn, idp, 'IDENTITY', 'C6');
      }
      if (rng.chance(r.pMsp) && mspServices.length > 0) {
        const weights = mspServices.map((s) =>
          providerById.get(s.provider)?.headquarters === c.id ? MSP_SAME_COUNTRY_WEIGHT : 1,
        );
        const msp = rng.pickWeighted(mspServices, weights);
        edges.add(rng, fn, msp.id, 'MANAGED_SERVICE', 'C7');
      }
      if (rng.chance(P_RMM_DIRECT) && has(CATALOGUE.rmm)) edges.add(rng, fn, CATALOGUE.rmm, 'REMOTE_ADMIN', 'C8');
      if (rng.chance(P_UA_TAX_SOFTWARE) && has(CATALOGUE.uaTaxSoftware)) edges.add(rng, fn, CATALOGUE.uaTaxSoftware, 'SOFTWARE_UPDATE', 'C9');

      // D1–D2: public-facing functions behind a CDN, often with third-party DNS.
      if (rng.chance(r.pPublic)) {
        const cdn = rng.pick(CATALOGUE.cdn);
        if (has(cdn)) edges.add(rng, fn, cdn, 'CONTENT_DELIVERY', 'D1');
        if (rng.chance(P_DNS_GIVEN_PUBLIC)) {
          const dns = rng.pick(CATALOGUE.dns);
          if (has(dns)) edges.add(rng, fn, dns, 'DNS', 'D2');
        }
      }

      // D3: satellite communications, two networks as 1-of-2 alternatives.
      if (rng.chance(r.pSatellite) && satelliteNetworks.length > 0) {
        const two = rng.sampleWeighted(satelliteNetworks, satelliteNetworks.map(() => 1), 2);
        edges.addGroup(rng, fn, two, 'SATELLITE_LINK', 'D3', `${fn}#satellite`, 1);
      }

      // E: cross-sector dependencies on another function of the same country.
      for (const x of CROSS_SECTOR) {
        if (x.from !== r.sector) continue;
        const target = functionId(c.id, x.to);
        if (rng.chance(x.p) && functionIds.has(target)) edges.add(rng, fn, target, x.channel, 'E');
      }

      // B2: web presence on one shared-hosting campus (own stream: the draws above are unchanged).
      const web = Rng.forKey(SEED, `${fn}#web`);
      if (webHostingPool.length > 0 && web.chance(r.pPublic * P_WEB_GIVEN_PUBLIC)) {
        const sites = nearestFacilities(c.latitude, c.longitude, webHostingPool, WEB_HOSTING_CANDIDATES);
        const site = web.pickWeighted(
          sites.map((f) => f.id),
          sites.map((_, rank) => 1 / (rank + 1)),
        );
        edges.add(web, fn, site, 'HOSTING', 'B2');
      }
    }
  }

  /* ---- physical paths of facilities (rule F) */
  for (const f of facilities) {
    const rng = Rng.forKey(SEED, f.id);

    // F1: electricity from the TSO of the facility's country (nearest proxy point if several).
    const tsos = energyByCountry.get(f.country) ?? [];
    if (tsos.length > 0) {
      const ranked = tsos
        .map((id) => {
          const pt = ENERGY_PROXY_POINTS[id];
          return { id, d: pt === undefined ? Number.POSITIVE_INFINITY : km(f.latitude, f.longitude, pt[0], pt[1]) };
        })
        .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
      const first = ranked[0];
      if (first !== undefined) edges.add(rng, f.id, first.id, 'POWER', 'F1');
    }

    // F2: the nearest exchange points and the national networks, 1-of-n alternatives.
    const ix = nearestFacilities(f.latitude, f.longitude, exchanges, FACILITY_EXCHANGES, f.id).map((x) => x.id);
    const nets = telecomByCountry.get(f.country) ?? [];
    edges.addGroup(rng, f.id, [...ix, ...nets], 'CONNECTIVITY', 'F2', `${f.id}#connectivity`, 1);
  }

  /* ---- services (rule G) */
  const factHosting = new Set(facts.dependencies.filter((d) => d.channel === 'HOSTING').map((d) => d.dependent));
  for (const s of services) {
    const rng = Rng.forKey(SEED, s.id);
    const kind = providerKind(s.provider);

    // G1: a cloud provider's platform service runs in all of that provider's hosting sites, 1-of-n.
    if (s.kind === 'PLATFORM_SERVICE' && !factHosting.has(s.id)) {
      const sites = hostingPool.filter((f) => f.operator === s.provider).map((f) => f.id);
      edges.addGroup(rng, s.id, sites, 'HOSTING', 'G1', `${s.id}#regions`, 1);
    }

    // G2: a national network draws power from every TSO of its country.
    if (isNationalNetwork(s)) {
      const hq = providerById.get(s.provider)?.headquarters ?? undefined;
      for (const e of hq === undefined ? [] : (energyByCountry.get(hq) ?? [])) edges.add(rng, s.id, e, 'POWER', 'G2');
    }

    // G3: MSP services run RMM and network-monitoring tools with some probability.
    if (s.kind === 'MANAGED_SERVICE' && kind === 'MANAGED_SERVICE_PROVIDER') {
      if (rng.chance(MSP_P_RMM) && has(CATALOGUE.rmm)) edges.add(rng, s.id, CATALOGUE.rmm, 'REMOTE_ADMIN', 'G3');
      if (rng.chance(MSP_P_MONITORING) && has(CATALOGUE.monitoring)) edges.add(rng, s.id, CATALOGUE.monitoring, 'SOFTWARE_UPDATE', 'G3');
    }
  }

  return { functions, dependencies: [...edges.rows].sort(byId) };
}

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
