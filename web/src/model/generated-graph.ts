/**
 * A synthetic graph of N nodes for performance work (?generated=N), built
 * client-side from a seed: providers, facilities, services and critical
 * functions in the seed data's proportions, with heavy-tailed supplier choice
 * (a few hubs, many leaves) and about three DEPENDS_ON per node. Same N and
 * seed, same graph.
 */
import { CHANNELS, CHANNEL_KEYS, CONFIDENCE_LEVELS, FACILITY_KINDS, PROVIDER_KINDS, SECTOR_KEYS, SERVICE_KINDS } from '../../../graph-schema/vocabulary';
import type { DependencyKind } from '../../../graph-schema/vocabulary';
import { emptyModel } from './graph-model';
import type { GraphModel, ModelCountry, ModelNode } from './graph-model';

/** Mulberry32: a small, fast 32-bit PRNG (T. Ettinger, 2017). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Countries the generator places nodes in (ISO alpha-2, numeric, centroid). */
export const GENERATED_COUNTRIES: readonly ModelCountry[] = [
  ['US', 'United States', '840', true, 39.8, -98.6],
  ['CA', 'Canada', '124', true, 56.1, -106.3],
  ['GB', 'United Kingdom', '826', true, 54.0, -2.0],
  ['FR', 'France', '250', true, 46.6, 2.2],
  ['DE', 'Germany', '276', true, 51.1, 10.4],
  ['IT', 'Italy', '380', true, 42.8, 12.8],
  ['ES', 'Spain', '724', true, 40.2, -3.6],
  ['PL', 'Poland', '616', true, 52.1, 19.4],
  ['NL', 'Netherlands', '528', true, 52.2, 5.3],
  ['BE', 'Belgium', '056', true, 50.6, 4.6],
  ['NO', 'Norway', '578', true, 61.4, 8.8],
  ['SE', 'Sweden', '752', true, 62.2, 15.3],
  ['FI', 'Finland', '246', true, 64.5, 26.3],
  ['DK', 'Denmark', '208', true, 56.0, 9.6],
  ['EE', 'Estonia', '233', true, 58.7, 25.5],
  ['LV', 'Latvia', '428', true, 56.9, 24.9],
  ['LT', 'Lithuania', '440', true, 55.3, 23.9],
  ['RO', 'Romania', '642', true, 45.9, 25.0],
  ['TR', 'Türkiye', '792', true, 39.1, 35.2],
  ['GR', 'Greece', '300', true, 39.1, 22.0],
  ['PT', 'Portugal', '620', true, 39.6, -8.0],
  ['IE', 'Ireland', '372', false, 53.2, -8.1],
  ['CH', 'Switzerland', '756', false, 46.8, 8.2],
  ['UA', 'Ukraine', '804', false, 49.0, 31.4],
].map(([id, name, numeric, natoMember, latitude, longitude]) => ({
  id: id as string,
  name: name as string,
  numeric: numeric as string,
  natoMember: natoMember as boolean,
  latitude: latitude as number,
  longitude: longitude as number,
}));

const SHARE: Record<DependencyKind, number> = { Provider: 0.18, Facility: 0.19, Service: 0.12, CriticalFunction: 0.51 };
const PREFIX: Record<DependencyKind, string> = { Provider: 'prov:gen-', Facility: 'fac:gen-', Service: 'svc:gen-', CriticalFunction: 'fn:gen-' };

export interface GenerateOptions {
  nodes: number;
  seed?: number;
}

