/**
 * Node and dependency reads served from the in-memory analysis snapshot, for
 * when Neo4j cannot be reached: look-ups by id, structural relations, search,
 * the per-kind lists, the dependency list, neighbourhoods and paths. They answer what the store's
 * queries answer, as of the snapshot's version; the request is marked stale
 * (projection/freshness.ts). Every element goes through `visible`, the one
 * place that applies the caller's TLP clearance to what this module returns.
 * Incidents are not in the snapshot: their reads stay UNAVAILABLE.
 */
import { CHANNELS, NODE_KINDS, REL } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import type { DependencyModel, NeighbourhoodModel, NodeModel, PathModel } from '../store/models';
import { canSee, markingOf } from '../auth/clearance';
import type { Clearance } from '../auth/clearance';
import { NotFoundError, UnavailableError, ValidationError } from '../errors';
import { NODE_SPECS } from '../model/node-specs';
import type { Snapshot, StoredNode } from '../projection/snapshot';
import type { GraphDb } from '../store/driver';
import { PATH_SEARCH_LIMIT, dependenciesByIds, nodesByIds, toDependencyModel } from '../store/graph-queries';
import type { Page } from '../store/graph-queries';
import type { DependencyFilter } from '../store/list-filters';
import { NeighbourhoodWalk } from './neighbourhood-walk';
import { MAX_NEIGHBOURHOOD_NODES, dependencyPath, neighbourhood, search } from './graph-reads';
import { checkFirst, decodeCursor, listDependencyPage, listKind, toConnection } from './node-lists';
import type { Connection, ListArgs } from './node-lists';

/* ------------------------------------------------------------- the seam */

/** What serves a read from the snapshot when the store says Neo4j is unreachable. */
export interface SnapshotSource {
  /** The snapshot in memory, marking the request stale; rethrows `error` unless it is UNAVAILABLE and a snapshot exists. */
  fallback(error: unknown): Snapshot;
}

/** What a read needs: the store, and the snapshot and clearance to fall back on. */
export interface ReadSources {
  db: GraphDb;
  fallback: SnapshotFallback;
}

export class SnapshotFallback {
  constructor(
    private readonly source: SnapshotSource,
    readonly clearance: Clearance,
  ) {}

  /** `primary()` (the store), or — when it finds Neo4j unreachable — `fromSnapshot` on the last snapshot. */
  async run<T>(primary: () => Promise<T>, fromSnapshot: (snapshot: Snapshot, clearance: Clearance) => T): Promise<T> {
    try {
      return await primary();
    } catch (error) {
      return fromSnapshot(this.source.fallback(error), this.clearance);
    }
  }
}

/* ------------------------------------------------------------ visibility */

/** The one visibility check of this module: may the caller see an element with these stored properties? */
function visible(clearance: Clearance, props: Readonly<Record<string, unknown>>): boolean {
  return canSee(clearance, markingOf(props));
}

/* ----------------------------------------------------------------- nodes */

/** Per snapshot: who points at each node by a structural relationship, [type, source id]. */
const incomingCache = new WeakMap<Snapshot, Map<string, [string, string][]>>();

function incoming(snapshot: Snapshot): Map<string, [string, string][]> {
  let index = incomingCache.get(snapshot);
  if (!index) {
    index = new Map();
    for (const [id, node] of snapshot.stored) {
      for (const [type, target] of node.links) {
        const list = index.get(target) ?? [];
        list.push([type, id]);
        index.set(target, list);
      }
    }
    incomingCache.set(snapshot, index);
  }
  return index;
}

function linked(snapshot: Snapshot, id: string, rel: string, direction: 'out' | 'in'): string[] {
  const links = direction === 'out' ? (snapshot.stored.get(id)?.links ?? []) : (incoming(snapshot).get(id) ?? []);
  return links
    .filter(([type, other]) => type === rel && snapshot.stored.has(other))
    .map(([, other]) => other)
    .sort();
}

/** The NodeModel the store would build (graph-queries `toNodeModel`), from the snapshot. */
function nodeModel(snapshot: Snapshot, id: string, node: StoredNode): NodeModel {
  const kind = node.label as NodeKind;
  const refs: Record<string, string[]> = {};
  for (const ref of NODE_SPECS[kind].refs) refs[ref.field] = linked(snapshot, id, ref.rel, ref.direction);
  return { kind, id, props: node.props, refs };
}

