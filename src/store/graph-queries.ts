/**
 * Read queries behind the GraphQL API: nodes by id, filtered and paginated
 * lists, neighbourhoods, shortest paths, country summaries. Cypher text is
 * static or assembled from fixed fragments chosen by code; every value is a
 * parameter. Rows are read by alias.
 */
import { ENTITY_LABEL, NODE_KINDS, REL } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import { NODE_SPECS } from '../model/node-specs';
import type { DependencyRecord } from '../model/records';
import type { DependencyModel, NodeModel } from './models';
import type { GraphDb, Row, Tx } from './driver';
import { dependencyWhere, nodeWhere, SORT_KEYS } from './list-filters';
import type { DependencyFilter, NodeFilter, SortField } from './list-filters';
import { clearanceParam, visibleWhere } from './visibility';
import type { Visibility } from './visibility';

const OUT_RELS = [...new Set(NODE_KINDS.flatMap((k) => NODE_SPECS[k].refs.filter((r) => r.direction === 'out').map((r) => r.rel)))];
const IN_RELS = [...new Set(NODE_KINDS.flatMap((k) => NODE_SPECS[k].refs.filter((r) => r.direction === 'in').map((r) => r.rel)))];

/**
 * Projects node `n` into the columns `toNodeModel` reads; references to nodes
 * the `$clearance` may not see are left out. Its other parameters are
 * prefixed `proj` so that they never collide with a filter's.
 */
const NODE_PROJECTION = `n {.*} AS props,
  [l IN labels(n) WHERE l IN $projKinds][0] AS kind,
  [(n)-[r]->(t:${ENTITY_LABEL}) WHERE type(r) IN $projOutRels AND ${visibleWhere('t')} | [type(r), t.id]] AS outLinks,
  [(n)<-[r]-(t:${ENTITY_LABEL}) WHERE type(r) IN $projInRels AND ${visibleWhere('t')} | [type(r), t.id]] AS inLinks`;

const projectionParams = (vis: Visibility) => ({ projKinds: [...NODE_KINDS], projOutRels: OUT_RELS, projInRels: IN_RELS, ...clearanceParam(vis) });

/** The country a node is located in: a facility's, a provider's or service's headquarters, a function's SERVES. */
export const locationCountry = (v: string) => `coalesce(
  CASE WHEN ${v}:Country THEN ${v}.id END,
  head([(${v})-[:${REL.LOCATED_IN}|${REL.HEADQUARTERED_IN}|${REL.SERVES}]->(lc:Country) | lc.id]),
  head([(${v})<-[:${REL.OFFERS}]-(:Provider)-[:${REL.HEADQUARTERED_IN}]->(lc:Country) | lc.id]))`;

export function toNodeModel(row: Row): NodeModel {
  const kind = row.kind as NodeKind;
  const props = row.props as Record<string, unknown>;
  const refs: Record<string, string[]> = {};
  const links = { out: (row.outLinks as [string, string][]) ?? [], in: (row.inLinks as [string, string][]) ?? [] };
  for (const ref of NODE_SPECS[kind].refs) {
    refs[ref.field] = links[ref.direction]
      .filter(([type]) => type === ref.rel)
      .map(([, id]) => id)
      .sort();
  }
  return { kind, id: String(props.id), props, refs };
}

const NODES_BY_IDS = `
UNWIND $ids AS wanted
MATCH (n:${ENTITY_LABEL} {id: wanted}) WHERE ${visibleWhere('n')}
RETURN ${NODE_PROJECTION}`;

/** The nodes with these ids that `vis` may see (the others are absent, as if they did not exist). */
export async function nodesByIds(tx: Tx, ids: readonly string[], vis: Visibility): Promise<Map<string, NodeModel>> {
  const rows = await tx.run(NODES_BY_IDS, { ids: [...new Set(ids)], ...projectionParams(vis) });
  return new Map(rows.filter((r) => r.kind !== null).map((r) => [String((r.props as Row).id), toNodeModel(r)]));
}

