/**
 * Issue 8 §3, "the model can say what the record says", against the suite's real Neo4j through
 * GraphQL: the DEPENDS_ON carriage fields, the shared validation rules, k-of-n groups in one call,
 * derived ids, public-record claims on illustrative edges, no-op updates, and the model additions
 * (a service's own country, linear facilities' landing countries, unknown headquarters and
 * coordinates, functions of partner non-members) down to the analysis snapshot. Every id holds
 * `t-ma-`; the test removes them.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR } from '../../src/cli/seed-db';
import { loadSeed } from '../../src/seed/load-seed';
import { readDependencyRecords, readNodeRecords } from '../../src/store/records';
import { buildSnapshot, collector } from '../../src/projection/snapshot';
import { streamSnapshot } from '../../src/store/snapshot-query';
import { revisionOf, startTestApi } from './db';
import type { GraphqlResponse, TestApi } from './db';

let api: TestApi;
const SOURCE = { source: 'https://example.org/t-ma' };

const codes = (res: GraphqlResponse) => (res.errors ?? []).map((e) => e.extensions?.code);
const message = (res: GraphqlResponse) => res.errors?.[0]?.message ?? '';
const version = () => api.db.version();

async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await api.gql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const DEP_FIELDS = `id channel strength redundancyGroup minAlive propagation graceHours carriesAvailability carriesIntegrity capacityShare
  effectiveGraceHours effectiveCarriesAvailability effectiveCarriesIntegrity trustCarrying provenance { source confidence illustrative }`;
const CREATE = `mutation($input: DependencyInput!) { createDependency(input: $input) { ${DEP_FIELDS} } }`;
const CREATE_MANY = `mutation($inputs: [DependencyInput!]!) { createDependencies(inputs: $inputs) { ${DEP_FIELDS} } }`;
const SET_GROUP = `mutation($input: RedundancyGroupInput!) { setRedundancyGroup(input: $input) { ${DEP_FIELDS} } }`;
const CLAIM = `mutation($input: ClaimDependencyInput!) { claimDependency(input: $input) { ${DEP_FIELDS} } }`;
const DEPS_OF = `query($d: [ID!]) { dependencies(filter: { dependents: $d }, first: 100) { totalCount nodes { ${DEP_FIELDS} } } }`;

interface Dep {
  id: string;
  redundancyGroup: string | null;
  minAlive: number;
  propagation: number;
  graceHours: number | null;
  carriesAvailability: boolean | null;
  carriesIntegrity: boolean | null;
  capacityShare: number | null;
  effectiveGraceHours: number;
  effectiveCarriesAvailability: boolean;
  effectiveCarriesIntegrity: boolean;
  trustCarrying: boolean;
  provenance: { source: string; confidence: string; illustrative: boolean };
}

const depsOf = async (dependent: string) =>
  (await ok<{ dependencies: { totalCount: number; nodes: Dep[] } }>(DEPS_OF, { d: [dependent] })).dependencies;

beforeAll(async () => {
  api = await startTestApi();
  await ok(`mutation($input: ProviderInput!) { createProvider(input: $input) { id } }`, {
    input: { id: 'prov:t-ma-p', name: 'T-MA provider', providerKind: 'DATA_CENTRE', headquarters: 'NL', provenance: SOURCE },
  });
  for (const [id, country] of [['fac:t-ma-a', 'NL'], ['fac:t-ma-b', 'BE'], ['fac:t-ma-c', 'DE'], ['fac:t-ma-d', 'FR']] as const) {
    await ok(`mutation($input: FacilityInput!) { createFacility(input: $input) { id } }`, {
      input: { id, name: id, facilityKind: 'DATA_CENTRE_CAMPUS', country, operator: 'prov:t-ma-p', latitude: 52, longitude: 5, provenance: SOURCE },
    });
  }
});

afterAll(async () => {
  await api.db.write((tx) => tx.run(`MATCH (n:Entity) WHERE n.id CONTAINS 't-ma-' DETACH DELETE n`));
  await api.close();
});

describe('DEPENDS_ON carriage fields', () => {
  it('stores the overrides, reads them back (null = channel default) and reports the effective values', async () => {
    const set = await ok<{ createDependency: Dep }>(CREATE, {
      input: {
        id: 'dep:t-ma-carriage',
        dependent: 'fac:t-ma-a',
        supplier: 'fac:t-ma-b',
        type: 'PHYSICAL',
        channel: 'HOSTING',
        graceHours: 6,
        carriesAvailability: false,
        carriesIntegrity: true,
        propagation: 0.2,
        provenance: SOURCE,
      },
    });
    expect(set.createDependency).toMatchObject({
      graceHours: 6,
      carriesAvailability: false,
      carriesIntegrity: true,
      capacityShare: null,
      effectiveGraceHours: 6,
      effectiveCarriesAvailability: false,
      effectiveCarriesIntegrity: true,
      trustCarrying: true,
      propagation: 0.2,
    });
    const defaults = await ok<{ createDependency: Dep }>(CREATE, {
      input: { id: 'dep:t-ma-defaults', dependent: 'fac:t-ma-a', supplier: 'fac:t-ma-c', type: 'CYBER', channel: 'IDENTITY', provenance: SOURCE },
    });
    expect(defaults.createDependency).toMatchObject({
      graceHours: null,
      carriesAvailability: null,
      carriesIntegrity: null,
      effectiveGraceHours: 1, // IDENTITY's default grace
      effectiveCarriesAvailability: true,
      effectiveCarriesIntegrity: true,
    });
    // The trustCarrying filter follows the effective integrity (a HOSTING edge with carriesIntegrity: true).
    const trusted = await ok<{ dependencies: { nodes: { id: string }[] } }>(
      `{ dependencies(filter: { dependents: ["fac:t-ma-a"], trustCarrying: true }) { nodes { id } } }`,
    );
    expect(trusted.dependencies.nodes.map((d) => d.id)).toEqual(['dep:t-ma-carriage', 'dep:t-ma-defaults']);
    // Clearing an override with null brings back the channel default.
    const cleared = await ok<{ updateDependency: Dep }>(
      `mutation { updateDependency(id: "dep:t-ma-carriage", expectedRevision: ${await revisionOf(api, 'dep:t-ma-carriage')}, input: { carriesAvailability: null, graceHours: null }) { ${DEP_FIELDS} } }`,
    );
    expect(cleared.updateDependency).toMatchObject({ carriesAvailability: null, effectiveCarriesAvailability: true, graceHours: null, effectiveGraceHours: 0 });
    await ok(`mutation { a: deleteDependency(id: "dep:t-ma-carriage") { id } b: deleteDependency(id: "dep:t-ma-defaults") { id } }`);
  });
});

describe('validation shared with the seed loader', () => {
  it('rejects propagation on an edge without integrity, importance 0, over-long names, capacityShare outside a group; stores nothing', async () => {
    const v0 = await version();
    const noIntegrity = await api.gql(CREATE, {
      input: { dependent: 'fac:t-ma-a', supplier: 'fac:t-ma-b', type: 'PHYSICAL', channel: 'POWER', propagation: 0.4, provenance: SOURCE },
    });
    expect(codes(noIntegrity)).toEqual(['BAD_USER_INPUT']);
    expect(message(noIntegrity)).toMatch(/propagation 0.4 .* a POWER edge carries no integrity/);
    const integrityOff = await api.gql(CREATE, {
      input: { dependent: 'fac:t-ma-a', supplier: 'fac:t-ma-b', type: 'CYBER', channel: 'SOFTWARE_UPDATE', carriesIntegrity: false, propagation: 0.4, provenance: SOURCE },
    });
    expect(message(integrityOff)).toMatch(/because carriesIntegrity is false/);

    const importance0 = await api.gql(`mutation($input: CriticalFunctionInput!) { createCriticalFunction(input: $input) { id } }`, {
      input: { id: 'fn:t-ma-zero', name: 'Zero', sector: 'HEALTH', country: 'NL', importance: 0, provenance: SOURCE },
    });
    expect(codes(importance0)).toEqual(['BAD_USER_INPUT']);
    expect(message(importance0)).toBe('importance must be > 0');

    const longName = await api.gql(`mutation($input: ProviderInput!) { createProvider(input: $input) { id } }`, {
      input: { id: 'prov:t-ma-long', name: 'x'.repeat(250), providerKind: 'CLOUD', headquarters: 'NL', provenance: SOURCE },
    });
    expect(codes(longName)).toEqual(['BAD_USER_INPUT']);
    expect(message(longName)).toBe('name must NOT have more than 200 characters');

    const loneShare = await api.gql(CREATE, {
      input: { dependent: 'fac:t-ma-a', supplier: 'fac:t-ma-b', type: 'PHYSICAL', channel: 'POWER', capacityShare: 1.5, provenance: SOURCE },
    });
    expect(codes(loneShare)).toEqual(['BAD_USER_INPUT']);
    expect(message(loneShare)).toMatch(/capacityShare/);
    expect(await version()).toBe(v0);
    expect((await depsOf('fac:t-ma-a')).totalCount).toBe(0);
  });
});

describe('k-of-n redundancy groups in one call', () => {
  const member = (supplier: string) => ({
    dependent: 'fac:t-ma-a',
    supplier,
    type: 'PHYSICAL',
    channel: 'POWER',
    redundancyGroup: 'feeds',
    minAlive: 2,
    provenance: SOURCE,
  });

  it('creates a 2-of-3 group, reads it back, changes minAlive, and rejects a bad group storing nothing', async () => {
    const created = await ok<{ createDependencies: Dep[] }>(CREATE_MANY, {
      inputs: [member('fac:t-ma-b'), member('fac:t-ma-c'), member('fac:t-ma-d')],
    });
    const ids = created.createDependencies.map((d) => d.id);
    expect(ids).toEqual(['dep:fac.t-ma-a--fac.t-ma-b--power', 'dep:fac.t-ma-a--fac.t-ma-c--power', 'dep:fac.t-ma-a--fac.t-ma-d--power']);
    let stored = await depsOf('fac:t-ma-a');
    expect(stored.nodes.map((d) => [d.redundancyGroup, d.minAlive])).toEqual([['feeds', 2], ['feeds', 2], ['feeds', 2]]);

    const raised = await ok<{ setRedundancyGroup: Dep[] }>(SET_GROUP, {
      input: { dependent: 'fac:t-ma-a', group: 'feeds', minAlive: 3, members: ids.map((dependency, i) => ({ dependency, capacityShare: [0.5, 0.3, 0.2][i] })) },
    });
    expect(raised.setRedundancyGroup.map((d) => [d.minAlive, d.capacityShare])).toEqual([[3, 0.5], [3, 0.3], [3, 0.2]]);

    // Bad final states are rejected whole: minAlive above the group size; capacity shares on some members only.
    const v0 = await version();
    const tooMany = await api.gql(SET_GROUP, { input: { dependent: 'fac:t-ma-a', group: 'feeds', minAlive: 4, members: ids.map((dependency) => ({ dependency })) } });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(message(tooMany)).toMatch(/has 3 edge\(s\) but minAlive 4/);
    const someShares = await api.gql(SET_GROUP, {
      input: { dependent: 'fac:t-ma-a', group: 'feeds', minAlive: 2, members: [{ dependency: ids[0], capacityShare: 0.5 }, { dependency: ids[1] }, { dependency: ids[2] }] },
    });
    expect(message(someShares)).toMatch(/either every edge of a group has one or none does/);
    expect(await version()).toBe(v0);
    stored = await depsOf('fac:t-ma-a');
    expect(stored.nodes.map((d) => [d.minAlive, d.capacityShare])).toEqual([[3, 0.5], [3, 0.3], [3, 0.2]]);

    // Leaving members out of setRedundancyGroup takes them out of the group.
    const shrunk = await ok<{ setRedundancyGroup: Dep[] }>(SET_GROUP, {
      input: { dependent: 'fac:t-ma-a', group: 'feeds', minAlive: 1, members: [{ dependency: ids[0] }, { dependency: ids[1] }] },
    });
    expect(shrunk.setRedundancyGroup).toHaveLength(2);
    stored = await depsOf('fac:t-ma-a');
    expect(stored.nodes.map((d) => [d.redundancyGroup, d.minAlive, d.capacityShare])).toEqual([['feeds', 1, null], ['feeds', 1, null], [null, 1, null]]);
    for (const id of ids) await ok(`mutation($id: ID!) { deleteDependency(id: $id) { id } }`, { id });

    // A 3-of-2 group in one call: nothing of it is stored.
    const bad = await api.gql(CREATE_MANY, { inputs: [{ ...member('fac:t-ma-b'), minAlive: 3 }, { ...member('fac:t-ma-c'), minAlive: 3 }] });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(message(bad)).toMatch(/has 2 edge\(s\) but minAlive 3/);
    expect((await depsOf('fac:t-ma-a')).totalCount).toBe(0);
  });
});

describe('public-record claims on illustrative edges', () => {
  it('answers a create on an illustrative triple with the way to claim it, and claims it keeping the id', async () => {
    const base = { dependent: 'fac:t-ma-b', supplier: 'fac:t-ma-c', type: 'PHYSICAL', channel: 'POWER' };
    await ok(CREATE, { input: { ...base, id: 'dep:t-ma-guess', provenance: { source: 'generator rule X', illustrative: true, confidence: 'LOW' } } });

    const create = await api.gql(CREATE, { input: { ...base, provenance: { source: 'https://example.org/record', confidence: 'HIGH' } } });
    expect(codes(create)).toEqual(['CONFLICT']);
    expect(message(create)).toMatch(/an illustrative POWER dependency .* already exists \('dep:t-ma-guess'\).*claimDependency/);

    const sameSource = await api.gql(`mutation { updateDependency(id: "dep:t-ma-guess", expectedRevision: ${await revisionOf(api, 'dep:t-ma-guess')}, input: { provenance: { source: "generator rule X", illustrative: false } }) { id } }`);
    expect(codes(sameSource)).toEqual(['BAD_USER_INPUT']);
    expect(message(sameSource)).toMatch(/needs provenance.source \(the public record\) and provenance.confidence/);

    const claimed = await ok<{ claimDependency: Dep }>(CLAIM, {
      input: { ...base, type: undefined, provenance: { source: 'https://example.org/record', confidence: 'HIGH' }, changes: { delayHours: 2 } },
    });
    expect(claimed.claimDependency).toMatchObject({
      id: 'dep:t-ma-guess',
      provenance: { source: 'https://example.org/record', confidence: 'HIGH', illustrative: false },
    });
    const again = await api.gql(CLAIM, { input: { ...base, type: undefined, provenance: { source: 'https://example.org/other' } } });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(message(again)).toMatch(/already public record; change it with updateDependency/);
    await ok(`mutation { deleteDependency(id: "dep:t-ma-guess") { id } }`);
  });
});

describe('no-op updates', () => {
  it('do not move the version counter, for nodes and dependencies; a real change does', async () => {
    await ok(CREATE, { input: { id: 'dep:t-ma-noop', dependent: 'fac:t-ma-c', supplier: 'fac:t-ma-d', type: 'PHYSICAL', channel: 'POWER', strength: 0.5, provenance: SOURCE } });
    const v0 = await version();
    await ok(`mutation { updateProvider(id: "prov:t-ma-p", expectedRevision: ${await revisionOf(api, 'prov:t-ma-p')}, input: { name: "T-MA provider", headquarters: "NL" }) { id } }`);
    await ok(`mutation { updateFacility(id: "fac:t-ma-a", expectedRevision: ${await revisionOf(api, 'fac:t-ma-a')}, input: { latitude: 52, city: null }) { id } }`);
    await ok(`mutation { updateDependency(id: "dep:t-ma-noop", expectedRevision: ${await revisionOf(api, 'dep:t-ma-noop')}, input: { strength: 0.5, redundancyGroup: null }) { id } }`);
    expect(await version()).toBe(v0);
    await ok(`mutation { updateDependency(id: "dep:t-ma-noop", expectedRevision: ${await revisionOf(api, 'dep:t-ma-noop')}, input: { strength: 0.6 }) { id } }`);
    expect(await version()).toBe(v0 + 1);
    await ok(`mutation { updateProvider(id: "prov:t-ma-p", expectedRevision: ${await revisionOf(api, 'prov:t-ma-p')}, input: { name: "T-MA provider 2" }) { id } }`);
    expect(await version()).toBe(v0 + 2);
    await ok(`mutation { deleteDependency(id: "dep:t-ma-noop") { id } }`);
  });
});

describe('model additions', () => {
  it('stores a service’s own country, a cable’s landing countries, unknown headquarters and coordinates, a partner’s function; the snapshot lists every location', async () => {
    const unknownHq = await ok<{ createProvider: { headquarters: null } }>(
      `mutation($input: ProviderInput!) { createProvider(input: $input) { headquarters { id } } }`,
      { input: { id: 'prov:t-ma-nohq', name: 'HQ not public', providerKind: 'TELECOM', headquarters: null, provenance: SOURCE } },
    );
    expect(unknownHq.createProvider.headquarters).toBeNull();

    const cable = await ok<{ createFacility: { country: { id: string }; countries: { id: string }[]; latitude: null; longitude: null } }>(
      `mutation($input: FacilityInput!) { createFacility(input: $input) { country { id } countries { id } latitude longitude } }`,
      {
        input: { id: 'fac:t-ma-cable', name: 'T-MA cable', facilityKind: 'SUBSEA_CABLE', country: 'NO', countries: ['GB', 'DK'], operator: 'prov:t-ma-nohq', latitude: null, longitude: null, provenance: SOURCE },
      },
    );
    expect(cable.createFacility).toEqual({ country: { id: 'NO' }, countries: [{ id: 'DK' }, { id: 'GB' }], latitude: null, longitude: null });
    const landing = await ok<{ facilities: { nodes: { id: string }[] } }>(`{ facilities(filter: { countries: ["DK"], text: "t-ma" }) { nodes { id } } }`);
    expect(landing.facilities.nodes.map((f) => f.id)).toEqual(['fac:t-ma-cable']);
    const pointWithCountries = await api.gql(`mutation($input: FacilityInput!) { createFacility(input: $input) { id } }`, {
      input: { id: 'fac:t-ma-bad', name: 'bad', facilityKind: 'CLOUD_REGION', country: 'NO', countries: ['GB'], operator: 'prov:t-ma-p', latitude: 1, longitude: 1, provenance: SOURCE },
    });
    expect(message(pointWithCountries)).toMatch(/only for linear facilities/);

    const service = await ok<{ createService: { country: { id: string }; location: { id: string }; provider: { headquarters: { id: string } } } }>(
      `mutation($input: ServiceInput!) { createService(input: $input) { country { id } location { id } provider { headquarters { id } } } }`,
      { input: { id: 'svc:t-ma-national', name: 'National operation', serviceKind: 'PLATFORM_SERVICE', provider: 'prov:t-ma-p', country: 'PL', provenance: SOURCE } },
    );
    expect(service.createService).toEqual({ country: { id: 'PL' }, location: { id: 'PL' }, provider: { headquarters: { id: 'NL' } } });

    const partner = await ok<{ createCriticalFunction: { country: { id: string; natoMember: boolean } } }>(
      `mutation($input: CriticalFunctionInput!) { createCriticalFunction(input: $input) { country { id natoMember } } }`,
      { input: { id: 'fn:t-ma-ua-energy', name: 'Ukraine grid', sector: 'ENERGY', country: 'UA', importance: 1, provenance: SOURCE } },
    );
    expect(partner.createCriticalFunction.country).toEqual({ id: 'UA', natoMember: false });
    await ok(CREATE, { input: { id: 'dep:t-ma-ua', dependent: 'fn:t-ma-ua-energy', supplier: 'fac:t-ma-cable', type: 'PHYSICAL', channel: 'CONNECTIVITY', provenance: SOURCE } });

    const { onRow, collected } = collector();
    await streamSnapshot(api.db, onRow);
    const snapshot = buildSnapshot(collected);
    const countriesOf = (id: string) => {
      const v = snapshot.propagation.index.get(id)!;
      return [...snapshot.locations.of(v)].map((c) => snapshot.countries[c]!.id);
    };
    expect(countriesOf('fac:t-ma-cable')).toEqual(['NO', 'DK', 'GB']);
    expect(snapshot.countries[snapshot.location[snapshot.propagation.index.get('fac:t-ma-cable')!]!]!.id).toBe('NO');
    expect(countriesOf('svc:t-ma-national')).toEqual(['PL']);
    expect(countriesOf('prov:t-ma-nohq')).toEqual([]);
    expect(countriesOf('fn:t-ma-ua-energy')).toEqual(['UA']);
    expect(countriesOf('fac:t-ma-a')).toEqual(['NL']);
    const cableIndex = snapshot.propagation.index.get('fac:t-ma-cable')!;
    expect(snapshot.latitude[cableIndex]).toBeNaN();
  });
});

describe('the seed loader and the new fields', () => {
  const editRow = (dir: string, file: string, id: string, change: (row: Record<string, unknown>) => Record<string, unknown>) => {
    const path = join(dir, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(`"id":"${id}"`));
    lines[i] = JSON.stringify(change(JSON.parse(lines[i]!) as Record<string, unknown>));
    writeFileSync(path, lines.join('\n'));
    return i + 1;
  };

  it('loads and reloads carriage fields and landing countries unchanged, rejects propagation without integrity by line, and restores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linchpin-seed-ma-'));
    cpSync(SEED_DIR, dir, { recursive: true });
    const hosting = 'dep:svc.gcp-france-data-boundary-s3ns--fac.gcp-europe-west1--hosting';
    editRow(dir, 'dependencies.jsonl', hosting, (r) => ({ ...r, graceHours: 2, carriesIntegrity: true, propagation: 0.1 }));
    editRow(dir, 'facilities.jsonl', 'fac:amsix-ams', (r) => ({ ...r, kind: 'TERRESTRIAL_ROUTE', countries: ['DE', 'BE'] }));
    try {
      const first = await loadSeed(api.db, dir);
      expect(first.changed).toBe(true);
      const [dep] = await api.db.read((tx) => readDependencyRecords(tx, [hosting]));
      expect(dep).toMatchObject({ graceHours: 2, carriesIntegrity: true, propagation: 0.1 });
      const [route] = await api.db.read((tx) => readNodeRecords(tx, 'Facility', ['fac:amsix-ams']));
      expect(route).toMatchObject({ country: 'NL', countries: ['BE', 'DE'] });
      expect((await loadSeed(api.db, dir)).changed).toBe(false);

      const line = editRow(dir, 'dependencies.jsonl', hosting, (r) => ({ ...r, carriesIntegrity: null }));
      const v0 = await version();
      await expect(loadSeed(api.db, dir)).rejects.toMatchObject({
        details: [{ path: `${join(dir, 'dependencies.jsonl')}:${line}`, message: expect.stringMatching(/propagation 0.1 .* a HOSTING edge carries no integrity/) as unknown }],
      });
      expect(await version()).toBe(v0);
    } finally {
      await loadSeed(api.db, SEED_DIR);
    }
    const [restored] = await api.db.read((tx) => readDependencyRecords(tx, [hosting]));
    expect(restored!.graceHours).toBeUndefined();
    expect((await api.db.read((tx) => readNodeRecords(tx, 'Facility', ['fac:amsix-ams'])))[0]).not.toHaveProperty('countries');
  });
});
