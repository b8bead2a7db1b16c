/**
 * Keeps the current analysis snapshot. Before an analysis it compares the
 * snapshot's version with the database's write counter (one indexed read) and
 * rebuilds when the counter has moved — also after writes by other clients.
 * Concurrent callers share one rebuild. A reader holds on to the snapshot it
 * got for the whole analysis, so it never sees a half-built or newer graph.
 */
import type { GraphDb } from '../store/driver';
import { streamSnapshot } from '../store/snapshot-query';
import { buildSnapshot, collector } from './snapshot';
import type { Collected, Snapshot } from './snapshot';

/** The rows a snapshot was built from: what the analysis pool sends its workers, once per version. */
export type SnapshotSource = Collected;
const sources = new WeakMap<Snapshot, SnapshotSource>();

/** The rows `snapshot` was built from, when it came from `loadSnapshot` (kept as long as the snapshot is). */
export function sourceOf(snapshot: Snapshot): SnapshotSource | undefined {
  return sources.get(snapshot);
}

const MAX_ATTEMPTS = 3;

/** Reads and builds a snapshot; retries when a write lands during the read. */
export async function loadSnapshot(db: GraphDb): Promise<Snapshot> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const { onRow, collected } = collector();
    await streamSnapshot(db, onRow);
    const after = await db.version();
    if (after === collected.version || attempt >= MAX_ATTEMPTS) {
      const snapshot = buildSnapshot(collected, started);
      sources.set(snapshot, collected);
      return snapshot;
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
    const version = await this.db.version();
    if (this.current && this.current.version === version) return this.current;
    return this.reload();
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
