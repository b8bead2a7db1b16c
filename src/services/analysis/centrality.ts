/**
 * Centrality of every node of a snapshot, computed once per snapshot version
 * (on the directed DEPENDS_ON graph, unweighted) and cached.
 */
import {
  betweennessCentrality,
  closenessCentrality,
  degreeCentrality,
  eigenvectorCentrality,
  hits,
  inDegreeCentrality,
  outDegreeCentrality,
  pagerank,
} from '../../analysis/centrality';
import type { NodeKind } from '../../../graph-schema/vocabulary';
import { KIND_CODES } from '../../analysis/propagation/types';
import { ValidationError } from '../../errors';
import type { Snapshot } from '../../projection/snapshot';

export const CENTRALITY_METRICS = [
  'IN_DEGREE',
  'OUT_DEGREE',
  'DEGREE',
  'BETWEENNESS',
  'CLOSENESS',
  'PAGERANK',
  'HUB',
  'AUTHORITY',
  'EIGENVECTOR',
] as const;
export type CentralityMetric = (typeof CENTRALITY_METRICS)[number];

export interface CentralityTable {
  version: number;
  values: Record<CentralityMetric, Float64Array>;
  betweennessExact: boolean;
  betweennessErrorBound: number | null;
}

const cache = new WeakMap<Snapshot, CentralityTable>();

/** The table of `snapshot` if it has been computed (here or in the analysis pool). */
export function cachedCentralityTable(snapshot: Snapshot): CentralityTable | undefined {
  return cache.get(snapshot);
}

/** Keeps a table computed elsewhere (an analysis worker, on its copy of the same snapshot version). */
export function cacheCentralityTable(snapshot: Snapshot, table: CentralityTable): void {
  if (table.version !== snapshot.version) throw new Error(`centrality: a table for version ${table.version} offered for snapshot ${snapshot.version}`);
  cache.set(snapshot, table);
}

export function centralityTable(snapshot: Snapshot): CentralityTable {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const csr = snapshot.csr;
  const betweenness = betweennessCentrality(csr);
  const h = hits(csr);
  const table: CentralityTable = {
    version: snapshot.version,
    values: {
      IN_DEGREE: inDegreeCentrality(csr),
      OUT_DEGREE: outDegreeCentrality(csr),
      DEGREE: degreeCentrality(csr),
      BETWEENNESS: betweenness.values,
      CLOSENESS: closenessCentrality(csr),
      PAGERANK: pagerank(csr).values,
      HUB: h.hubs,
      AUTHORITY: h.authorities,
      EIGENVECTOR: eigenvectorCentrality(csr).values,
    },
    betweennessExact: betweenness.exact,
    betweennessErrorBound: betweenness.exact ? null : betweenness.errorBound,
  };
  cache.set(snapshot, table);
  return table;
}

export const MAX_TOP = 1000;

export function checkTop(top: number | null | undefined): number {
  const t = top ?? 20;
  if (!Number.isInteger(t) || t < 1 || t > MAX_TOP) throw new ValidationError(`top must be an integer from 1 to ${MAX_TOP} (got ${t})`);
  return t;
}

export function centralityRanking(snapshot: Snapshot, metric: CentralityMetric, kinds: readonly NodeKind[] | null | undefined, top: number | null | undefined) {
  const limit = checkTop(top);
  const table = centralityTable(snapshot);
  const values = table.values[metric];
  const g = snapshot.propagation;
  const wanted = kinds && kinds.length > 0 ? new Set<string>(kinds) : null;
  const order: number[] = [];
  for (let v = 0; v < g.n; v++) if (!wanted || wanted.has(KIND_CODES[g.kind[v]!]!)) order.push(v);
  order.sort((a, b) => values[b]! - values[a]! || (g.ids[a]! < g.ids[b]! ? -1 : 1));
  return {
    metric,
    snapshotVersion: snapshot.version,
    exact: metric === 'BETWEENNESS' ? table.betweennessExact : true,
    errorBound: metric === 'BETWEENNESS' ? table.betweennessErrorBound : null,
    rows: order.slice(0, limit).map((v, i) => ({ rank: i + 1, id: g.ids[v]!, value: values[v]! })),
  };
}

export function nodeMetrics(snapshot: Snapshot, id: string) {
  const v = snapshot.propagation.index.get(id);
  if (v === undefined) return null;
  const t = centralityTable(snapshot).values;
  return {
    inDegree: t.IN_DEGREE[v]!,
    outDegree: t.OUT_DEGREE[v]!,
    degree: t.DEGREE[v]!,
    betweenness: t.BETWEENNESS[v]!,
    closeness: t.CLOSENESS[v]!,
    pagerank: t.PAGERANK[v]!,
    hub: t.HUB[v]!,
    authority: t.AUTHORITY[v]!,
    eigenvector: t.EIGENVECTOR[v]!,
  };
}
