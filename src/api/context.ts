/**
 * Per-request context: the database and DataLoaders that batch node look-ups,
 * so that a request costs one Cypher round trip per nesting level, never one
 * per item (no N+1). When Neo4j is unreachable they answer from the last
 * snapshot (services/snapshot-reads.ts), and the response says it is stale.
 */
import DataLoader from 'dataloader';
import type { Caller } from '../auth/caller';
import { clearanceOf } from '../auth/clearance';
import type { Clearance } from '../auth/clearance';
import type { Snapshot } from '../projection/snapshot';
import type { AccessService } from '../services/access';
import type { AnalysisService } from '../services/analysis/analysis-service';
import { SnapshotFallback, dependenciesFromSnapshot, nodesFromSnapshot, relatedFromSnapshot } from '../services/snapshot-reads';
import type { GraphDb } from '../store/driver';
import { dependenciesByIds, nodesByIds, relatedIds } from '../store/graph-queries';
import type { DependencyModel, NodeModel } from '../store/models';

export interface ApiContext {
  /** Who is asking (src/auth): roles for access, organisation and id for TLP markings. */
  caller: Caller;
  /** What the caller may see (TLP): every read and analysis applies it. */
  clearance: Clearance;
  db: GraphDb;
  analysis: AnalysisService;
  access: AccessService;
  /** Serves a read from the last snapshot, with this caller's clearance, when Neo4j is unreachable. */
  fallback: SnapshotFallback;
  nodes: DataLoader<string, NodeModel | null>;
  dependencies: DataLoader<string, DependencyModel | null>;
  /** Key: `${relType}|${'out'|'in'}|${id}` → related ids. */
  related: DataLoader<string, string[]>;
  /** The analysis snapshot for this request: checked against the database once, however many fields ask. */
  snapshot(): Promise<Snapshot>;
}

export function createContext(db: GraphDb, analysis: AnalysisService, access: AccessService, caller: Caller): ApiContext {
  let snapshot: Promise<Snapshot> | null = null;
  const clearance = clearanceOf(caller);
  const fallback = new SnapshotFallback(analysis.snapshots, clearance);
  return {
    caller,
    clearance,
    db,
    analysis,
    access,
    fallback,
    snapshot: () => (snapshot ??= analysis.snapshot()),
    nodes: new DataLoader(async (ids) => {
      const found = await fallback.run(
        () => db.read((tx) => nodesByIds(tx, ids, clearance)),
        (s, c) => nodesFromSnapshot(s, ids, c),
      );
      return ids.map((id) => found.get(id) ?? null);
    }),
    dependencies: new DataLoader(async (ids) => {
      const found = await fallback.run(
        () => db.read((tx) => dependenciesByIds(tx, ids, clearance)),
        (s, c) => dependenciesFromSnapshot(s, ids, c),
      );
      return ids.map((id) => found.get(id) ?? null);
    }),
    related: new DataLoader(async (keys) => {
      const groups = new Map<string, string[]>();
      for (const key of keys) {
        const [rel, dir, id] = key.split('|') as [string, string, string];
        const group = `${rel}|${dir}`;
        groups.set(group, [...(groups.get(group) ?? []), id]);
      }
      const results = new Map<string, string[]>();
      const fromStore = () =>
        db.read(async (tx) => {
          for (const [group, ids] of groups) {
            const [rel, dir] = group.split('|') as [string, 'out' | 'in'];
            const found = await relatedIds(tx, rel, dir, ids, clearance);
            for (const id of ids) results.set(`${group}|${id}`, found.get(id) ?? []);
          }
        });
      await fallback.run(fromStore, (s, clearance) => {
        for (const [group, ids] of groups) {
          const [rel, dir] = group.split('|') as [string, 'out' | 'in'];
          const found = relatedFromSnapshot(s, rel, dir, ids, clearance);
          for (const id of ids) results.set(`${group}|${id}`, found.get(id) ?? []);
        }
      });
      return keys.map((k) => results.get(k) ?? []);
    }),
  };
}

/** Loads nodes by id, dropping ids that no longer exist. */
export async function loadNodes(ctx: ApiContext, ids: readonly string[]): Promise<NodeModel[]> {
  const nodes = await ctx.nodes.loadMany(ids);
  return nodes.filter((n): n is NodeModel => n !== null && !(n instanceof Error));
}

/** Loads nodes by id into a map by id (ids that no longer exist are absent). */
export async function loadNodeMap(ctx: ApiContext, ids: readonly string[]): Promise<Map<string, NodeModel>> {
  return new Map((await loadNodes(ctx, ids)).map((n) => [n.id, n]));
}

/** Loads dependencies by id, in order, dropping ids that no longer exist. */
export async function loadDependencies(ctx: ApiContext, ids: readonly string[]): Promise<DependencyModel[]> {
  const found = await ctx.dependencies.loadMany(ids);
  return found.filter((d): d is DependencyModel => d !== null && !(d instanceof Error));
}
