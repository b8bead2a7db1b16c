/**
 * Keeps the current analysis snapshot. Before an analysis it compares the
 * snapshot's version with the database's write counter (one indexed read) and
 * rebuilds when the counter has moved — also after writes by other clients.
 * Concurrent callers share one rebuild. A reader holds on to the snapshot it
 * got for the whole analysis, so it never sees a half-built or newer graph.
 *
 * When Neo4j cannot be reached, `get()` answers with the snapshot it has,
 * marked stale for the request (freshness.ts), and fails only when it has none.
 * Nothing remembers the failure: the next call checks the version again, so
 * service resumes by itself when Neo4j is back.
 */
import { UnavailableError } from '../errors';
import type { GraphDb } from '../store/driver';
import { markStale } from './freshness';
import { streamSnapshot } from '../store/snapshot-query';
import { buildSnapshot, collector } from './snapshot';
import type { Snapshot } from './snapshot';

const MAX_ATTEMPTS = 3;

/** Reads and builds a snapshot; retries when a write lands during the read. */
export async function loadSnapshot(db: GraphDb): Promise<Snapshot> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const { onRow, collected } = collector();
    await streamSnapshot(db, onRow);
    const after = await db.version();
    if (after === collected.version || attempt >= MAX_ATTEMPTS) {
      return buildSnapshot(collected, started);
    }
  }
}

export class SnapshotManager {
  private current: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;
  private readonly listeners: ((s: Snapshot) => void)[] = [];

  constructor(private readonly db: GraphDb) {}

  /** The snapshot for the database's current version, rebuilt if stale. */
  async get(): Promise<Snapshot> {
    try {
      const version = await this.db.version();
      if (this.current && this.current.version === version) return this.current;
      return await this.reload();
    } catch (error) {
      return this.fallback(error);
    }
  }

  /**
   * The snapshot in memory when Neo4j is unreachable (marking the request
   * stale); rethrows any other error, and this one when there is no snapshot yet.
   */
  fallback(error: unknown): Snapshot {
    if (!(error instanceof UnavailableError) || !this.current) throw error;
    markStale(this.current);
    return this.current;
  }

  /** The snapshot in memory, without checking the database (null before the first load). */
  peek(): Snapshot | null {
    return this.current;
  }

  /** Called with each new snapshot (e.g. to restart the linchpin sweep). */
  onChange(listener: (s: Snapshot) => void): void {
    this.listeners.push(listener);
  }

  private reload(): Promise<Snapshot> {
    if (!this.loading) {
      this.loading = loadSnapshot(this.db)
        .then((snapshot) => {
          const changed = !this.current || this.current.version !== snapshot.version;
          this.current = snapshot;
          if (changed) for (const listener of this.listeners) listener(snapshot);
          return snapshot;
        })
        .finally(() => {
          this.loading = null;
        });
    }
    return this.loading;
  }
}
