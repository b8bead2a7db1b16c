/**
 * Neo4j stopped and started again under a running API. The test uses its own
 * Neo4j instance (`faults`, ports 7689/7476: never the suite's shared one),
 * seeded like the suite's. While it is down: /health answers 503 and says
 * since when; a node read, a list, a search, a dependency, a neighbourhood, a
 * path, a blast radius and the graph view still answer, from the last snapshot, with `extensions.stale`;
 * a write gets UNAVAILABLE promptly. When it is back: /health 200, a write
 * succeeds and nothing is stale — without restarting the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localOptions, startLocalNeo4j, stopLocalNeo4j } from '../../neo4j-launcher/launcher';
import { resolveNeo4j } from '../../src/cli/neo4j-target';
import { prepareDatabase } from '../../src/cli/seed-db';
import { connect } from '../../src/store/driver';
import type { GraphqlResponse, TestApi } from './db';
import { httpRequest, startTestApi } from './db';

const options = localOptions('faults');
let api: TestApi;
/** Each change of Neo4j's availability the driver reported (what npm start logs). */
const changes: boolean[] = [];

const NODE = `{ node(id: "prov:aws") { id name ... on Provider { headquarters { id } facilities { id } } } }`;
const LIST = `{ providers(first: 3) { totalCount nodes { id name } } }`;
const SEARCH = `{ search(text: "amazon", first: 5) { id } }`;
const DEPENDENCIES = `{ dependencies(first: 2) { totalCount nodes { id dependent { id } supplier { id } } } }`;
const BLAST = `{ blastRadius(input: { origins: ["prov:aws"] }) { snapshotVersion totals { affected functionsLost } } }`;
const VIEW = `{ graphView { version nodes { id } dependencies { id } } }`;
const NEIGHBOURHOOD = `{ neighbourhood(id: "fn:de-health", depth: 2) { root { id } nodes { id } steps { depth dependency { id supplier { id } } } truncated } }`;
/** The path to the farthest node of the neighbourhood (ties between shortest paths may be broken differently: compare ends and length). */
const PATH = (to: string) => `{ shortestDependencyPath(from: "fn:de-health", to: "${to}") { length nodes { id } } }`;
const WRITE = (id: string) =>
  `mutation { createProvider(input: { id: "${id}", name: "Fault test", providerKind: CLOUD, provenance: { source: "https://example.org/faults" } }) { id } }`;

interface Health {
  status: string;
  neo4j: { status: string; since: string; error?: string };
  snapshot: { version: number; builtAt: string; ageSeconds: number; servingStale: boolean } | null;
}

const health = async () => {
  const res = await httpRequest(api.server, '/health', { timeoutMs: 10_000 });
  return { status: res.status, body: JSON.parse(res.body) as Health };
};

/** Polls /health until it reports `status` (Neo4j start takes seconds); the count of polls bounds the wait. */
async function healthUntil(status: number, polls = 120): Promise<Health> {
  for (let i = 0; i < polls; i++) {
    const h = await health();
    if (h.status === status) return h.body;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`/health never answered ${status}`);
}

/** Every answer while down: data, no errors, flagged stale with the snapshot it came from. */
function expectStale(res: GraphqlResponse, snapshotVersion: number): void {
  expect(res.errors).toBeUndefined();
  expect(res.extensions).toMatchObject({ stale: true, snapshotVersion });
  expect(typeof res.extensions!.snapshotBuiltAt).toBe('string');
}