export function nodesFromSnapshot(snapshot: Snapshot, ids: readonly string[], clearance: Clearance): Map<string, NodeModel> {
  const found = new Map<string, NodeModel>();
  for (const id of ids) {
    const node = snapshot.stored.get(id);
    if (node && visible(clearance, node.props)) found.set(id, nodeModel(snapshot, id, node));
  }
  return found;
}

/** As graph-queries `relatedIds`: per id, the visible ids related by `rel` in `direction`. */
export function relatedFromSnapshot(
  snapshot: Snapshot,
  rel: string,
  direction: 'out' | 'in',
  ids: readonly string[],
  clearance: Clearance,
): Map<string, string[]> {
  const seeable = (id: string) => visible(clearance, snapshot.stored.get(id)!.props);
  return new Map(ids.map((id) => [id, linked(snapshot, id, rel, direction).filter(seeable)]));
}

/** As graph-reads `search`: name or id contains the text (case-insensitive), prefix matches first, then by name and id. */
export function searchSnapshot(snapshot: Snapshot, text: string, kinds: readonly NodeKind[], first: number, clearance: Clearance): NodeModel[] {
  const wanted = text.trim().toLowerCase();
  const hits: { id: string; node: StoredNode; prefix: boolean; name: string }[] = [];
  for (const [id, node] of snapshot.stored) {
    if (!kinds.includes(node.label as NodeKind) || !visible(clearance, node.props)) continue;
    const name = typeof node.props.name === 'string' ? node.props.name : '';
    const lname = name.toLowerCase();
    const lid = id.toLowerCase();
    if (!lname.includes(wanted) && !lid.includes(wanted)) continue;
    hits.push({ id, node, name, prefix: lname.startsWith(wanted) || lid.startsWith(wanted) });
  }
  hits.sort((a, b) => Number(b.prefix) - Number(a.prefix) || compareValues(a.name, b.name) || compareValues(a.id, b.id));
  return hits.slice(0, first).map((h) => nodeModel(snapshot, h.id, h.node));
}

/* ----------------------------------------------------------------- lists */

const SORT_KEYS: Record<string, string> = { ID: 'id', NAME: 'name', KIND: 'kind', ALPHA3: 'alpha3', IMPORTANCE: 'importance', SECTOR: 'sector', DATE: 'date' };

