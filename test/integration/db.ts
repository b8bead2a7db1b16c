/** Helpers for integration tests: a connection to the suite's Neo4j and an in-process API server. */
import { inject } from 'vitest';
import { startServer } from '../../src/api/server';
import { AnalysisService } from '../../src/services/analysis/analysis-service';
import type { RunningServer } from '../../src/api/server';
import { connect } from '../../src/store/driver';
import type { GraphDb } from '../../src/store/driver';

export function testDb(): GraphDb {
  return connect(inject('neo4j'));
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  data?: T | null;
  /** Set by the server, e.g. `{ stale: true, snapshotVersion, snapshotBuiltAt }` while Neo4j is down. */
  extensions?: Record<string, unknown>;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; details?: { path?: string; message: string }[] } }[];
}

export interface TestApi {
  server: RunningServer;
  db: GraphDb;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
  close(): Promise<void>;
}

/**
 * With `warm`, the server first computes what npm start computes before serving (snapshot, centrality, whole-model layout).
 * With `db`, the server uses that database (e.g. the fault tests' own instance) instead of the suite's; `close` closes it too.
 */
export async function startTestApi(options: { warm?: boolean; db?: GraphDb } = {}): Promise<TestApi> {
  const db = options.db ?? testDb();
  let analysis: AnalysisService | undefined;
  if (options.warm) {
    analysis = new AnalysisService(db);
    await (await analysis.warmUp()).layout;
  }
  const server = await startServer(db, 0, undefined, analysis);
  return {
    server,
    db,
    async gql(query, variables = {}) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphqlResponse<never>;
    },
    async close() {
      await server.close();
      await db.close();
    },
  };
}

/** A plain HTTP request to a running server (e.g. GET /health, or an API in a child process), for what `gql` does not cover. */
export async function httpRequest(
  server: { url: string },
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
  });
  return { status: res.status, body: await res.text() };
}