export function generateGraph({ nodes: n, seed = 1 }: GenerateOptions): GraphModel {
  if (!Number.isInteger(n) || n < 4 || n > 100_000) throw new RangeError(`generated graph size must be an integer from 4 to 100000 (got ${n})`);
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  /** Heavy-tailed index: low indices (hubs) are picked far more often. */
  const hub = <T>(items: readonly T[]): T => items[Math.floor(random() ** 2.2 * items.length)]!;
  const countryIds = GENERATED_COUNTRIES.map((c) => c.id);
  // Providers cluster in a few headquarters countries, as in the seed data.
  const providerCountry = () => (random() < 0.45 ? 'US' : random() < 0.5 ? pick(['DE', 'FR', 'GB', 'IE', 'NL']) : pick(countryIds));

  const model = emptyModel('generated');
  for (const c of GENERATED_COUNTRIES) model.countries.set(c.id, c);
  const byKind: Record<DependencyKind, ModelNode[]> = { Provider: [], Facility: [], Service: [], CriticalFunction: [] };
  const counts: Record<DependencyKind, number> = {
    Provider: Math.max(1, Math.round(n * SHARE.Provider)),
    Facility: Math.max(1, Math.round(n * SHARE.Facility)),
    Service: Math.max(1, Math.round(n * SHARE.Service)),
    CriticalFunction: 0,
  };
  counts.CriticalFunction = n - counts.Provider - counts.Facility - counts.Service;

  const add = (node: ModelNode) => {
    model.nodes.set(node.id, node);
    byKind[node.kind].push(node);
  };
  const provenance = () => ({
    illustrative: random() < 0.7,
    tlp: random() < 0.9 ? ('CLEAR' as const) : ('GREEN' as const),
    confidence: pick(CONFIDENCE_LEVELS),
  });
  for (let i = 0; i < counts.Provider; i++) {
    const country = providerCountry();
    const subKind = pick(PROVIDER_KINDS);
    add({ id: `${PREFIX.Provider}${i}`, name: `Provider ${i} (${subKind.toLowerCase()}, ${country})`, kind: 'Provider', subKind, sector: null, country, owner: null, importance: 1, ...provenance() });
  }
  for (let i = 0; i < counts.Facility; i++) {
    const owner = hub(byKind.Provider);
    const country = random() < 0.5 ? owner.country! : pick(countryIds);
    add({ id: `${PREFIX.Facility}${i}`, name: `Facility ${i} (${country})`, kind: 'Facility', subKind: pick(FACILITY_KINDS), sector: null, country, owner: owner.id, importance: 1, ...provenance() });
  }
  for (let i = 0; i < counts.Service; i++) {
    const owner = hub(byKind.Provider);
    add({ id: `${PREFIX.Service}${i}`, name: `Service ${i} of provider ${owner.id.slice(PREFIX.Provider.length)}`, kind: 'Service', subKind: pick(SERVICE_KINDS), sector: null, country: owner.country, owner: owner.id, importance: 1, ...provenance() });
  }
  for (let i = 0; i < counts.CriticalFunction; i++) {
    const country = pick(countryIds);
    const sector = pick(SECTOR_KEYS);
    add({ id: `${PREFIX.CriticalFunction}${i}`, name: `${country} ${sector.toLowerCase().replace(/_/g, ' ')} ${i}`, kind: 'CriticalFunction', subKind: null, sector, country, owner: null, importance: 1 + Math.floor(random() * 3), ...provenance() });
  }

  const depend = (dependent: ModelNode, supplier: ModelNode) => {
    if (dependent.id === supplier.id) return;
    const channel = pick(CHANNEL_KEYS);
    const id = `dep:${dependent.id.replace(':', '.')}--${supplier.id.replace(':', '.')}--${channel.toLowerCase()}`;
    if (model.edges.has(id)) return;
    model.edges.set(id, {
      id,
      dependent: dependent.id,
      supplier: supplier.id,
      channel,
      trust: CHANNELS[channel].integrity,
      crossBorder: dependent.country !== supplier.country,
      ...provenance(),
    });
  };
  const supplierOf = (allowFunctions: boolean): ModelNode => {
    const r = random();
    if (r < 0.45 && byKind.Service.length > 0) return hub(byKind.Service);
    if (r < 0.75 && byKind.Facility.length > 0) return hub(byKind.Facility);
    if (r < 0.95 || !allowFunctions) return hub(byKind.Provider);
    return pick(byKind.CriticalFunction);
  };
  for (const f of byKind.CriticalFunction) for (let k = 3 + Math.floor(random() * 4); k > 0; k--) depend(f, supplierOf(true));
  for (const s of byKind.Service) for (let k = 1 + Math.floor(random() * 3); k > 0; k--) depend(s, supplierOf(false));
  for (const fac of byKind.Facility) for (let k = 1 + Math.floor(random() * 2); k > 0; k--) depend(fac, hub(byKind.Provider));
  for (const p of byKind.Provider) for (let k = Math.floor(random() * 2); k > 0; k--) depend(p, supplierOf(false));
  return model;
}