/** Fails when `promise` has not settled after `ms`: a hang check, generous enough never to judge speed. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

type Answers = Record<string, GraphqlResponse>;
const QUERIES = { NODE, LIST, SEARCH, DEPENDENCIES, BLAST, VIEW, NEIGHBOURHOOD };
type Walk = { neighbourhood: { steps: { depth: number; dependency: { supplier: { id: string } } }[] } };
const farthest = (res: GraphqlResponse) => (res.data as Walk).neighbourhood.steps.filter((s) => s.depth === 2).at(-1)!.dependency.supplier.id;
type PathAnswer = { shortestDependencyPath: { length: number; nodes: { id: string }[] } };

async function askAll(): Promise<Answers> {
  const out: Answers = {};
  for (const [name, q] of Object.entries(QUERIES)) out[name] = await api.gql(q);
  return out;
}

describe('Neo4j stopped and restarted under a running API', () => {
  let up: Answers;
  let upPath: GraphqlResponse<PathAnswer>;

  beforeAll(async () => {
    const target = await resolveNeo4j('faults', process.env, (line) => console.log(line));
    const db = connect(target.config);
    await db.write((tx) => tx.run('MATCH (n) DETACH DELETE n'), { bulk: true });
    await prepareDatabase(db, { seed: 'always' });
    db.onAvailabilityChange((a) => changes.push(a.up));
    api = await startTestApi({ db });
    up = await askAll();
    upPath = await api.gql<PathAnswer>(PATH(farthest(up.NEIGHBOURHOOD!)));
    expect(upPath.data!.shortestDependencyPath.length).toBe(2);
  });

  afterAll(async () => {
    await api?.close();
    await stopLocalNeo4j(options);
  });

  it('answers reads, lists and analyses from the last snapshot while Neo4j is down, and refuses writes', async () => {
    for (const res of Object.values(up)) {
      expect(res.errors).toBeUndefined();
      expect(res.extensions?.stale).toBeUndefined();
    }
    const before = await health();
    expect(before.status).toBe(200);
    expect(before.body.neo4j.status).toBe('up');
    const version = before.body.snapshot!.version;

    await stopLocalNeo4j(options);

    const down = await healthUntil(503, 20);
    expect(down).toMatchObject({ status: 'degraded', neo4j: { status: 'down' }, snapshot: { version, servingStale: true } });
    expect(Date.parse(down.neo4j.since)).not.toBeNaN();
    expect(down.neo4j.error).toMatch(/not reachable|has not answered/);

    const stale = await within(30_000, askAll());
    for (const res of Object.values(stale)) expectStale(res, version);
    // The same answers as with Neo4j up (the snapshot is of the same version).
    for (const name of Object.keys(QUERIES)) expect(stale[name]!.data).toEqual(up[name]!.data);
    expect((stale.NODE!.data as { node: { facilities: unknown[] } }).node.facilities.length).toBeGreaterThan(0);
    const to = farthest(up.NEIGHBOURHOOD!);
    const [livePath, stalePath] = [upPath, await api.gql<PathAnswer>(PATH(to))];
    expectStale(stalePath, version);
    expect(stalePath.data!.shortestDependencyPath.length).toBe(livePath.data!.shortestDependencyPath.length);
    expect(stalePath.data!.shortestDependencyPath.nodes.at(-1)).toEqual({ id: to });

    const write = await within(15_000, api.gql(WRITE('prov:faults-while-down')));
    expect(write.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    expect(write.errors?.[0]?.message).toMatch(/Neo4j at bolt:\/\/127\.0\.0\.1:7689/);
    expect(write.data?.createProvider ?? null).toBeNull();

    // Incidents are not in the snapshot: said so, not answered with an empty list.
    const incidents = await api.gql(`{ incidents(first: 1) { totalCount } }`);
    expect(incidents.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
  });

  it('reconnects by itself when Neo4j is back: health OK, writes succeed, nothing stale', async () => {
    await startLocalNeo4j(options, (line) => console.log(line));
    const back = await healthUntil(200);
    expect(back.neo4j.status).toBe('up');

    const write = await api.gql<{ createProvider: { id: string } }>(WRITE('prov:faults-after-restart'));
    expect(write.errors).toBeUndefined();
    expect(write.data!.createProvider.id).toBe('prov:faults-after-restart');
    expect(write.extensions?.stale).toBeUndefined();

    const again = await askAll();
    for (const res of Object.values(again)) {
      expect(res.errors).toBeUndefined();
      expect(res.extensions?.stale).toBeUndefined();
    }
    // The analyses moved on to the new version (the write bumped it).
    const blast = again.BLAST!.data as { blastRadius: { snapshotVersion: number } };
    expect(blast.blastRadius.snapshotVersion).toBe(back.snapshot!.version + 1);
    const node = await api.gql<{ node: { id: string } | null }>(`{ node(id: "prov:faults-after-restart") { id } }`);
    expect(node.data!.node).toEqual({ id: 'prov:faults-after-restart' });
    expect(node.extensions?.stale).toBeUndefined();
    expect(changes).toEqual([false, true]);
  });
});
