/**
 * Writes that never lose anything (issue 9), against the suite's real Neo4j:
 * revisions and optimistic concurrency under concurrent updates, creates of
 * one id racing, the atomic batch, separate writes in one document, forced
 * delete, markings on writes, and the audit entries of every write. Ids are
 * prefixed `t-wr-` and removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/auth/caller';
import { listAudit } from '../../src/store/audit';
import type { AuditEntry } from '../../src/store/audit';
import { createNode, updateNode } from '../../src/services/node-writes';
import { revisionOf, startTestApi, testUserKey } from './db';
import type { GqlOptions, GraphqlResponse, TestApi } from './db';

let api: TestApi;
const SOURCE = { source: 'https://example.org/t-wr' };

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.db.write((tx) => tx.run(`MATCH (n:Entity) WHERE n.id CONTAINS 't-wr-' DETACH DELETE n`));
  await api.close();
});

const codes = (res: GraphqlResponse) => (res.errors ?? []).map((e) => e.extensions?.code);
const version = () => api.db.version();

async function ok<T>(query: string, variables: Record<string, unknown> = {}, options: GqlOptions = {}): Promise<T> {
  const res = await api.gql<T>(query, variables, options);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const CREATE_PROVIDER = `mutation($input: ProviderInput!) { createProvider(input: $input) { id revision name } }`;
const UPDATE_PROVIDER = `mutation($id: ID!, $rev: Int!, $input: ProviderInput!) {
  updateProvider(id: $id, expectedRevision: $rev, input: $input) { id revision name website threshold headquarters { id } } }`;
const provider = (id: string, extra: Record<string, unknown> = {}) => ({
  input: { id, name: id, providerKind: 'CLOUD', headquarters: 'NL', provenance: SOURCE, ...extra },
});

const auditOf = (target: string): Promise<AuditEntry[]> => listAudit(api.db, { target, first: 100 });
const parsed = (json: string | null) => (json === null ? null : (JSON.parse(json) as Record<string, unknown>));

describe('revisions', () => {
  it('start at 1, move by one on a real change, stay on a no-op, and a stale expectedRevision gets CONFLICT naming the current one', async () => {
    const created = await ok<{ createProvider: { revision: number } }>(CREATE_PROVIDER, provider('prov:t-wr-rev'));
    expect(created.createProvider.revision).toBe(1);

    const changed = await ok<{ updateProvider: { revision: number; name: string } }>(UPDATE_PROVIDER, {
      id: 'prov:t-wr-rev', rev: 1, input: { name: 'renamed' },
    });
    expect(changed.updateProvider).toMatchObject({ revision: 2, name: 'renamed' });

    const v = await version();
    const noop = await ok<{ updateProvider: { revision: number } }>(UPDATE_PROVIDER, { id: 'prov:t-wr-rev', rev: 2, input: { name: 'renamed' } });
    expect(noop.updateProvider.revision).toBe(2);
    expect(await version()).toBe(v);

    const stale = await api.gql(UPDATE_PROVIDER, { id: 'prov:t-wr-rev', rev: 1, input: { name: 'lost?' } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.message).toMatch(/is at revision 2, not 1/);
    expect(stale.data).toEqual({ updateProvider: null });
    expect(await revisionOf(api, 'prov:t-wr-rev')).toBe(2);

    const missingRevision = await api.gql(`mutation { updateProvider(id: "prov:t-wr-rev", input: { name: "x" }) { id } }`);
    expect(codes(missingRevision)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('counts revisions on dependencies too', async () => {
    await ok(CREATE_PROVIDER, provider('prov:t-wr-dep-a'));
    await ok(CREATE_PROVIDER, provider('prov:t-wr-dep-b'));
    const dep = await ok<{ createDependency: { id: string; revision: number } }>(
      `mutation($input: DependencyInput!) { createDependency(input: $input) { id revision } }`,
      { input: { dependent: 'prov:t-wr-dep-a', supplier: 'prov:t-wr-dep-b', type: 'CYBER', channel: 'HOSTING', provenance: SOURCE } },
    );
    expect(dep.createDependency.revision).toBe(1);
    const update = `mutation($id: ID!, $rev: Int!, $s: Float!) { updateDependency(id: $id, expectedRevision: $rev, input: { strength: $s }) { revision strength } }`;
    const id = dep.createDependency.id;
    expect((await ok<{ updateDependency: { revision: number } }>(update, { id, rev: 1, s: 0.4 })).updateDependency.revision).toBe(2);
    expect((await ok<{ updateDependency: { revision: number } }>(update, { id, rev: 2, s: 0.4 })).updateDependency.revision).toBe(2);
    const stale = await api.gql(update, { id, rev: 1, s: 0.9 });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.message).toMatch(/dependency '.*' is at revision 2, not 1/);
    const staleDelete = await api.gql(`mutation($id: ID!) { deleteDependency(id: $id, expectedRevision: 1) { id } }`, { id });
    expect(codes(staleDelete)).toEqual(['CONFLICT']);
    await ok(`mutation($id: ID!) { deleteDependency(id: $id, expectedRevision: 2) { id } }`, { id });
  });
});

describe('concurrent writes', () => {
  // The case: six concurrent updates to different fields of one node all answered OK and only 2 were stored.
  it('six concurrent updates of different fields at one revision: exactly one stores, five get CONFLICT, none is lost silently', async () => {
    await ok(CREATE_PROVIDER, provider('prov:t-wr-six'));
    const inputs = [
      { name: 'six-name' },
      { website: 'https://six.example.org' },
      { threshold: 0.3 },
      { headquarters: 'DE' },
      { providerKind: 'TELECOM' },
      { provenance: { ...SOURCE, confidence: 'HIGH' } },
    ];
    const answers = await Promise.all(inputs.map((input) => api.gql(UPDATE_PROVIDER, { id: 'prov:t-wr-six', rev: 1, input })));
    const stored = answers.filter((a) => a.errors === undefined);
    const conflicts = answers.filter((a) => codes(a).join() === 'CONFLICT');
    expect(stored).toHaveLength(1);
    expect(conflicts).toHaveLength(5);
    expect(await revisionOf(api, 'prov:t-wr-six')).toBe(2);
    expect((await auditOf('prov:t-wr-six')).filter((e) => e.action === 'node.update')).toHaveLength(1);
  });

  it('six concurrent clients that re-read and retry on CONFLICT: all six fields are stored', async () => {
    await ok(CREATE_PROVIDER, provider('prov:t-wr-retry'));
    const inputs = [
      { name: 'retry-name' },
      { website: 'https://retry.example.org' },
      { threshold: 0.3 },
      { headquarters: 'DE' },
      { providerKind: 'TELECOM' },
      { parent: 'prov:t-wr-six' },
    ];
    await Promise.all(
      inputs.map(async (input) => {
        for (;;) {
          const rev = await revisionOf(api, 'prov:t-wr-retry');
          const res = await api.gql(UPDATE_PROVIDER, { id: 'prov:t-wr-retry', rev, input });
          if (res.errors === undefined) return;
          expect(codes(res)).toEqual(['CONFLICT']);
        }
      }),
    );
    const node = await ok<{ node: Record<string, unknown> }>(
      `{ node(id: "prov:t-wr-retry") { revision name threshold ... on Provider { website providerKind headquarters { id } parent { id } } } }`,
    );
    expect(node.node).toEqual({
      revision: 7,
      name: 'retry-name',
      threshold: 0.3,
      website: 'https://retry.example.org',
      providerKind: 'TELECOM',
      headquarters: { id: 'DE' },
      parent: { id: 'prov:t-wr-six' },
    });
    expect((await auditOf('prov:t-wr-retry')).filter((e) => e.action === 'node.update')).toHaveLength(6);
  });

  it('20 concurrent creates of one id: exactly one is created, 19 get CONFLICT', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.gql(CREATE_PROVIDER, provider('prov:t-wr-twenty', { name: `creator ${i}` }))),
    );
    expect(answers.filter((a) => a.errors === undefined)).toHaveLength(1);
    expect(answers.filter((a) => codes(a).join() === 'CONFLICT')).toHaveLength(19);
    const winner = answers.find((a) => a.errors === undefined)!.data as { createProvider: { name: string } };
    const stored = await ok<{ node: { name: string; revision: number } }>(`{ node(id: "prov:t-wr-twenty") { name revision } }`);
    expect(stored.node).toEqual({ name: winner.createProvider.name, revision: 1 });
    expect((await auditOf('prov:t-wr-twenty')).filter((e) => e.action === 'node.create')).toHaveLength(1);
  });

  it('20 concurrent creates of one dependency id: exactly one is created, 19 get CONFLICT', async () => {
    const create = `mutation($input: DependencyInput!) { createDependency(input: $input) { id } }`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.gql(create, {
          input: { id: 'dep:t-wr-twenty', dependent: 'prov:t-wr-six', supplier: 'prov:t-wr-retry', type: 'CYBER', channel: 'HOSTING', strength: 0.05 * (i + 1), provenance: SOURCE },
        }),
      ),
    );
    expect(answers.filter((a) => a.errors === undefined)).toHaveLength(1);
    expect(answers.filter((a) => codes(a).join() === 'CONFLICT')).toHaveLength(19);
  });
});

describe('separate writes in one document', () => {
  it('three creates in one document: the failing one is null with its error, the others answer and are stored', async () => {
    const res = await api.gql<{ a: { id: string } | null; b: { id: string } | null; c: { id: string } | null }>(
      `mutation($a: ProviderInput!, $b: ProviderInput!, $c: ProviderInput!) {
        a: createProvider(input: $a) { id } b: createProvider(input: $b) { id } c: createProvider(input: $c) { id } }`,
      { a: provider('prov:t-wr-doc-a').input, b: provider('prov:t-wr-doc-a').input, c: provider('prov:t-wr-doc-c').input },
    );
    expect(res.data).toEqual({ a: { id: 'prov:t-wr-doc-a' }, b: null, c: { id: 'prov:t-wr-doc-c' } });
    expect(codes(res)).toEqual(['CONFLICT']);
    expect(res.errors![0]!.path).toEqual(['b']);
  });
});

const APPLY = `mutation($changes: [ChangeInput!]!) { applyChanges(changes: $changes) {
  index action id revision changed node { id name } dependency { id strength } deleted { id detached { type from to } } } }`;

describe('applyChanges', () => {
  it('lands creates, updates and deletes of nodes and dependencies in one transaction, with a result per change', async () => {
    await ok(CREATE_PROVIDER, provider('prov:t-wr-b-old'));
    const v0 = await version();
    const res = await ok<{ applyChanges: Record<string, unknown>[] }>(APPLY, {
      changes: [
        { create: { provider: provider('prov:t-wr-b1').input } },
        { create: { service: { id: 'svc:t-wr-b1', name: 'B1 service', serviceKind: 'PLATFORM_SERVICE', provider: 'prov:t-wr-b1', provenance: SOURCE } } },
        { create: { dependency: { id: 'dep:t-wr-b1', dependent: 'svc:t-wr-b1', supplier: 'prov:t-wr-b-old', type: 'CYBER', channel: 'HOSTING', provenance: SOURCE } } },
        { update: { id: 'prov:t-wr-b1', expectedRevision: 1, set: { provider: { name: 'B1 renamed' } } } },
        { delete: { id: 'dep:t-wr-b1' } },
        { update: { id: 'prov:t-wr-b-old', expectedRevision: 1, set: { provider: { name: 'prov:t-wr-b-old' } } } },
      ],
    });
    expect(res.applyChanges.map((r) => [r.index, r.action, r.id, r.revision, r.changed])).toEqual([
      [0, 'CREATE', 'prov:t-wr-b1', 1, true],
      [1, 'CREATE', 'svc:t-wr-b1', 1, true],
      [2, 'CREATE', 'dep:t-wr-b1', 1, true],
      [3, 'UPDATE', 'prov:t-wr-b1', 2, true],
      [4, 'DELETE', 'dep:t-wr-b1', null, true],
      [5, 'UPDATE', 'prov:t-wr-b-old', 1, false],
    ]);
    expect(res.applyChanges[3]!.node).toEqual({ id: 'prov:t-wr-b1', name: 'B1 renamed' });
    expect(res.applyChanges[4]!.deleted).toEqual({ id: 'dep:t-wr-b1', detached: [{ type: 'DEPENDS_ON', from: 'svc:t-wr-b1', to: 'prov:t-wr-b-old' }] });
    // One transaction: the version counter moved once.
    expect(await version()).toBe(v0 + 1);
    const [batch] = await listAudit(api.db, { action: 'batch.apply', first: 1 });
    expect(parsed(batch!.after)!.changes).toHaveLength(6);
  });

  it('stores nothing when any change fails, and the error names the change and field', async () => {
    const v0 = await version();
    const audit0 = (await listAudit(api.db, { first: 1 }))[0]!.id;
    const res = await api.gql(APPLY, {
      changes: [
        { create: { provider: provider('prov:t-wr-b2').input } },
        { create: { facility: { id: 'fac:t-wr-b2', name: 'B2', facilityKind: 'DATA_CENTRE_CAMPUS', country: 'NL', operator: 'prov:t-wr-b2', latitude: 52, longitude: 5, provenance: SOURCE } } },
        { update: { id: 'prov:t-wr-b2', expectedRevision: 1, set: { provider: { threshold: 7 } } } },
      ],
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.message).toMatch(/^changes\[2\]\.update\.set\.provider: .*threshold/);
    expect(res.data).toEqual({ applyChanges: null });
    expect(await version()).toBe(v0);
    expect(await ok(`{ a: node(id: "prov:t-wr-b2") { id } b: node(id: "fac:t-wr-b2") { id } }`)).toEqual({ a: null, b: null });
    expect((await listAudit(api.db, { first: 1 }))[0]!.id).toBe(audit0);

    const stale = await api.gql(APPLY, {
      changes: [
        { create: { provider: provider('prov:t-wr-b3').input } },
        { update: { id: 'prov:t-wr-b1', expectedRevision: 1, set: { provider: { name: 'stale' } } } },
      ],
    });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.message).toMatch(/^changes\[1\]/);
    expect(await ok(`{ node(id: "prov:t-wr-b3") { id } }`)).toEqual({ node: null });

    const twoActions = await api.gql(APPLY, { changes: [{ create: { provider: provider('prov:t-wr-b4').input }, delete: { id: 'prov:t-wr-b1' } }] });
    expect(codes(twoActions)).toEqual(['BAD_USER_INPUT']);
    expect(twoActions.errors![0]!.message).toMatch(/^changes\[0\]: give exactly one field \(got create, delete\)/);
  });

  it('validates consecutive dependency creates together: a whole 2-of-2 group in one batch', async () => {
    const group = (supplier: string) => ({
      create: { dependency: { dependent: 'svc:t-wr-b1', supplier, type: 'CYBER', channel: 'HOSTING', redundancyGroup: 'hosts', minAlive: 2, provenance: SOURCE } },
    });
    const res = await ok<{ applyChanges: { id: string }[] }>(APPLY, { changes: [group('prov:t-wr-b-old'), group('prov:t-wr-six')] });
    expect(res.applyChanges).toHaveLength(2);
  });
});

const FACILITIES = `{ facilities(filter: { ids: ["fac:t-wr-fd"] }) { nodes { id operator { id } country { id } } } }`;
const SERVICES = `{ services(filter: { ids: ["svc:t-wr-fd"] }) { nodes { id provider { id } } } }`;

describe('forced delete', () => {
  it('reports and handles what it detaches; lists, the deleted id in a saved scenario, and analyses still answer', async () => {
    await ok(CREATE_PROVIDER, provider('prov:t-wr-fd'));
    await ok(CREATE_PROVIDER, provider('prov:t-wr-fd-alt'));
    await ok(CREATE_PROVIDER, provider('prov:t-wr-fd-third'));
    await ok(`mutation($input: FacilityInput!) { createFacility(input: $input) { id } }`, {
      input: { id: 'fac:t-wr-fd', name: 'FD campus', facilityKind: 'DATA_CENTRE_CAMPUS', country: 'NL', operator: 'prov:t-wr-fd', latitude: 52, longitude: 5, provenance: SOURCE },
    });
    await ok(`mutation($input: ServiceInput!) { createService(input: $input) { id } }`, {
      input: { id: 'svc:t-wr-fd', name: 'FD service', serviceKind: 'PLATFORM_SERVICE', provider: 'prov:t-wr-fd', provenance: SOURCE },
    });
    await ok(`mutation($input: CriticalFunctionInput!) { createCriticalFunction(input: $input) { id } }`, {
      input: { id: 'fn:t-wr-fd', name: 'FD function', sector: 'BANKING', country: 'NL', provenance: SOURCE },
    });
    const member = (supplier: string) => ({ dependent: 'fn:t-wr-fd', supplier, type: 'CYBER', channel: 'HOSTING', redundancyGroup: 'cloud', minAlive: 3, provenance: SOURCE });
    await ok(`mutation($inputs: [DependencyInput!]!) { createDependencies(inputs: $inputs) { id } }`, {
      inputs: [member('prov:t-wr-fd'), member('prov:t-wr-fd-alt'), member('prov:t-wr-fd-third')],
    });
    await ok(`mutation($input: SaveScenarioInput!) { saveScenario(input: $input) { id } }`, {
      input: { name: 't-wr-fd scenario', author: 'test', analysis: { origins: ['prov:t-wr-fd'] } },
    });

    const blocked = await api.gql(`mutation { deleteNode(id: "prov:t-wr-fd") { id } }`);
    expect(codes(blocked)).toEqual(['CONFLICT']);
    const forced = await ok<{ deleteNode: { detached: { type: string; from: string; to: string }[]; orphaned: { id: string; field: string }[]; adjusted: string[] } }>(
      `mutation { deleteNode(id: "prov:t-wr-fd", force: true) { id detached { type from to } orphaned { id field } adjusted } }`,
    );
    expect(forced.deleteNode.detached).toEqual([
      { type: 'DEPENDS_ON', from: 'fn:t-wr-fd', to: 'prov:t-wr-fd' },
      { type: 'HEADQUARTERED_IN', from: 'prov:t-wr-fd', to: 'NL' },
      { type: 'OFFERS', from: 'prov:t-wr-fd', to: 'svc:t-wr-fd' },
      { type: 'OPERATES', from: 'prov:t-wr-fd', to: 'fac:t-wr-fd' },
    ]);
    expect(forced.deleteNode.orphaned).toEqual([
      { id: 'fac:t-wr-fd', field: 'operator' },
      { id: 'svc:t-wr-fd', field: 'provider' },
    ]);
    expect(forced.deleteNode.adjusted).toEqual(['dep:fn.t-wr-fd--prov.t-wr-fd-alt--hosting', 'dep:fn.t-wr-fd--prov.t-wr-fd-third--hosting']);

    // Reads that ask for the deleted references answer, with null where the reference was.
    expect(await ok(FACILITIES)).toEqual({ facilities: { nodes: [{ id: 'fac:t-wr-fd', operator: null, country: { id: 'NL' } }] } });
    expect(await ok(SERVICES)).toEqual({ services: { nodes: [{ id: 'svc:t-wr-fd', provider: null }] } });
    const all = await api.gql(`{ facilities(first: 5000) { nodes { id operator { id } } } services(first: 5000) { nodes { id provider { id } } } }`);
    expect(all.errors).toBeUndefined();
    const group = await ok<{ dependencies: { nodes: { minAlive: number; revision: number }[] } }>(
      `{ dependencies(filter: { dependents: ["fn:t-wr-fd"] }) { nodes { minAlive revision } } }`,
    );
    expect(group.dependencies.nodes).toEqual([{ minAlive: 2, revision: 2 }, { minAlive: 2, revision: 2 }]);
    expect(await revisionOf(api, 'fac:t-wr-fd')).toBe(2);

    const blast = await api.gql<{ blastRadius: { totals: { affected: number } } }>(
      `{ blastRadius(input: { origins: ["prov:t-wr-fd-alt"] }) { totals { affected } } }`,
    );
    expect(blast.errors).toBeUndefined();
    expect(blast.data!.blastRadius.totals.affected).toBeGreaterThanOrEqual(1);
    // A saved scenario whose origin was deleted still reads, naming the node as no longer stored.
    const scenarios = await api.gql<{ scenarios: { name: string; result: { origins: { id: string; name: string }[]; affected: { node: { id: string } }[] } }[] }>(
      `{ scenarios { name result { origins { id name } affected { node { id } } } } }`,
    );
    expect(scenarios.errors).toBeUndefined();
    const saved = scenarios.data!.scenarios.find((s) => s.name === 't-wr-fd scenario')!;
    expect(saved.result.origins.find((o) => o.id === 'prov:t-wr-fd')).toEqual({ id: 'prov:t-wr-fd', name: 'prov:t-wr-fd (no longer stored)' });
    expect(saved.result.affected.map((a) => a.node.id)).toEqual(expect.arrayContaining(['fac:t-wr-fd', 'svc:t-wr-fd']));
    const gone = await api.gql(`{ blastRadius(input: { origins: ["prov:t-wr-fd"] }) { totals { affected } } }`);
    expect(codes(gone)).toEqual(['NOT_FOUND']);

    // Every change of the forced delete has its audit entry.
    const [del] = await auditOf('prov:t-wr-fd');
    expect(del).toMatchObject({ action: 'node.delete', after: null });
    expect(parsed(del!.before)).toMatchObject({ id: 'prov:t-wr-fd', revision: 1 });
    const [orphan] = await auditOf('fac:t-wr-fd');
    expect(orphan!.action).toBe('node.update');
    expect(parsed(orphan!.before)).toMatchObject({ operator: 'prov:t-wr-fd', revision: 1 });
    expect(parsed(orphan!.after)).toMatchObject({ revision: 2 });
    expect(parsed(orphan!.after)!.operator).toBeUndefined();
    const [edge] = await auditOf('dep:fn.t-wr-fd--prov.t-wr-fd--hosting');
    expect(edge).toMatchObject({ action: 'dependency.delete', after: null });
    const [lowered] = await auditOf('dep:fn.t-wr-fd--prov.t-wr-fd-alt--hosting');
    expect(lowered!.action).toBe('dependency.update');
    expect([parsed(lowered!.before)!.minAlive, parsed(lowered!.after)!.minAlive]).toEqual([3, 2]);

    // The orphaned facility takes a new operator with an ordinary update.
    const fixed = await ok<{ updateFacility: { operator: { id: string }; revision: number } }>(
      `mutation { updateFacility(id: "fac:t-wr-fd", expectedRevision: 2, input: { operator: "prov:t-wr-fd-alt" }) { operator { id } revision } }`,
    );
    expect(fixed.updateFacility).toEqual({ operator: { id: 'prov:t-wr-fd-alt' }, revision: 3 });
  });
});

describe('markings on writes', () => {
  const org: Caller = { via: 'token', id: 'user:t-wr-alice', name: 'Alice', organisation: 'org:t-wr-a', memberOf: ['org:t-wr-a'], roles: ['EDITOR'] };
  const other: Caller = { ...org, id: 'user:t-wr-bob', name: 'Bob', organisation: 'org:t-wr-b', memberOf: ['org:t-wr-b'] };
  const node = (id: string, provenance: Record<string, unknown>) => ({ id, name: id, providerKind: 'CLOUD', headquarters: 'NL', provenance: { ...SOURCE, ...provenance } });
  // Read back as Alice herself: the suite administrator has no organisation, so TLP hides her AMBER and RED elements from it.
  let aliceKey = '';
  beforeAll(async () => {
    aliceKey = await testUserKey(api.db, { id: org.id, name: org.name, roles: ['EDITOR'], organisation: org.organisation }, [{ id: 'org:t-wr-a' }]);
  });
  const read = async (id: string) =>
    (await ok<{ node: { provenance: { tlp: string; sharedWith: string[]; sharedWithUsers: string[] } } }>(`{ node(id: "${id}") { provenance { tlp sharedWith sharedWithUsers } } }`, {}, { credential: aliceKey })).node
      .provenance;

  it('defaults AMBER to the caller’s organisation and RED to the caller; keeps given shares; rejects shares a level does not use', async () => {
    await createNode({ db: api.db, caller: org }, 'Provider', node('prov:t-wr-amber', { tlp: 'AMBER' }));
    expect(await read('prov:t-wr-amber')).toEqual({ tlp: 'AMBER', sharedWith: ['org:t-wr-a'], sharedWithUsers: [] });
    await createNode({ db: api.db, caller: org }, 'Provider', node('prov:t-wr-red', { tlp: 'RED' }));
    expect(await read('prov:t-wr-red')).toEqual({ tlp: 'RED', sharedWith: [], sharedWithUsers: ['user:t-wr-alice'] });
    await createNode({ db: api.db, caller: org }, 'Provider', node('prov:t-wr-strict', { tlp: 'AMBER_STRICT', sharedWith: ['org:t-wr-a', 'org:t-wr-b'] }));
    expect(await read('prov:t-wr-strict')).toEqual({ tlp: 'AMBER_STRICT', sharedWith: ['org:t-wr-a', 'org:t-wr-b'], sharedWithUsers: [] });
    expect((await auditOf('prov:t-wr-amber'))[0]).toMatchObject({ actor: 'user:t-wr-alice', actorOrganisation: 'org:t-wr-a', action: 'node.create' });

    // Through the API (a caller without organisation today): AMBER needs sharedWith; shares on GREEN are meaningless.
    const noOrg = await api.gql(CREATE_PROVIDER, { input: node('prov:t-wr-amber2', { tlp: 'AMBER' }) });
    expect(codes(noOrg)).toEqual(['BAD_USER_INPUT']);
    expect(noOrg.errors![0]!.message).toMatch(/provenance\.sharedWith: a AMBER element needs sharedWith/);
    const green = await api.gql(CREATE_PROVIDER, { input: node('prov:t-wr-green', { tlp: 'GREEN', sharedWith: ['org:t-wr-a'] }) });
    expect(codes(green)).toEqual(['BAD_USER_INPUT']);
    expect(green.errors![0]!.message).toMatch(/sharedWith names organisations for AMBER and AMBER_STRICT; it means nothing on GREEN/);
    const tooMany = await api.gql(CREATE_PROVIDER, { input: node('prov:t-wr-many', { tlp: 'AMBER', sharedWith: Array.from({ length: 51 }, (_, i) => `org:${i}`) }) });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(await ok(`{ a: node(id: "prov:t-wr-amber2") { id } b: node(id: "prov:t-wr-green") { id } c: node(id: "prov:t-wr-many") { id } }`)).toEqual({ a: null, b: null, c: null });

    // Lowering the level drops the shares it no longer uses.
    await updateNode({ db: api.db, caller: org }, { kind: 'Provider', id: 'prov:t-wr-red', expectedRevision: 1, input: { provenance: { ...SOURCE, tlp: 'GREEN' } } });
    expect(await read('prov:t-wr-red')).toEqual({ tlp: 'GREEN', sharedWith: [], sharedWithUsers: [] });
  });

  it('an element the caller cannot see is NOT_FOUND for its updates and deletes, exactly like an id that does not exist', async () => {
    await createNode({ db: api.db, caller: org }, 'Provider', node('prov:t-wr-hidden', { tlp: 'AMBER_STRICT' }));
    const hidden = await updateNode({ db: api.db, caller: other }, { kind: 'Provider', id: 'prov:t-wr-hidden', expectedRevision: 1, input: { name: 'x' } }).catch((e: unknown) => e);
    const missing = await updateNode({ db: api.db, caller: other }, { kind: 'Provider', id: 'prov:t-wr-nothing', expectedRevision: 1, input: { name: 'x' } }).catch((e: unknown) => e);
    expect(hidden).toMatchObject({ code: 'NOT_FOUND' });
    expect((hidden as Error).message).toBe((missing as Error).message.replace('prov:t-wr-nothing', 'prov:t-wr-hidden'));
    // Even a wrong revision does not tell the hidden element apart.
    const wrongRevision = await updateNode({ db: api.db, caller: other }, { kind: 'Provider', id: 'prov:t-wr-hidden', expectedRevision: 5, input: { name: 'x' } }).catch((e: unknown) => e);
    expect(wrongRevision).toMatchObject({ code: 'NOT_FOUND' });
    // The API's caller (no organisation) cannot delete it either.
    const del = await api.gql(`mutation { deleteNode(id: "prov:t-wr-hidden") { id } }`);
    const delMissing = await api.gql(`mutation { deleteNode(id: "prov:t-wr-nothing") { id } }`);
    expect(codes(del)).toEqual(['NOT_FOUND']);
    expect(del.errors![0]!.message).toBe(delMissing.errors![0]!.message.replace('prov:t-wr-nothing', 'prov:t-wr-hidden'));
    // Its owner can.
    const owner = await updateNode({ db: api.db, caller: org }, { kind: 'Provider', id: 'prov:t-wr-hidden', expectedRevision: 1, input: { name: 'seen' } });
    expect(owner).toEqual({ id: 'prov:t-wr-hidden', revision: 2, changed: true });
  });
});

describe('audit entries of writes', () => {
  it('records create, update and delete with before and after; a no-op and a rejected write record nothing', async () => {
    await ok(CREATE_PROVIDER, provider('prov:t-wr-audit'));
    await ok(UPDATE_PROVIDER, { id: 'prov:t-wr-audit', rev: 1, input: { name: 'audited' } });
    await ok(UPDATE_PROVIDER, { id: 'prov:t-wr-audit', rev: 2, input: { name: 'audited' } });
    const rejected = await api.gql(UPDATE_PROVIDER, { id: 'prov:t-wr-audit', rev: 2, input: { threshold: 9 } });
    expect(codes(rejected)).toEqual(['BAD_USER_INPUT']);
    const stale = await api.gql(UPDATE_PROVIDER, { id: 'prov:t-wr-audit', rev: 1, input: { name: 'stale' } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    await ok(`mutation { deleteNode(id: "prov:t-wr-audit", expectedRevision: 2) { id } }`);

    const entries = (await auditOf('prov:t-wr-audit')).reverse();
    expect(entries.map((e) => e.action)).toEqual(['node.create', 'node.update', 'node.delete']);
    expect(entries.every((e) => e.actor === 'test-admin')).toBe(true);
    const [create, update, del] = entries;
    expect(create!.before).toBeNull();
    expect(parsed(create!.after)).toMatchObject({ id: 'prov:t-wr-audit', name: 'prov:t-wr-audit', revision: 1 });
    expect(parsed(update!.before)).toMatchObject({ name: 'prov:t-wr-audit', revision: 1 });
    expect(parsed(update!.after)).toMatchObject({ name: 'audited', revision: 2 });
    expect(parsed(del!.before)).toMatchObject({ name: 'audited', revision: 2 });
    expect(del!.after).toBeNull();
  });

  it('records dependency creates, updates, claims, group changes and deletes', async () => {
    const create = `mutation($input: DependencyInput!) { createDependency(input: $input) { id } }`;
    const base = { dependent: 'prov:t-wr-six', type: 'CYBER', channel: 'HOSTING', provenance: SOURCE };
    await ok(create, { input: { ...base, id: 'dep:t-wr-a1', supplier: 'prov:t-wr-dep-a' } });
    await ok(create, { input: { ...base, id: 'dep:t-wr-a2', supplier: 'prov:t-wr-dep-b', provenance: { source: 'guess', illustrative: true, confidence: 'LOW' } } });
    await ok(`mutation { updateDependency(id: "dep:t-wr-a1", expectedRevision: 1, input: { strength: 0.5 }) { id } }`);
    await ok(`mutation($input: ClaimDependencyInput!) { claimDependency(input: $input) { id } }`, {
      input: { dependent: 'prov:t-wr-six', supplier: 'prov:t-wr-dep-b', channel: 'HOSTING', provenance: { source: 'https://example.org/record', confidence: 'HIGH' } },
    });
    await ok(`mutation($input: RedundancyGroupInput!) { setRedundancyGroup(input: $input) { id } }`, {
      input: { dependent: 'prov:t-wr-six', group: 'pair', minAlive: 1, members: [{ dependency: 'dep:t-wr-a1' }, { dependency: 'dep:t-wr-a2' }] },
    });
    await ok(`mutation { deleteDependency(id: "dep:t-wr-a1") { id } }`);
    const a1 = (await auditOf('dep:t-wr-a1')).reverse();
    expect(a1.map((e) => e.action)).toEqual(['dependency.create', 'dependency.update', 'redundancyGroup.set', 'dependency.delete']);
    expect([parsed(a1[1]!.before)!.strength, parsed(a1[1]!.after)!.strength]).toEqual([1, 0.5]);
    expect([parsed(a1[2]!.before)!.redundancyGroup, parsed(a1[2]!.after)!.redundancyGroup]).toEqual([undefined, 'pair']);
    const a2 = (await auditOf('dep:t-wr-a2')).reverse();
    expect(a2.map((e) => e.action)).toEqual(['dependency.create', 'dependency.claim', 'redundancyGroup.set']);
    expect([parsed(a2[1]!.before)!.illustrative, parsed(a2[1]!.after)!.illustrative]).toEqual([true, false]);
  });

  it('the seed loader records one seed.load entry per load, with its counts', async () => {
    const [entry] = await listAudit(api.db, { action: 'seed.load', first: 1 });
    expect(entry).toMatchObject({ actor: 'local', action: 'seed.load', target: null });
    const counts = parsed(entry!.after)!.counts as { kind: string; inFiles: number }[];
    expect(counts.map((c) => c.kind)).toEqual(['Country', 'Provider', 'Facility', 'Service', 'CriticalFunction', 'Incident', 'DependsOn']);
    expect(counts.find((c) => c.kind === 'Country')!.inFiles).toBeGreaterThan(0);
  });
});
