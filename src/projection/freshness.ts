/**
 * Whether a request was answered from the last snapshot because Neo4j could
 * not be reached. Each API request runs inside `withFreshness`; whatever serves
 * it from the snapshot (the snapshot manager, the snapshot reads) calls
 * `markStale`, and the server adds `extensions.stale` to the response. An
 * AsyncLocalStorage carries the mark, so that the analyses, which take their
 * snapshot deep inside the analysis service, need no extra parameter
 * (docs/decisions/0010-neo4j-faults-stale-reads.md).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Snapshot } from './snapshot';

export interface Freshness {
  /** Set when any part of the answer came from the in-memory snapshot while Neo4j was unreachable. */
  stale: { snapshotVersion: number; snapshotBuiltAt: string } | null;
}

const storage = new AsyncLocalStorage<Freshness>();

/** Runs `fn` with a fresh mark; returns its value and the mark. */
export async function withFreshness<T>(fn: () => Promise<T>): Promise<{ value: T; freshness: Freshness }> {
  const freshness: Freshness = { stale: null };
  const value = await storage.run(freshness, fn);
  return { value, freshness };
}

/** The mark of the request being served (undefined outside a request, e.g. at start or in a test). */
export function currentFreshness(): Freshness | undefined {
  return storage.getStore();
}

/** Records that the current request is being answered from `snapshot` while Neo4j is unreachable. */
export function markStale(snapshot: Snapshot): void {
  const freshness = storage.getStore();
  if (freshness) freshness.stale = { snapshotVersion: snapshot.version, snapshotBuiltAt: snapshot.builtAt };
}