/** Ids related to each of `ids` through one structural relationship type, in one direction. */
export async function relatedIds(
  tx: Tx,
  rel: string,
  direction: 'out' | 'in',
  ids: readonly string[],
  vis: Visibility,
): Promise<Map<string, string[]>> {
  const known = Object.values(REL) as string[];
  if (!known.includes(rel)) throw new Error(`unknown relationship type ${rel}`);
  const pattern = direction === 'out' ? `(n)-[:${rel}]->(t:${ENTITY_LABEL})` : `(n)<-[:${rel}]-(t:${ENTITY_LABEL})`;
  const rows = await tx.run(
    `UNWIND $ids AS wanted MATCH (n:${ENTITY_LABEL} {id: wanted}) OPTIONAL MATCH ${pattern} WHERE ${visibleWhere('t')}
     WITH wanted, t ORDER BY t.id RETURN wanted AS id, collect(t.id) AS ids`,
    { ids: [...new Set(ids)], ...clearanceParam(vis) },
  );
  return new Map(rows.map((r) => [String(r.id), (r.ids as string[]) ?? []]));
}

/* --------------------------------------------------------------- lists */

export interface ListQuery {
  kind: NodeKind;
  /** Typed filter values; the fragments they select live in list-filters.ts. */
  filter?: NodeFilter | null;
  sortField: SortField;
  descending: boolean;
  first: number;
  after: { value: unknown; id: string } | null;
  /** Only nodes this clearance sees are listed and counted. */
  clearance: Visibility;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  totalCount: number;
  /** Sort value and id of each item, for cursors. */
  keys: { value: unknown; id: string }[];
}

export async function listNodes(tx: Tx, q: ListQuery): Promise<Page<NodeModel>> {
  const filter = nodeWhere(q.kind, q.filter);
  const where = `WHERE ${[visibleWhere('n'), ...filter.where].join(' AND ')}`;
  const params = { ...filter.params, ...clearanceParam(q.clearance) };
  const sortKey = SORT_KEYS[q.sortField];
  const totalRows = await tx.run(`MATCH (n:${q.kind}) ${where} RETURN count(n) AS total`, params);
  const cmp = q.descending ? '<' : '>';
  const dir = q.descending ? 'DESC' : 'ASC';
  const afterClause = q.after
    ? `AND (n[$sortKey] ${cmp} $afterValue OR (n[$sortKey] = $afterValue AND n.id ${cmp} $afterId))`
    : '';
  const rows = await tx.run(
    `MATCH (n:${q.kind}) ${where} ${afterClause}
     WITH n ORDER BY n[$sortKey] ${dir}, n.id ${dir} LIMIT $limit
     RETURN n[$sortKey] AS sortValue, ${NODE_PROJECTION}`,
    {
      ...params,
      ...projectionParams(q.clearance),
      sortKey,
      afterValue: q.after?.value ?? null,
      afterId: q.after?.id ?? null,
      limit: q.first + 1,
    },
  );
  const page = rows.slice(0, q.first);
  return {
    items: page.map(toNodeModel),
    hasNextPage: rows.length > q.first,
    totalCount: Number(totalRows[0]?.total ?? 0),
    keys: page.map((r) => ({ value: r.sortValue, id: String((r.props as Row).id) })),
  };
}

/* -------------------------------------------------------- dependencies */

const DEPENDENCY_PROJECTION = `r {.*} AS props, a.id AS dependent, b.id AS supplier,
  ${locationCountry('a')} AS dependentCountry, ${locationCountry('b')} AS supplierCountry`;

export function toDependencyModel(row: Row): DependencyModel {
  const record: Record<string, unknown> = { dependent: row.dependent, supplier: row.supplier };
  for (const [k, v] of Object.entries(row.props as Row)) if (k !== 'revision') record[k] = v;
  record.redundancyGroup ??= null;
  record.recoveryHours ??= null;
  return {
    record: record as unknown as DependencyRecord,
    revision: Number((row.props as Row).revision ?? 1),
    dependentCountry: (row.dependentCountry as string | null) ?? null,
    supplierCountry: (row.supplierCountry as string | null) ?? null,
  };
}

/** A dependency is visible when it and both its ends are. */
const DEPENDENCY_VISIBLE = `${visibleWhere('r')} AND ${visibleWhere('a')} AND ${visibleWhere('b')}`;

export async function dependenciesByIds(tx: Tx, ids: readonly string[], vis: Visibility): Promise<Map<string, DependencyModel>> {
  const rows = await tx.run(
    `UNWIND $ids AS wanted MATCH (a:${ENTITY_LABEL})-[r:${REL.DEPENDS_ON} {id: wanted}]->(b:${ENTITY_LABEL})
     WHERE ${DEPENDENCY_VISIBLE}
     RETURN ${DEPENDENCY_PROJECTION}`,
    { ids: [...new Set(ids)], ...clearanceParam(vis) },
  );
  return new Map(rows.map((r) => [String((r.props as Row).id), toDependencyModel(r)]));
}

