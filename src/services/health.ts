/**
 * What `/health` reports: whether Neo4j answers (one shared, time-bounded
 * ping, reused for a second, so that a load balancer polling it costs Neo4j
 * next to nothing), since when it has been up or down, and the analysis
 * snapshot reads are served from — with its age, which is what "possibly
 * stale" means while Neo4j is down. HTTP 503 while Neo4j is down.
 */
import type { Snapshot } from '../projection/snapshot';
import type { GraphDb } from '../store/driver';

export interface HealthReport {
  status: 'ok' | 'degraded';
  api: { status: 'up' };
  neo4j: {
    status: 'up' | 'down';
    uri: string;
    /** When Neo4j was last found to have come up or gone down (ISO time). */
    since: string;
    latencyMs: number | null;
    /** The database's write version (when up): compare with the snapshot's. */
    version?: number;
    error?: string;
  };
  /** The snapshot in memory (null before the first one is built). */
  snapshot: {
    version: number;
    builtAt: string;
    ageSeconds: number;
    /** True while reads and analyses are answered from it because Neo4j is down. */
    servingStale: boolean;
  } | null;
}

export async function health(db: GraphDb, snapshot: Snapshot | null, now = Date.now()): Promise<{ httpStatus: number; report: HealthReport }> {
  const neo4j = await db.ping();
  const report: HealthReport = {
    status: neo4j.up ? 'ok' : 'degraded',
    api: { status: 'up' },
    neo4j: {
      status: neo4j.up ? 'up' : 'down',
      uri: db.config.uri,
      since: neo4j.since,
      latencyMs: neo4j.latencyMs,
      ...(neo4j.up ? { version: neo4j.version ?? undefined } : { error: neo4j.error ?? 'unreachable' }),
    },
    snapshot: snapshot && {
      version: snapshot.version,
      builtAt: snapshot.builtAt,
      ageSeconds: Math.max(0, Math.round((now - Date.parse(snapshot.builtAt)) / 1000)),
      servingStale: !neo4j.up,
    },
  };
  return { httpStatus: neo4j.up ? 200 : 503, report };
}
