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
  errors?: { message: string; path?: string[]; extensions?: { code?: string; details?: { path?: string; message: string }[] } }[];
}

export interface TestApi {
  server: RunningServer;
  db: GraphDb;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
  close(): Promise<void>;
}

/** With `warm`, the server first computes what npm start computes before serving (snapshot, centrality, whole-model layout). */
export async function startTestApi(options: { warm?: boolean } = {}): Promise<TestApi> {
  const db = testDb();
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

/** The stored revision of a node or dependency, as a client reads it before an update (expectedRevision). */
export async function revisionOf(api: TestApi, id: string): Promise<number> {
  const res = await api.gql<{ node: { revision: number } | null; dependency: { revision: number } | null }>(
    `query($id: ID!) { node(id: $id) { revision } dependency(id: $id) { revision } }`,
    { id },
  );
  const revision = res.data?.node?.revision ?? res.data?.dependency?.revision;
  if (revision === undefined) throw new Error(`no node or dependency '${id}' to read the revision of`);
  return revision;
}