export interface DependencyListQuery {
  filter?: DependencyFilter | null;
  first: number;
  afterId: string | null;
  /** Only dependencies this clearance sees, with both ends visible, are listed and counted. */
  clearance: Visibility;
}

export async function listDependencies(tx: Tx, q: DependencyListQuery): Promise<Page<DependencyModel>> {
  const base = `MATCH (a:${ENTITY_LABEL})-[r:${REL.DEPENDS_ON}]->(b:${ENTITY_LABEL})`;
  const filter = dependencyWhere(q.filter);
  const where = `WHERE ${[visibleWhere('r'), visibleWhere('a'), visibleWhere('b'), ...filter.where].join(' AND ')}`;
  const params = { ...filter.params, ...clearanceParam(q.clearance) };
  const totalRows = await tx.run(`${base} ${where} RETURN count(r) AS total`, params);
  const after = q.afterId !== null ? 'AND r.id > $afterId' : '';
  const rows = await tx.run(
    `${base} ${where} ${after} WITH a, r, b ORDER BY r.id LIMIT $limit RETURN ${DEPENDENCY_PROJECTION}`,
    { ...params, afterId: q.afterId, limit: q.first + 1 },
  );
  const page = rows.slice(0, q.first).map(toDependencyModel);
  return {
    items: page,
    hasNextPage: rows.length > q.first,
    totalCount: Number(totalRows[0]?.total ?? 0),
    keys: page.map((d) => ({ value: d.record.id, id: d.record.id })),
  };
}

/** One BFS level: the DEPENDS_ON leaving (DEPENDENCIES) or entering (DEPENDENTS) the frontier. */
export async function dependencyLevel(
  tx: Tx,
  frontier: readonly string[],
  direction: 'DEPENDENCIES' | 'DEPENDENTS',
  vis: Visibility,
): Promise<DependencyModel[]> {
  const match =
    direction === 'DEPENDENCIES'
      ? `MATCH (a:${ENTITY_LABEL})-[r:${REL.DEPENDS_ON}]->(b:${ENTITY_LABEL}) WHERE a.id IN $frontier`
      : `MATCH (a:${ENTITY_LABEL})-[r:${REL.DEPENDS_ON}]->(b:${ENTITY_LABEL}) WHERE b.id IN $frontier`;
  const rows = await tx.run(`${match} AND ${DEPENDENCY_VISIBLE} RETURN ${DEPENDENCY_PROJECTION} ORDER BY r.id`, { frontier, ...clearanceParam(vis) });
  return rows.map(toDependencyModel);
}

/** Hard upper bound on path length searched; `maxDepth` (≤ this) filters the result. */
export const PATH_SEARCH_LIMIT = 12;

export async function shortestPath(
  tx: Tx,
  from: string,
  to: string,
  directed: boolean,
  vis: Visibility,
): Promise<{ nodeIds: string[]; dependencies: DependencyModel[] } | null> {
  const arrow = directed ? '->' : '-';
  // Only through what `vis` may see: a path through a hidden node or dependency would reveal it.
  const rows = await tx.run(
    `MATCH (s:${ENTITY_LABEL} {id: $from}), (e:${ENTITY_LABEL} {id: $to})
     MATCH p = shortestPath((s)-[:${REL.DEPENDS_ON}*..${PATH_SEARCH_LIMIT}]${arrow}(e))
     WHERE all(x IN nodes(p) WHERE ${visibleWhere('x')}) AND all(y IN relationships(p) WHERE ${visibleWhere('y')})
     RETURN [x IN nodes(p) | x.id] AS nodeIds, [x IN relationships(p) | x.id] AS relIds`,
    { from, to, ...clearanceParam(vis) },
  );
  const row = rows[0];
  if (!row) return null;
  const relIds = row.relIds as string[];
  const deps = await dependenciesByIds(tx, relIds, vis);
  return { nodeIds: row.nodeIds as string[], dependencies: relIds.map((id) => deps.get(id)!) };
}

/* ----------------------------------------------------- country summary */