/** Cypher's ORDER BY: numbers by value, strings by code point, nulls last. */
function compareValues(a: unknown, b: unknown): number {
  const na = a === null || a === undefined;
  const nb = b === null || b === undefined;
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

type Predicate = (id: string, node: StoredNode, value: unknown) => boolean;

const includes = (value: unknown, x: unknown) => Array.isArray(value) && value.includes(x);
const prop = (node: StoredNode, key: string) => node.props[key];

/** The filters of services/node-lists.ts, on the snapshot. */
function filtersOf(snapshot: Snapshot, kind: NodeKind): Record<string, Predicate> {
  const out = (id: string, rel: string) => linked(snapshot, id, rel, 'out');
  const into = (id: string, rel: string) => linked(snapshot, id, rel, 'in');
  const nato = (countries: string[], value: unknown) => countries.some((c) => prop(snapshot.stored.get(c)!, 'natoMember') === value);
  const common: Record<string, Predicate> = {
    text: (id, node, value) => {
      const t = typeof value === 'string' ? value.toLowerCase() : '';
      const name = prop(node, 'name');
      return (typeof name === 'string' && name.toLowerCase().includes(t)) || id.toLowerCase().includes(t);
    },
    ids: (id, _, value) => includes(value, id),
  };
  const kinds: Predicate = (_, node, value) => includes(value, prop(node, 'kind'));
  switch (kind) {
    case 'Country':
      return { ...common, natoMember: (_, node, value) => prop(node, 'natoMember') === value };
    case 'Provider':
      return {
        ...common,
        kinds,
        headquarters: (id, _, value) => out(id, REL.HEADQUARTERED_IN).some((c) => includes(value, c)),
        natoMember: (id, _, value) => nato(out(id, REL.HEADQUARTERED_IN), value),
      };
    case 'Facility':
      return {
        ...common,
        kinds,
        countries: (id, _, value) => [...out(id, REL.LOCATED_IN), ...out(id, REL.LANDS_IN)].some((c) => includes(value, c)),
        natoMember: (id, _, value) => nato(out(id, REL.LOCATED_IN), value),
        operators: (id, _, value) => into(id, REL.OPERATES).some((p) => includes(value, p)),
      };
    case 'Service':
      return {
        ...common,
        kinds,
        providers: (id, _, value) => into(id, REL.OFFERS).some((p) => includes(value, p)),
        countries: (id, _, value) => into(id, REL.OFFERS).some((p) => out(p, REL.HEADQUARTERED_IN).some((c) => includes(value, c))),
      };
    case 'CriticalFunction':
      return {
        ...common,
        sectors: (_, node, value) => includes(value, prop(node, 'sector')),
        countries: (id, _, value) => out(id, REL.SERVES).some((c) => includes(value, c)),
        natoMember: (id, _, value) => nato(out(id, REL.SERVES), value),
      };
    case 'Incident':
      return common;
  }
}

/** As node-lists `listKind`, on the snapshot (not for incidents, which it does not hold). */
export function listFromSnapshot(snapshot: Snapshot, kind: NodeKind, args: ListArgs, clearance: Clearance): Connection<NodeModel> {
  if (kind === 'Incident') throw new UnavailableError('Neo4j is unreachable, and incidents are not in the in-memory snapshot; try again when /health says it is up');
  const first = checkFirst(args.first);
  const filters = filtersOf(snapshot, kind);
  const active: [Predicate, unknown][] = [];
  for (const [field, value] of Object.entries(args.filter ?? {})) {
    if (value === null || value === undefined) continue;
    const predicate = filters[field];
    if (!predicate) throw new ValidationError(`filter.${field} is not a filter of ${kind}`);
    active.push([predicate, value]);
  }
  const sortKey = SORT_KEYS[args.sort?.field ?? 'ID'];
  if (!sortKey) throw new ValidationError(`sort.field '${String(args.sort?.field)}' is unknown`);
  const sign = args.sort?.direction === 'DESC' ? -1 : 1;
  const order = (a: { value: unknown; id: string }, b: { value: unknown; id: string }) =>
    sign * (compareValues(a.value, b.value) || compareValues(a.id, b.id));

  const matching: { value: unknown; id: string; node: StoredNode }[] = [];
  for (const [id, node] of snapshot.stored) {
    if (node.label !== kind || !visible(clearance, node.props)) continue;
    if (active.every(([p, v]) => p(id, node, v))) matching.push({ value: prop(node, sortKey) ?? null, id, node });
  }
  matching.sort(order);
  const after = args.after ? decodeCursor(args.after) : null;
  const rest = after ? matching.filter((m) => order(m, after) > 0) : matching;
  const page = rest.slice(0, first);
  const result: Page<NodeModel> = {
    items: page.map((m) => nodeModel(snapshot, m.id, m.node)),
    hasNextPage: rest.length > first,
    totalCount: matching.length,
    keys: page.map((m) => ({ value: m.value, id: m.id })),
  };
  return toConnection(result);
}

/* ---------------------------------------------------------- dependencies */

function countryOf(snapshot: Snapshot, id: string): string | null {
  const v = snapshot.propagation.index.get(id);
  return v === undefined ? null : (snapshot.countries[snapshot.location[v]!]?.id ?? null);
}

function dependencyModel(snapshot: Snapshot, id: string): DependencyModel {
  const g = snapshot.graph;
  const dependent = g.source(id);
  const supplier = g.target(id);
  return toDependencyModel({
    props: g.getEdgeAttributes(id),
    dependent,
    supplier,
    dependentCountry: countryOf(snapshot, dependent),
    supplierCountry: countryOf(snapshot, supplier),
  });
}

/** A dependency is visible when it and both its ends are. */
function dependencyVisible(snapshot: Snapshot, id: string, clearance: Clearance): boolean {
  const g = snapshot.graph;
  return (
    visible(clearance, g.getEdgeAttributes(id)) &&
    visible(clearance, g.getNodeAttributes(g.source(id))) &&
    visible(clearance, g.getNodeAttributes(g.target(id)))
  );
}

export function dependenciesFromSnapshot(snapshot: Snapshot, ids: readonly string[], clearance: Clearance): Map<string, DependencyModel> {
  const found = new Map<string, DependencyModel>();
  for (const id of ids) {
    if (snapshot.graph.hasEdge(id) && dependencyVisible(snapshot, id, clearance)) found.set(id, dependencyModel(snapshot, id));
  }
  return found;
}

export interface DependencyListArgs {
  filter?: Record<string, unknown> | null;
  first?: number | null;
  after?: string | null;
}

const TRUST = new Set(Object.entries(CHANNELS).filter(([, c]) => c.integrity).map(([k]) => k));

/** The dependency filters of resolvers/dependency.ts, on one DependencyModel. */
const DEPENDENCY_FILTERS: Record<string, (d: DependencyModel, value: unknown) => boolean> = {
  channels: (d, v) => includes(v, d.record.channel),
  types: (d, v) => includes(v, d.record.type),
  dependents: (d, v) => includes(v, d.record.dependent),
  suppliers: (d, v) => includes(v, d.record.supplier),
  illustrative: (d, v) => d.record.illustrative === v,
  trustCarrying: (d, v) => (d.record.carriesIntegrity ?? TRUST.has(d.record.channel)) === v,
};

/** As the `dependencies` query, on the snapshot: filtered, by id, keyset-paginated. */
export function listDependenciesFromSnapshot(snapshot: Snapshot, args: DependencyListArgs, clearance: Clearance): Connection<DependencyModel> {
  const first = checkFirst(args.first);
  const active: [(d: DependencyModel, v: unknown) => boolean, unknown][] = [];
  for (const [field, value] of Object.entries(args.filter ?? {})) {
    if (value === null || value === undefined) continue;
    const predicate = DEPENDENCY_FILTERS[field];
    if (!predicate) throw new ValidationError(`filter.${field} is not a dependency filter`);
    active.push([predicate, value]);
  }
  const afterId = args.after ? decodeCursor(args.after).id : null;
  const matching = snapshot.graph
    .edges()
    .filter((id) => dependencyVisible(snapshot, id, clearance))
    .map((id) => dependencyModel(snapshot, id))
    .filter((d) => active.every(([p, v]) => p(d, v)))
    .sort((a, b) => compareValues(a.record.id, b.record.id));
  const rest = afterId === null ? matching : matching.filter((d) => d.record.id > afterId);
  const page = rest.slice(0, first);
  return toConnection({
    items: page,
    hasNextPage: rest.length > first,
    totalCount: matching.length,
    keys: page.map((d) => ({ value: d.record.id, id: d.record.id })),
  });
}


/* ------------------------------------------- reads with the snapshot behind */

/** graph-reads `search`, or the snapshot's when Neo4j is unreachable. */
export function searchOrSnapshot(r: ReadSources, text: string, kinds: readonly NodeKind[] | null | undefined, first: number): Promise<NodeModel[]> {
  return r.fallback.run(
    () => search(r.db, text, kinds, first, r.fallback.clearance),
    (s, c) => searchSnapshot(s, text, kinds && kinds.length > 0 ? kinds : NODE_KINDS, first, c),
  );
}

/** node-lists `listKind`, or the snapshot's when Neo4j is unreachable. */
export function listKindOrSnapshot(r: ReadSources, kind: NodeKind, args: ListArgs): Promise<Connection<NodeModel>> {
  return r.fallback.run(
    () => listKind(r.db, kind, args, r.fallback.clearance),
    (s, c) => listFromSnapshot(s, kind, args, c),
  );
}

/** node-lists `listDependencyPage`, or the snapshot's when Neo4j is unreachable. */
export function listDependenciesOrSnapshot(r: ReadSources, args: DependencyListArgs & { filter?: DependencyFilter | null }): Promise<Connection<DependencyModel>> {
  return r.fallback.run(
    () => listDependencyPage(r.db, args, r.fallback.clearance),
    (s, c) => listDependenciesFromSnapshot(s, args, c),
  );
}

/** Nodes and dependencies by id (an analysis result's), from the store or the snapshot. */
export function elementsOrSnapshot(
  r: ReadSources,
  nodeIds: readonly string[],
  dependencyIds: readonly string[],
): Promise<readonly [Map<string, NodeModel>, Map<string, DependencyModel>]> {
  return r.fallback.run(
    () => r.db.read(async (tx) => [await nodesByIds(tx, nodeIds, r.fallback.clearance), await dependenciesByIds(tx, dependencyIds, r.fallback.clearance)] as const),
    (s, c) => [nodesFromSnapshot(s, nodeIds, c), dependenciesFromSnapshot(s, dependencyIds, c)] as const,
  );
}

/* ------------------------------------------------------------ graph walks */

/** As graph-reads `neighbourhood` (the caller validated `depth`), on the snapshot's DEPENDS_ON graph. */
export function neighbourhoodFromSnapshot(
  snapshot: Snapshot,
  id: string,
  direction: 'DEPENDENCIES' | 'DEPENDENTS',
  depth: number,
  clearance: Clearance,
): NeighbourhoodModel {
  const root = nodesFromSnapshot(snapshot, [id], clearance).get(id);
  if (!root) throw new NotFoundError(`no node with id '${id}'`);
  const g = snapshot.graph;
  const walk = new NeighbourhoodWalk(id, direction, MAX_NEIGHBOURHOOD_NODES);
  for (let level = 1; walk.more(level, depth); level++) {
    const edges = walk.frontier
      .filter((v) => g.hasNode(v))
      .flatMap((v) => (direction === 'DEPENDENCIES' ? g.outEdges(v) : g.inEdges(v)))
      .filter((e) => dependencyVisible(snapshot, e, clearance))
      .sort();
    walk.step(level, edges.map((e) => dependencyModel(snapshot, e)));
  }
  return { root, direction, depth, nodes: [...nodesFromSnapshot(snapshot, walk.reached(), clearance).values()], steps: walk.steps, truncated: walk.truncated };
}

/** As graph-reads `dependencyPath` (the caller validated its arguments): one shortest path by breadth-first search. */
export function pathFromSnapshot(snapshot: Snapshot, from: string, to: string, directed: boolean, maxDepth: number, clearance: Clearance): PathModel | null {
  const ends = nodesFromSnapshot(snapshot, [from, to], clearance);
  for (const id of [from, to]) if (!ends.has(id)) throw new NotFoundError(`no node with id '${id}'`);
  const g = snapshot.graph;
  if (!g.hasNode(from) || !g.hasNode(to)) return null;
  const via = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  for (let level = 0; level < Math.min(maxDepth, PATH_SEARCH_LIMIT) && frontier.length > 0 && !via.has(to); level++) {
    const next: string[] = [];
    for (const v of frontier) {
      const edges = (directed ? g.outEdges(v) : g.edges(v)).filter((e) => dependencyVisible(snapshot, e, clearance)).sort();
      for (const e of edges) {
        const other = g.source(e) === v ? g.target(e) : g.source(e);
        if (via.has(other)) continue;
        via.set(other, e);
        next.push(other);
      }
    }
    frontier = next;
  }
  if (!via.has(to)) return null;
  const edgeIds: string[] = [];
  const nodeIds = [to];
  for (let v = to; via.get(v); ) {
    const e = via.get(v)!;
    edgeIds.unshift(e);
    v = g.source(e) === v ? g.target(e) : g.source(e);
    nodeIds.unshift(v);
  }
  const nodes = nodesFromSnapshot(snapshot, nodeIds, clearance);
  return { nodes: nodeIds.map((n) => nodes.get(n)!), dependencies: edgeIds.map((e) => dependencyModel(snapshot, e)), length: edgeIds.length };
}

/** graph-reads `neighbourhood`, or the snapshot's when Neo4j is unreachable. */
export function neighbourhoodOrSnapshot(r: ReadSources, id: string, direction: 'DEPENDENCIES' | 'DEPENDENTS', depth: number): Promise<NeighbourhoodModel> {
  return r.fallback.run(
    () => neighbourhood(r.db, id, direction, depth, r.fallback.clearance),
    (s, c) => neighbourhoodFromSnapshot(s, id, direction, depth, c),
  );
}

/** graph-reads `dependencyPath`, or the snapshot's when Neo4j is unreachable. */
export function pathOrSnapshot(r: ReadSources, from: string, to: string, directed: boolean, maxDepth: number): Promise<PathModel | null> {
  return r.fallback.run(
    () => dependencyPath(r.db, from, to, directed, maxDepth, r.fallback.clearance),
    (s, c) => pathFromSnapshot(s, from, to, directed, maxDepth, c),
  );
}
