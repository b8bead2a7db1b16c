/**
 * Mutations and error codes against the suite's real Neo4j. Every test creates
 * its own ids (prefixed `t-mut-`) and removes them, so the seed stays as loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/store/driver';
import { inject } from 'vitest';
import { startTestApi } from './db';
import type { TestApi } from './db';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.db.write((tx) => tx.run(`MATCH (n:Entity) WHERE n.id CONTAINS 't-mut-' DETACH DELETE n`));
  await api.close();
});

const codes = (res: { errors?: { extensions?: { code?: string } }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

const PROVIDER = `mutation($input: ProviderInput!) { createProvider(input: $input) { id name providerKind headquarters { id } provenance { source confidence illustrative tlp updatedAt } } }`;
const FACILITY = `mutation($input: FacilityInput!) { createFacility(input: $input) { id country { id } operator { id name } } }`;
const DEPENDENCY = `mutation($input: DependencyInput!) { createDependency(input: $input) { id strength minAlive redundancyGroup crossBorder trustCarrying dependent { id } supplier { id } } }`;

async function version(): Promise<number> {
  return api.db.version();
}

describe('mutations', () => {
  it('creates, updates and deletes a provider, moving the version counter each time', async () => {
    const v0 = await version();
    const created = await api.gql<{ createProvider: { id: string; headquarters: { id: string }; provenance: { confidence: string; tlp: string; illustrative: boolean } } }>(PROVIDER, {
      input: { id: 'prov:t-mut-a', name: 'Test A', providerKind: 'CLOUD', headquarters: 'FR', provenance: { source: 'https://example.org/a' } },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createProvider.headquarters.id).toBe('FR');
    expect(created.data!.createProvider.provenance).toMatchObject({ confidence: 'MEDIUM', tlp: 'CLEAR', illustrative: false });
    const v1 = await version();
    expect(v1).toBe(v0 + 1);

    const updated = await api.gql<{ updateProvider: { name: string; headquarters: { id: string } } }>(
      `mutation { updateProvider(id: "prov:t-mut-a", expectedRevision: 1, input: { name: "Test A2", headquarters: "DE" }) { name headquarters { id } } }`,
    );
    expect(updated.data!.updateProvider).toEqual({ name: 'Test A2', headquarters: { id: 'DE' } });
    expect(await version()).toBe(v1 + 1);

    const deleted = await api.gql<{ deleteNode: { id: string; detached: { type: string; to: string }[] } }>(
      `mutation { deleteNode(id: "prov:t-mut-a") { id detached { type from to } } }`,
    );
    expect(deleted.data!.deleteNode.detached).toEqual([{ type: 'HEADQUARTERED_IN', from: 'prov:t-mut-a', to: 'DE' }]);
    expect(await api.gql(`{ node(id: "prov:t-mut-a") { id } }`)).toEqual({ data: { node: null } });
  });

  it('sees writes made by another client through the version counter', async () => {
    const other = connect(inject('neo4j'));
    try {
      const before = await version();
      await other.write((tx) => tx.run(`MERGE (n:Entity:Country {id: 'XT'}) SET n.name = 't-mut-other-client'`));
      expect(await version()).toBe(before + 1);
      await other.write((tx) => tx.run(`MATCH (n:Country {id: 'XT'}) DETACH DELETE n`));
    } finally {
      await other.close();
    }
  });

  it('answers bad input with clear errors and extensions.code, storing nothing', async () => {
    const v0 = await version();
    const probability7 = await api.gql(DEPENDENCY, {
      input: { dependent: 'fn:de-health', supplier: 'prov:aws', type: 'CYBER', channel: 'HOSTING', propagation: 7, provenance: { source: 'test' } },
    });
    expect(codes(probability7)).toEqual(['BAD_USER_INPUT']);
    expect(probability7.errors![0]!.message).toMatch(/propagation must be <= 1/);

    const unknownRef = await api.gql(PROVIDER, {
      input: { id: 'prov:t-mut-b', name: 'B', providerKind: 'CLOUD', headquarters: 'ZZ', provenance: { source: 'test' } },
    });
    expect(codes(unknownRef)).toEqual(['NOT_FOUND']);
    expect(unknownRef.errors![0]!.message).toBe("headquarters 'ZZ' does not exist");

    const badId = await api.gql(PROVIDER, {
      input: { id: 'aws', name: 'B', providerKind: 'CLOUD', headquarters: 'US', provenance: { source: 'test' } },
    });
    expect(codes(badId)).toEqual(['BAD_USER_INPUT']);

    const duplicate = await api.gql(PROVIDER, {
      input: { id: 'prov:aws', name: 'AWS again', providerKind: 'CLOUD', headquarters: 'US', provenance: { source: 'test' } },
    });
    expect(codes(duplicate)).toEqual(['CONFLICT']);

    const unknownUpdate = await api.gql(`mutation { updateFacility(id: "fac:t-mut-none", expectedRevision: 1, input: { name: "x" }) { id } }`);
    expect(codes(unknownUpdate)).toEqual(['NOT_FOUND']);

    const badEnum = await api.gql(`{ providers(filter: { kinds: [SPACESHIP] }) { totalCount } }`);
    expect(codes(badEnum)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const malformed = await api.gql(`{ providers(first: 5 { totalCount } }`);
    expect(codes(malformed)).toEqual(['GRAPHQL_PARSE_FAILED']);

    const badCursor = await api.gql(`{ providers(after: "not-a-cursor") { totalCount } }`);
    expect(codes(badCursor)).toEqual(['BAD_USER_INPUT']);

    const tooMany = await api.gql(`{ providers(first: 100000) { totalCount } }`);
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);

    const deep = await api.gql(`{ providers { nodes { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } } } }`);
    expect(codes(deep)).toEqual(['TOO_COMPLEX']);

    expect(await version()).toBe(v0);
  });

  it('validates DEPENDS_ON: allowed pairs, one per (dependent, supplier, channel), feasible redundancy groups', async () => {
    await api.gql(PROVIDER, { input: { id: 'prov:t-mut-c', name: 'C', providerKind: 'DATA_CENTRE', headquarters: 'NL', provenance: { source: 'test' } } });
    for (const [id, country] of [['fac:t-mut-c1', 'NL'], ['fac:t-mut-c2', 'BE']] as const) {
      const f = await api.gql(FACILITY, {
        input: { id, name: id, facilityKind: 'DATA_CENTRE_CAMPUS', country, operator: 'prov:t-mut-c', latitude: 52, longitude: 5, provenance: { source: 'test' } },
      });
      expect(f.errors).toBeUndefined();
    }
    const pair = await api.gql(DEPENDENCY, {
      input: { dependent: 'prov:t-mut-c', supplier: 'fn:de-health', type: 'LOGICAL', channel: 'DATA', provenance: { source: 'test' } },
    });
    expect(codes(pair)).toEqual(['BAD_USER_INPUT']);
    expect(pair.errors![0]!.message).toMatch(/a Provider cannot depend on a CriticalFunction/);

    const tooDemanding = await api.gql(DEPENDENCY, {
      input: { dependent: 'fac:t-mut-c1', supplier: 'prov:t-mut-c', type: 'PHYSICAL', channel: 'POWER', redundancyGroup: 'power', minAlive: 2, provenance: { source: 'test' } },
    });
    expect(codes(tooDemanding)).toEqual(['BAD_USER_INPUT']);
    expect(tooDemanding.errors![0]!.message).toMatch(/minAlive/);

    const first = await api.gql<{ createDependency: { id: string; crossBorder: boolean; trustCarrying: boolean; minAlive: number } }>(DEPENDENCY, {
      input: { dependent: 'fac:t-mut-c1', supplier: 'fac:t-mut-c2', type: 'PHYSICAL', channel: 'POWER', redundancyGroup: 'power', provenance: { source: 'test' } },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.createDependency).toMatchObject({ id: 'dep:fac.t-mut-c1--fac.t-mut-c2--power', crossBorder: true, trustCarrying: false, minAlive: 1 });

    const again = await api.gql(DEPENDENCY, {
      input: { id: 'dep:t-mut-other', dependent: 'fac:t-mut-c1', supplier: 'fac:t-mut-c2', type: 'PHYSICAL', channel: 'POWER', provenance: { source: 'test' } },
    });
    expect(codes(again)).toEqual(['CONFLICT']);

    const raiseMin = await api.gql(`mutation { updateDependency(id: "dep:fac.t-mut-c1--fac.t-mut-c2--power", expectedRevision: 1, input: { minAlive: 2 }) { id } }`);
    expect(codes(raiseMin)).toEqual(['BAD_USER_INPUT']);

    // A facility others depend on needs force to go, and the report lists what was detached.
    const blocked = await api.gql(`mutation { deleteNode(id: "fac:t-mut-c2") { id } }`);
    expect(codes(blocked)).toEqual(['CONFLICT']);
    const forced = await api.gql<{ deleteNode: { detached: { type: string; id: string | null; from: string; to: string }[] } }>(
      `mutation { deleteNode(id: "fac:t-mut-c2", force: true) { detached { type id from to } } }`,
    );
    expect(forced.data!.deleteNode.detached).toEqual([
      { type: 'DEPENDS_ON', id: 'dep:fac.t-mut-c1--fac.t-mut-c2--power', from: 'fac:t-mut-c1', to: 'fac:t-mut-c2' },
      { type: 'LOCATED_IN', id: null, from: 'fac:t-mut-c2', to: 'BE' },
      { type: 'OPERATES', id: null, from: 'prov:t-mut-c', to: 'fac:t-mut-c2' },
    ]);
  });
});