export async function countryFunctionsBySector(tx: Tx, country: string, vis: Visibility): Promise<Row[]> {
  return tx.run(
    `MATCH (f:CriticalFunction)-[:${REL.SERVES}]->(:Country {id: $country}) WHERE ${visibleWhere('f')}
     RETURN f.sector AS sector, count(f) AS count, sum(coalesce(f.importance, 1.0)) AS importance
     ORDER BY sector`,
    { country, ...clearanceParam(vis) },
  );
}

/** Direct DEPENDS_ON of a country's functions, with each supplier's owning provider and location. */
export async function countryDirectDependencies(tx: Tx, country: string, vis: Visibility): Promise<Row[]> {
  return tx.run(
    `MATCH (f:CriticalFunction)-[:${REL.SERVES}]->(:Country {id: $country}) WHERE ${visibleWhere('f')}
     MATCH (f)-[r:${REL.DEPENDS_ON}]->(s:${ENTITY_LABEL}) WHERE ${visibleWhere('r')} AND ${visibleWhere('s')}
     RETURN f.id AS function, r.id AS dependency, s.id AS supplier,
       CASE WHEN s:Provider THEN s.id
            ELSE head([(s)<-[:${REL.OPERATES}|${REL.OFFERS}]-(p:Provider) WHERE ${visibleWhere('p')} | p.id]) END AS owner,
       ${locationCountry('s')} AS supplierCountry
     ORDER BY dependency`,
    { country, ...clearanceParam(vis) },
  );
}

/* ---------------------------------------------------------------- misc */

/** Counts of what `vis` may see, and how many nodes and dependencies it may not (a count, never which). */
export async function graphStats(tx: Tx, vis: Visibility): Promise<{
  nodesByKind: { kind: NodeKind; count: number }[];
  dependencyCount: number;
  hiddenNodes: number;
  hiddenDependencies: number;
}> {
  const nodesByKind: { kind: NodeKind; count: number }[] = [];
  const rows = await tx.run(
    `UNWIND $kinds AS kind
     CALL (kind) { MATCH (n:${ENTITY_LABEL}) WHERE kind IN labels(n)
       RETURN count(CASE WHEN ${visibleWhere('n')} THEN 1 END) AS count, count(n) AS all }
     RETURN kind, count, all`,
    { kinds: [...NODE_KINDS], ...clearanceParam(vis) },
  );
  let hiddenNodes = 0;
  for (const r of rows) {
    nodesByKind.push({ kind: r.kind as NodeKind, count: Number(r.count) });
    hiddenNodes += Number(r.all) - Number(r.count);
  }
  const deps = await tx.run(
    `MATCH (a)-[r:${REL.DEPENDS_ON}]->(b) RETURN count(CASE WHEN ${DEPENDENCY_VISIBLE} THEN 1 END) AS count, count(r) AS all`,
    clearanceParam(vis),
  );
  const dependencyCount = Number(deps[0]?.count ?? 0);
  return { nodesByKind, dependencyCount, hiddenNodes, hiddenDependencies: Number(deps[0]?.all ?? 0) - dependencyCount };
}

export async function searchNodes(tx: Tx, text: string, kinds: readonly NodeKind[], first: number, vis: Visibility): Promise<NodeModel[]> {
  const rows = await tx.run(
    `MATCH (n:${ENTITY_LABEL})
     WHERE (toLower(n.name) CONTAINS $text OR toLower(n.id) CONTAINS $text)
       AND any(l IN labels(n) WHERE l IN $wantedKinds) AND ${visibleWhere('n')}
     WITH n ORDER BY CASE WHEN toLower(n.name) STARTS WITH $text OR toLower(n.id) STARTS WITH $text THEN 0 ELSE 1 END, n.name, n.id
     LIMIT $limit
     RETURN ${NODE_PROJECTION}`,
    { text: text.toLowerCase(), wantedKinds: [...kinds], limit: first, ...projectionParams(vis) },
  );
  return rows.map(toNodeModel);
}

/** True when the graph holds no entity node (a database to seed). */
export async function graphIsEmpty(tx: Tx): Promise<boolean> {
  const rows = await tx.run(`MATCH (n:${ENTITY_LABEL}) RETURN count(n) > 0 AS any`);
  return rows[0]?.any !== true;
}

/** Deletes every node and relationship (tests and a fresh seed only). */
export async function wipeGraph(db: GraphDb): Promise<void> {
  await db.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
}
