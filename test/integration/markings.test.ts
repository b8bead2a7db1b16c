/**
 * TLP 2.0 markings through every read and analysis, with real callers of
 * different organisations (graph-schema/README.md, "Markings"). The graph:
 *
 *   fn:tlp-fn (GREEN) ──DEPENDS_ON──▶ prov:tlp-red (RED, shared with user tlp-alice)
 *        │                                  │
 *        │ (AMBER, org:tlp-alpha)           └──DEPENDS_ON──▶ prov:tlp-origin (CLEAR)
 *        ▼
 *   prov:tlp-amber (AMBER to org:tlp-alpha)   prov:tlp-strict (AMBER_STRICT to org:tlp-alpha)
 *
 * alice (org:tlp-alpha, named on the RED node) sees all; amy (org:tlp-alpha-unit, a member of
 * org:tlp-alpha) sees AMBER but not AMBER_STRICT or RED; bob (org:tlp-beta) sees only CLEAR/GREEN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, testUserKey } from './db';
import type { GqlOptions, TestApi } from './db';

let api: TestApi;
const key: Record<'alice' | 'amy' | 'bob', string> = { alice: '', amy: '', bob: '' };
const IDS = ['fn:tlp-fn', 'prov:tlp-red', 'prov:tlp-origin', 'prov:tlp-amber', 'prov:tlp-strict'];
const src = { source: 'https://example.org/tlp-test', illustrative: true };

async function ok<T>(query: string, variables: Record<string, unknown> = {}, options: GqlOptions = {}): Promise<T> {
  const r = await api.gql<T>(query, variables, options);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
}
const as = (who: keyof typeof key): GqlOptions => ({ credential: key[who] });

beforeAll(async () => {
  api = await startTestApi();
  const orgs = [{ id: 'org:tlp-alpha' }, { id: 'org:tlp-alpha-unit', memberOf: 'org:tlp-alpha' }, { id: 'org:tlp-beta' }];
  key.alice = await testUserKey(api.db, { id: 'tlp-alice', roles: ['RISK'], organisation: 'org:tlp-alpha' }, orgs);
  key.amy = await testUserKey(api.db, { id: 'tlp-amy', roles: ['RISK'], organisation: 'org:tlp-alpha-unit' });
  key.bob = await testUserKey(api.db, { id: 'tlp-bob', roles: ['RISK'], organisation: 'org:tlp-beta' });
  await api.db.write((tx) => tx.run('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: IDS }));
  for (const id of ['prov:tlp-red', 'prov:tlp-origin', 'prov:tlp-amber', 'prov:tlp-strict']) {
    await ok('mutation($i: ProviderInput!) { createProvider(input: $i) { id } }', { i: { id, name: `TLP test ${id}`, providerKind: 'MANAGED_SERVICE_PROVIDER', headquarters: 'NO', provenance: src } });
  }
  await ok('mutation($i: CriticalFunctionInput!) { createCriticalFunction(input: $i) { id } }', {
    i: { id: 'fn:tlp-fn', name: 'TLP test function', sector: 'HEALTH', country: 'NO', importance: 0.9, provenance: src },
  });
  const dep = (id: string, dependent: string, supplier: string) =>
    ok('mutation($i: DependencyInput!) { createDependency(input: $i) { id } }', { i: { id, dependent, supplier, type: 'CYBER', channel: 'MANAGED_SERVICE', strength: 1, provenance: src } });
  await dep('dep:tlp-fn-red', 'fn:tlp-fn', 'prov:tlp-red');
  await dep('dep:tlp-red-origin', 'prov:tlp-red', 'prov:tlp-origin');
  await dep('dep:tlp-fn-amber', 'fn:tlp-fn', 'prov:tlp-amber');
  // Markings set in the store as an import would (the write API's marking rules have their own tests).
  await api.db.write(async (tx) => {
    await tx.run("MATCH (n:Entity {id: 'prov:tlp-red'}) SET n.tlp = 'RED', n.sharedWithUsers = ['tlp-alice']");
    await tx.run("MATCH (n:Entity {id: 'prov:tlp-amber'}) SET n.tlp = 'AMBER', n.sharedWith = ['org:tlp-alpha']");
    await tx.run("MATCH (n:Entity {id: 'prov:tlp-strict'}) SET n.tlp = 'AMBER_STRICT', n.sharedWith = ['org:tlp-alpha']");
    await tx.run("MATCH ()-[r:DEPENDS_ON {id: 'dep:tlp-fn-amber'}]->() SET r.tlp = 'AMBER', r.sharedWith = ['org:tlp-alpha']");
    await tx.run("MATCH (n:Entity {id: 'fn:tlp-fn'}) SET n.tlp = 'GREEN'");
  });
}, 120_000);

afterAll(async () => {
  await api.db.write((tx) => tx.run('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: IDS }));
  await api.close();
});

describe('TLP markings in reads', () => {
  it('node and nodes: each caller sees exactly what TLP 2.0 allows', async () => {
    const seen = async (who: keyof typeof key) =>
      (await ok<{ nodes: ({ id: string } | null)[] }>('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: IDS }, as(who))).nodes.map((n) => n?.id ?? null);
    expect(await seen('alice')).toEqual(IDS);
    expect(await seen('amy')).toEqual(['fn:tlp-fn', null, 'prov:tlp-origin', 'prov:tlp-amber', null]);
    expect(await seen('bob')).toEqual(['fn:tlp-fn', null, 'prov:tlp-origin', null, null]);
    // The suite administrator has no organisation and is named nowhere: roles never widen what TLP allows.
    expect(await seen('alice')).not.toEqual((await ok<{ nodes: ({ id: string } | null)[] }>('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: IDS })).nodes.map((n) => n?.id ?? null));
  });

  it('lists, search, dependencies, neighbourhoods and paths leave hidden elements out', async () => {
    const providers = async (who: keyof typeof key) =>
      (await ok<{ providers: { totalCount: number; nodes: { id: string }[] } }>('{ providers(first: 500) { totalCount nodes { id } } }', {}, as(who))).providers;
    const [pa, pb] = [await providers('alice'), await providers('bob')];
    expect(pa.totalCount - pb.totalCount).toBe(3);
    expect(pb.nodes.map((n) => n.id).filter((id) => id.startsWith('prov:tlp-'))).toEqual(['prov:tlp-origin']);

    const search = async (who: keyof typeof key) => (await ok<{ search: { id: string }[] }>('{ search(text: "tlp-", first: 50) { id } }', {}, as(who))).search.map((n) => n.id).sort();
    expect(await search('alice')).toEqual([...IDS].sort());
    expect(await search('bob')).toEqual(['fn:tlp-fn', 'prov:tlp-origin']);

    const deps = async (who: keyof typeof key) =>
      (await ok<{ dependencies: { nodes: { id: string }[] } }>('{ dependencies(filter: { dependents: ["fn:tlp-fn"] }, first: 50) { nodes { id } } }', {}, as(who))).dependencies.nodes.map((d) => d.id);
    expect(await deps('alice')).toEqual(['dep:tlp-fn-amber', 'dep:tlp-fn-red']);
    expect(await deps('amy')).toEqual(['dep:tlp-fn-amber']);
    expect(await deps('bob')).toEqual([]);

    const hood = async (who: keyof typeof key) =>
      (await ok<{ neighbourhood: { nodes: { id: string }[] } }>('{ neighbourhood(id: "fn:tlp-fn", direction: DEPENDENCIES, depth: 3) { nodes { id } } }', {}, as(who))).neighbourhood.nodes.map((n) => n.id).sort();
    expect(await hood('alice')).toEqual(['prov:tlp-amber', 'prov:tlp-origin', 'prov:tlp-red']);
    expect(await hood('bob')).toEqual([]);

    const path = async (who: keyof typeof key) =>
      (await ok<{ shortestDependencyPath: { length: number } | null }>('{ shortestDependencyPath(from: "fn:tlp-fn", to: "prov:tlp-origin") { length } }', {}, as(who))).shortestDependencyPath;
    expect(await path('alice')).toEqual({ length: 2 });
    expect(await path('bob')).toBeNull();

    // The visible provider's dependents stop at the hidden one; a dependency with a hidden end is not there.
    const dependents = await ok<{ neighbourhood: { nodes: { id: string }[] } }>('{ neighbourhood(id: "prov:tlp-origin", direction: DEPENDENTS, depth: 3) { nodes { id } } }', {}, as('bob'));
    expect(dependents.neighbourhood.nodes.map((n) => n.id).filter((id) => id.startsWith('prov:tlp-') || id.startsWith('fn:tlp-'))).toEqual([]);
    const edge = async (who: keyof typeof key) => (await ok<{ dependency: { id: string } | null }>('{ dependency(id: "dep:tlp-red-origin") { id } }', {}, as(who))).dependency;
    expect(await edge('alice')).toEqual({ id: 'dep:tlp-red-origin' });
    expect(await edge('bob')).toBeNull();
  });

  it('graphStats counts only what the caller sees and says how much is hidden', async () => {
    const stats = async (who: keyof typeof key) =>
      (await ok<{ graphStats: { dependencyCount: number; hiddenNodes: number; hiddenDependencies: number; nodesByKind: { kind: string; count: number }[] } }>(
        '{ graphStats { dependencyCount hiddenNodes hiddenDependencies nodesByKind { kind count } } }', {}, as(who))).graphStats;
    const [a, b] = [await stats('alice'), await stats('bob')];
    expect(b.hiddenNodes - a.hiddenNodes).toBe(3);
    expect(b.hiddenDependencies - a.hiddenDependencies).toBe(3);
    expect(a.dependencyCount - b.dependencyCount).toBe(3);
  });
});

describe('TLP markings in analyses', () => {
  const BLAST = `query($i: BlastRadiusInput!) { blastRadius(input: $i) { hiddenByClearance { nodes dependencies } affected { node { id } } totals { functionsLost } } }`;
  type Blast = { blastRadius: { hiddenByClearance: { nodes: number; dependencies: number }; affected: { node: { id: string } }[]; totals: { functionsLost: number } } };

  it('a RED provider never appears in another organisation’s blast radius; the totals only say that something was hidden', async () => {
    const input = { i: { origins: ['prov:tlp-origin'], durationHours: 72 } };
    const alice = (await ok<Blast>(BLAST, input, as('alice'))).blastRadius;
    const bob = (await ok<Blast>(BLAST, input, as('bob'))).blastRadius;
    const ids = (b: Blast['blastRadius']) => b.affected.map((a) => a.node.id).sort();
    expect(ids(alice)).toEqual(['fn:tlp-fn', 'prov:tlp-origin', 'prov:tlp-red']);
    // Through the hidden provider nothing reaches bob's visible function either: the path itself is hidden.
    expect(ids(bob)).toEqual(['prov:tlp-origin']);
    expect(alice.totals.functionsLost).toBe(1);
    expect(bob.totals.functionsLost).toBe(0);
    expect(bob.hiddenByClearance.nodes - alice.hiddenByClearance.nodes).toBe(3);
    expect(bob.hiddenByClearance.dependencies - alice.hiddenByClearance.dependencies).toBe(3);
    // An origin the caller may not see is an unknown id, exactly like one that does not exist.
    const hidden = await api.gql(BLAST, { i: { origins: ['prov:tlp-red'] } }, as('bob'));
    const absent = await api.gql(BLAST, { i: { origins: ['prov:tlp-nothing'] } }, as('bob'));
    expect(hidden.errors?.[0]?.extensions?.code).toBe(absent.errors?.[0]?.extensions?.code);
    expect(hidden.errors?.[0]?.message).toBe(absent.errors?.[0]?.message.replace('prov:tlp-nothing', 'prov:tlp-red'));
  });

  it('single points of failure, centrality, linchpins and the graph view run on the caller’s visible graph', async () => {
    const spof = async (who: keyof typeof key) =>
      (await ok<{ singlePointsOfFailure: { order1: { id: string }[] } }>('{ singlePointsOfFailure(function: "fn:tlp-fn") { order1 { id } } }', {}, as(who))).singlePointsOfFailure.order1.map((n) => n.id).sort();
    expect(await spof('alice')).toEqual(['prov:tlp-amber', 'prov:tlp-origin', 'prov:tlp-red']);
    expect(await spof('amy')).toEqual(['prov:tlp-amber']);
    expect(await spof('bob')).toEqual([]);

    const central = await ok<{ centrality: { rows: { node: { id: string } }[] } }>('{ centrality(metric: IN_DEGREE, top: 1000) { rows { node { id } } } }', {}, as('bob'));
    const centralIds = central.centrality.rows.map((r) => r.node.id);
    expect(centralIds).toContain('prov:tlp-origin');
    expect(centralIds.filter((id) => ['prov:tlp-red', 'prov:tlp-amber', 'prov:tlp-strict'].includes(id))).toEqual([]);

    const view = await ok<{ graphView: { hiddenByClearance: { nodes: number }; nodes: { id: string }[]; dependencies: { id: string }[] } }>(
      '{ graphView { hiddenByClearance { nodes } nodes { id } dependencies { id } } }', {}, as('bob'));
    expect(view.graphView.nodes.map((n) => n.id).filter((id) => id.startsWith('prov:tlp-'))).toEqual(['prov:tlp-origin']);
    expect(view.graphView.dependencies.map((d) => d.id).filter((id) => id.startsWith('dep:tlp-'))).toEqual([]);

    type Ranking = { linchpins: { status: string; rows: { node: { id: string } }[]; hiddenByClearance: { nodes: number } } };
    let ranking: Ranking['linchpins'] | undefined;
    for (let i = 0; i < 240; i++) {
      ranking = (await ok<Ranking>('{ linchpins(top: 1000) { status rows { node { id } } hiddenByClearance { nodes } } }', {}, as('bob'))).linchpins;
      if (ranking.status === 'FRESH') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(ranking!.status).toBe('FRESH');
    const ranked = ranking!.rows.map((r) => r.node.id);
    expect(ranked).toContain('prov:tlp-origin');
    expect(ranked.filter((id) => ['prov:tlp-red', 'prov:tlp-amber', 'prov:tlp-strict'].includes(id))).toEqual([]);
  }, 150_000);

  it('a saved scenario is re-checked against its reader’s clearance: recomputed on the reader’s graph, or absent when its origin is hidden', async () => {
    type Saved = { saveScenario: { id: string; recomputedForClearance: boolean; result: { affected: { node: { id: string } }[] } } };
    const save = (origins: string[]) =>
      ok<Saved>(
        'mutation($n: String!, $o: [ID!]!) { saveScenario(input: { name: $n, author: "alice", analysis: { origins: $o, durationHours: 72 } }) { id recomputedForClearance result { affected { node { id } } } } }',
        { n: `tlp ${origins.join(' ')} ${Date.now()}`, o: origins },
        as('alice'),
      );
    const fromOrigin = (await save(['prov:tlp-origin'])).saveScenario;
    expect(fromOrigin.recomputedForClearance).toBe(false);
    expect(fromOrigin.result.affected.map((a) => a.node.id).sort()).toEqual(['fn:tlp-fn', 'prov:tlp-origin', 'prov:tlp-red']);
    // The administrator may read every scenario, but sees neither the RED nor the AMBER elements.
    const read = (
      await ok<{ scenario: { recomputedForClearance: boolean; result: { affected: { node: { id: string } }[] } } }>(
        'query($id: ID!) { scenario(id: $id) { recomputedForClearance result { affected { node { id } } } } }',
        { id: fromOrigin.id },
      )
    ).scenario;
    expect(read.recomputedForClearance).toBe(true);
    expect(read.result.affected.map((a) => a.node.id)).toEqual(['prov:tlp-origin']);
    const fromRed = (await save(['prov:tlp-red'])).saveScenario;
    const hidden = await api.gql('query($id: ID!) { scenario(id: $id) { id } }', { id: fromRed.id });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const listed = (await ok<{ scenarios: { id: string }[] }>('{ scenarios(first: 500) { id } }')).scenarios.map((s) => s.id);
    expect(listed).toContain(fromOrigin.id);
    expect(listed).not.toContain(fromRed.id);
    await api.db.write((tx) => tx.run('MATCH (s:Scenario) WHERE s.id IN $ids DELETE s', { ids: [fromOrigin.id, fromRed.id] }), { countsAsModelWrite: false });
  });
});
