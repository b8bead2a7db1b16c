/**
 * Reads that walk the graph: a node's dependencies or dependents to a bounded
 * depth, the shortest dependency path, a country's dependence summary. Each is
 * one read transaction with a bounded number of Cypher statements.
 */
import { NODE_KINDS } from '../../graph-schema/vocabulary';
import type { NodeKind, Sector } from '../../graph-schema/vocabulary';
import { NotFoundError, ValidationError } from '../errors';
import type { CountrySummaryModel, NeighbourhoodModel, NodeModel, PathModel } from '../store/models';
import type { GraphDb } from '../store/driver';
import type { Visibility } from '../store/visibility';
import { NeighbourhoodWalk } from './neighbourhood-walk';
import {
  PATH_SEARCH_LIMIT,
  countryDirectDependencies,
  countryFunctionsBySector,
  dependencyLevel,
  graphStats,
  nodesByIds,
  searchNodes,
  shortestPath,
} from '../store/graph-queries';

export const MAX_NEIGHBOURHOOD_DEPTH = 6;
export const MAX_NEIGHBOURHOOD_NODES = 5000;

export async function neighbourhood(
  db: GraphDb,
  id: string,
  direction: 'DEPENDENCIES' | 'DEPENDENTS',
  depth: number,
  vis: Visibility,
): Promise<NeighbourhoodModel> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_NEIGHBOURHOOD_DEPTH) {
    throw new ValidationError(`depth must be an integer from 1 to ${MAX_NEIGHBOURHOOD_DEPTH} (got ${depth})`);
  }
  return db.read(async (tx) => {
    const root = (await nodesByIds(tx, [id], vis)).get(id);
    if (!root) throw new NotFoundError(`no node with id '${id}'`);
    const walk = new NeighbourhoodWalk(id, direction, MAX_NEIGHBOURHOOD_NODES);
    for (let level = 1; walk.more(level, depth); level++) walk.step(level, await dependencyLevel(tx, walk.frontier, direction, vis));
    const nodes = await nodesByIds(tx, walk.reached(), vis);
    return { root, direction, depth, nodes: [...nodes.values()], steps: walk.steps, truncated: walk.truncated };
  });
}

export async function dependencyPath(
  db: GraphDb,
  from: string,
  to: string,
  directed: boolean,
  maxDepth: number,
  vis: Visibility,
): Promise<PathModel | null> {
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > PATH_SEARCH_LIMIT) {
    throw new ValidationError(`maxDepth must be an integer from 1 to ${PATH_SEARCH_LIMIT} (got ${maxDepth})`);
  }
  if (from === to) throw new ValidationError(`from and to are the same node '${from}'`);
  return db.read(async (tx) => {
    const ends = await nodesByIds(tx, [from, to], vis);
    for (const id of [from, to]) if (!ends.has(id)) throw new NotFoundError(`no node with id '${id}'`);
    const path = await shortestPath(tx, from, to, directed, vis);
    if (!path || path.dependencies.length > maxDepth) return null;
    const nodes = await nodesByIds(tx, path.nodeIds, vis);
    return {
      nodes: path.nodeIds.map((nid) => nodes.get(nid)!),
      dependencies: path.dependencies,
      length: path.dependencies.length,
    };
  });
}

export async function countrySummary(db: GraphDb, countryId: string, vis: Visibility): Promise<CountrySummaryModel> {
  return db.read(async (tx) => {
    const country = (await nodesByIds(tx, [countryId], vis)).get(countryId);
    if (!country || country.kind !== 'Country') throw new NotFoundError(`no country with id '${countryId}'`);
    const sectors = await countryFunctionsBySector(tx, countryId, vis);
    const deps = await countryDirectDependencies(tx, countryId, vis);

    const owners = new Map<string, { functions: Set<string>; dependencies: number }>();
    let crossBorder = 0;
    for (const d of deps) {
      if (d.supplierCountry !== null && d.supplierCountry !== countryId) crossBorder++;
      const owner = d.owner as string | null;
      if (owner === null) continue;
      const entry = owners.get(owner) ?? { functions: new Set<string>(), dependencies: 0 };
      entry.functions.add(String(d.function));
      entry.dependencies++;
      owners.set(owner, entry);
    }
    const providerNodes = await nodesByIds(tx, [...owners.keys()], vis);
    const providers = [...owners.entries()]
      .map(([id, e]) => {
        const provider = providerNodes.get(id)!;
        return {
          provider,
          foreign: provider.refs.headquarters?.[0] !== countryId,
          functionCount: e.functions.size,
          dependencyCount: e.dependencies,
        };
      })
      .sort((a, b) => b.dependencyCount - a.dependencyCount || b.functionCount - a.functionCount || a.provider.id.localeCompare(b.provider.id));

    const byHq = new Map<string, { providers: NodeModel[]; dependencyCount: number }>();
    for (const p of providers.filter((x) => x.foreign)) {
      const hq = p.provider.refs.headquarters?.[0];
      if (!hq) continue;
      const group = byHq.get(hq) ?? { providers: [], dependencyCount: 0 };
      group.providers.push(p.provider);
      group.dependencyCount += p.dependencyCount;
      byHq.set(hq, group);
    }
    const hqNodes = await nodesByIds(tx, [...byHq.keys()], vis);
    const foreignProvidersByHeadquarters = [...byHq.entries()]
      .map(([hq, g]) => ({ country: hqNodes.get(hq)!, providers: g.providers, dependencyCount: g.dependencyCount }))
      .sort((a, b) => b.dependencyCount - a.dependencyCount || a.country.id.localeCompare(b.country.id));

    const functionsBySector = sectors.map((s) => ({
      sector: s.sector as Sector, // stored through the model's validation: a vocabulary sector
      count: Number(s.count),
      importance: Number(s.importance),
    }));
    return {
      country,
      functionsBySector,
      functionCount: functionsBySector.reduce((sum, s) => sum + s.count, 0),
      providers,
      dependencyCount: deps.length,
      crossBorderDependencyCount: crossBorder,
      crossBorderShare: deps.length === 0 ? 0 : crossBorder / deps.length,
      foreignProvidersByHeadquarters,
    };
  });
}

export async function stats(db: GraphDb, vis: Visibility) {
  const [counts, version] = await Promise.all([db.read((tx) => graphStats(tx, vis)), db.version()]);
  return { version, ...counts };
}

export async function search(db: GraphDb, text: string, kinds: readonly NodeKind[] | null | undefined, first: number, vis: Visibility) {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new ValidationError('search text must not be empty');
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new ValidationError(`first must be an integer from 1 to 100 (got ${first})`);
  }
  return db.read((tx) => searchNodes(tx, trimmed, kinds && kinds.length > 0 ? kinds : NODE_KINDS, first, vis));
}
