/** Helpers for integration tests: a connection to the suite's Neo4j and an in-process API server. */
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Role } from '../../graph-schema/vocabulary';
import { newApiKey } from '../../src/auth/api-keys';
import { authConfigFromEnv } from '../../src/auth/config';
import type { AuthConfig } from '../../src/auth/config';
import { startServer } from '../../src/api/server';
import { insertApiKey, upsertOrganisation, upsertUser } from '../../src/store/access';
import { prepareDatabase } from '../../src/cli/seed-db';
import { AnalysisService } from '../../src/services/analysis/analysis-service';
import { wipeGraph } from '../../src/store/graph-queries';
import type { RunningServer } from '../../src/api/server';
import { connect } from '../../src/store/driver';
import type { GraphDb } from '../../src/store/driver';

/**
 * Puts the suite's database back as the global setup left it: wiped, seeded,
 * the incident replays stored. For tests that write freely (the fuzzer).
 */
export async function resetDatabase(db: GraphDb): Promise<void> {
  await wipeGraph(db);
  await prepareDatabase(db, { seed: 'always' });
  const analysis = new AnalysisService(db, { workers: 0 });
  try {
    await analysis.ensureIncidentScenarios();
  } finally {
    analysis.close();
  }
}

export function testDb(): GraphDb {
  return connect(inject('neo4j'));
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  data?: T | null;
  /** Set by the server, e.g. `{ stale: true, snapshotVersion, snapshotBuiltAt }` while Neo4j is down. */
  extensions?: Record<string, unknown>;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; details?: { path?: string; message: string }[] } }[];
}

export interface GqlOptions {
  /** The bearer credential (an API key or a token); default the suite administrator's key; null: none. */
  credential?: string | null;
}

export interface TestUser {
  id: string;
  roles: Role[];
  organisation?: string | null;
  name?: string;
}

/** Auth settings for a test server: sign-in on, a fresh HS256 secret, no identity provider. */
export function testAuthConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  return { ...authConfigFromEnv({}, () => randomBytes(32)), ...overrides };
}

/** Stores (or updates) a user with its organisations and returns a new API key for it. */
export async function testUserKey(db: GraphDb, user: TestUser, organisations: { id: string; memberOf?: string | null }[] = []): Promise<string> {
  for (const org of organisations) await upsertOrganisation(db, { id: org.id, name: org.id, memberOf: org.memberOf ?? null });
  await upsertUser(db, { id: user.id, name: user.name ?? user.id, organisation: user.organisation ?? null, roles: user.roles });
  const key = await newApiKey();
  await db.write((tx) => insertApiKey(tx, { id: key.id, userId: user.id, name: 'test', createdAt: new Date().toISOString(), salt: key.salt, hash: key.hash }), {
    countsAsModelWrite: false,
  });
  return key.key;
}

export interface TestApi {
  server: RunningServer;
  db: GraphDb;
  /** The suite administrator's API key (user `test-admin`, no organisation). */
  adminKey: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GraphqlResponse<T>>;
  /** A raw HTTP request to the server (path like `/graphql`), as the administrator unless `authorization` is given; for status codes and headers. */
  http(path: string, init?: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawRequest {
  method?: string;
  /** Any headers, Host included (fetch would not send a chosen Host). */
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTP/1.1 request with node:http, so that every header, Host included, is sent as given. */
export function rawRequest(url: string, init: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // A server may answer (413) and close before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(init.body);
  });
}

/**
 * With `warm`, the server first computes what npm start computes before serving (snapshot, centrality, whole-model layout).
 * With `db`, the server uses that database (e.g. the fault tests' own instance) instead of the suite's; `close` closes it too.
 * With `analysis`, the server uses that service (e.g. one with small pool or job limits); the caller closes it.
 */
export async function startTestApi(options: { warm?: boolean; env?: NodeJS.ProcessEnv; db?: GraphDb; analysis?: AnalysisService } = {}): Promise<TestApi> {
  const db = options.db ?? testDb();
  let analysis: AnalysisService | undefined = options.analysis;
  if (options.warm) {
    analysis = new AnalysisService(db);
    await (await analysis.warmUp()).layout;
  }
  const server = await startServer(db, 0, undefined, analysis, { env: { ...process.env, ...options.env }, auth: testAuthConfig() });
  const adminKey = await testUserKey(db, { id: 'test-admin', roles: ['ADMIN'] });
  return {
    server,
    db,
    adminKey,
    async gql(query, variables = {}, options = {}) {
      const credential = options.credential === undefined ? adminKey : options.credential;
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphqlResponse<never>;
    },
    http: (path, init = {}) => rawRequest(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${adminKey}`, ...init.headers } }),
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
