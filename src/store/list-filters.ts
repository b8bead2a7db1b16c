/**
 * The filters of the list queries as fixed Cypher fragments, chosen by
 * filter field; callers pass typed filter values (a `NodeFilter`, a
 * `DependencyFilter`) and never text. Every value becomes a parameter named
 * after its field, prefixed `f_` so that it cannot collide with the query's own.
 */
import { CHANNELS, REL } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import { ValidationError } from '../errors';
import type { Params } from './driver';

/** Filter values of a node list; which apply depends on the kind (see NODE_FILTERS). */
export interface NodeFilter {
  text?: string | null;
  ids?: readonly string[] | null;
  natoMember?: boolean | null;
  kinds?: readonly string[] | null;
  headquarters?: readonly string[] | null;
  countries?: readonly string[] | null;
  operators?: readonly string[] | null;
  providers?: readonly string[] | null;
  sectors?: readonly string[] | null;
  modes?: readonly string[] | null;
}

/** Filter values of the dependency list. */
export interface DependencyFilter {
  channels?: readonly string[] | null;
  types?: readonly string[] | null;
  dependents?: readonly string[] | null;
  suppliers?: readonly string[] | null;
  illustrative?: boolean | null;
  trustCarrying?: boolean | null;
}

type Fragments<F> = Partial<Record<keyof F, string>>;

const TEXT = '(toLower(n.name) CONTAINS toLower($f_text) OR toLower(n.id) CONTAINS toLower($f_text))';
const COMMON: Fragments<NodeFilter> = { text: TEXT, ids: 'n.id IN $f_ids' };

/** Per kind: filter field → WHERE fragment over `n`. */
const NODE_FILTERS: Record<NodeKind, Fragments<NodeFilter>> = {
  Country: { ...COMMON, natoMember: 'n.natoMember = $f_natoMember' },
  Provider: {
    ...COMMON,
    kinds: 'n.kind IN $f_kinds',
    headquarters: `EXISTS { (n)-[:${REL.HEADQUARTERED_IN}]->(c:Country) WHERE c.id IN $f_headquarters }`,
    natoMember: `EXISTS { (n)-[:${REL.HEADQUARTERED_IN}]->(c:Country) WHERE c.natoMember = $f_natoMember }`,
  },
  Facility: {
    ...COMMON,
    kinds: 'n.kind IN $f_kinds',
    countries: `EXISTS { (n)-[:${REL.LOCATED_IN}|${REL.LANDS_IN}]->(c:Country) WHERE c.id IN $f_countries }`,
    natoMember: `EXISTS { (n)-[:${REL.LOCATED_IN}]->(c:Country) WHERE c.natoMember = $f_natoMember }`,
    operators: `EXISTS { (o:Provider)-[:${REL.OPERATES}]->(n) WHERE o.id IN $f_operators }`,
  },
  Service: {
    ...COMMON,
    kinds: 'n.kind IN $f_kinds',
    providers: `EXISTS { (p:Provider)-[:${REL.OFFERS}]->(n) WHERE p.id IN $f_providers }`,
    countries: `EXISTS { (p:Provider)-[:${REL.OFFERS}]->(n) MATCH (p)-[:${REL.HEADQUARTERED_IN}]->(c:Country) WHERE c.id IN $f_countries }`,
  },
  CriticalFunction: {
    ...COMMON,
    sectors: 'n.sector IN $f_sectors',
    countries: `EXISTS { (n)-[:${REL.SERVES}]->(c:Country) WHERE c.id IN $f_countries }`,
    natoMember: `EXISTS { (n)-[:${REL.SERVES}]->(c:Country) WHERE c.natoMember = $f_natoMember }`,
  },
  Incident: { ...COMMON, modes: 'n.mode IN $f_modes' },
};

const TRUST = Object.entries(CHANNELS)
  .filter(([, c]) => c.integrity)
  .map(([k]) => k);

/** Dependency filter field → WHERE fragment over (a)-[r]->(b). */
const DEPENDENCY_FILTERS: Fragments<DependencyFilter> = {
  channels: 'r.channel IN $f_channels',
  types: 'r.type IN $f_types',
  dependents: 'a.id IN $f_dependents',
  suppliers: 'b.id IN $f_suppliers',
  illustrative: 'r.illustrative = $f_illustrative',
  // The effective integrity: the edge's own carriesIntegrity where set, else its channel's default.
  trustCarrying: 'coalesce(r.carriesIntegrity, r.channel IN $f_trust) = $f_trustCarrying',
};

export interface Where {
  /** Fragments to AND together (static text). */
  where: string[];
  params: Params;
}

function build<F extends object>(fragments: Fragments<F>, filter: F | null | undefined, what: string): Where {
  const out: Where = { where: [], params: {} };
  for (const [field, value] of Object.entries(filter ?? {}) as [keyof F & string, unknown][]) {
    if (value === null || value === undefined) continue;
    const fragment = fragments[field];
    if (!fragment) throw new ValidationError(`filter.${field} is not a filter of ${what}`);
    out.where.push(fragment);
    out.params[`f_${field}`] = value;
  }
  return out;
}

export function nodeWhere(kind: NodeKind, filter: NodeFilter | null | undefined): Where {
  return build(NODE_FILTERS[kind], filter, kind);
}

export function dependencyWhere(filter: DependencyFilter | null | undefined): Where {
  const out = build(DEPENDENCY_FILTERS, filter, 'dependencies');
  if ('f_trustCarrying' in out.params) out.params.f_trust = TRUST;
  return out;
}

/** Sort fields of node lists → the property they sort by. */
export const SORT_KEYS = {
  ID: 'id',
  NAME: 'name',
  KIND: 'kind',
  ALPHA3: 'alpha3',
  IMPORTANCE: 'importance',
  SECTOR: 'sector',
  DATE: 'date',
} as const;

export type SortField = keyof typeof SORT_KEYS;
