/**
 * GraphQL queries on the seed data, against the suite's real Neo4j. Expected
 * values come from the seed files themselves or from direct Cypher on the same
 * database, never typed in by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR } from '../../src/cli/seed-db';
import { startServer } from '../../src/api/server';
import type { GraphDb } from '../../src/store/driver';
import { startTestApi, testAuthConfig } from './db';
import type { TestApi } from './db';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

function seedRows(file: string): Record<string, unknown>[] {
  const paths = [join(SEED_DIR, file), join(SEED_DIR, 'generated', file)];
  return paths.flatMap((p) => {
    try {
      return readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
    } catch {
      return [];
    }
  });
}

const NATO_2024 = ['AL', 'BE', 'BG', 'CA', 'HR', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IT', 'LV', 'LT', 'LU', 'ME', 'NL', 'MK', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'TR', 'GB', 'US'];

describe('queries on the seed data', () => {
  it('there are 32 NATO members, each of them listed', async () => {
    const res = await api.gql<{ countries: { totalCount: number; nodes: { id: string; natoMember: boolean }[] } }>(
      `{ countries(filter: { natoMember: true }, first: 100) { totalCount nodes { id natoMember } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.countries.totalCount).toBe(32);
    expect(res.data!.countries.nodes.map((c) => c.id).sort()).toEqual([...NATO_2024].sort());
  });

  it('returns the critical functions that depend on a given cloud region', async () => {
    const region = 'fac:aws-eu-central-1';
    const expected = seedRows('dependencies.jsonl')
      .filter((d) => d.supplier === region && String(d.dependent).startsWith('fn:'))
      .map((d) => String(d.dependent))
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const res = await api.gql<{ neighbourhood: { nodes: { id: string; kind: string }[]; steps: { depth: number; dependency: { supplier: { id: string } } }[] } }>(
      `query($id: ID!) { neighbourhood(id: $id, direction: DEPENDENTS, depth: 1) {
          nodes { id kind } steps { depth dependency { supplier { id } } } } }`,
      { id: region },
    );
    expect(res.errors).toBeUndefined();
    const functions = res.data!.neighbourhood.nodes.filter((n) => n.kind === 'CriticalFunction').map((n) => n.id).sort();
    expect(functions).toEqual(expected);
    expect(res.data!.neighbourhood.steps.every((s) => s.depth === 1 && s.dependency.supplier.id === region)).toBe(true);
  });

  it('filters providers by kind and headquarters, and finds nodes by text', async () => {
    const expected = seedRows('providers.jsonl').filter((p) => p.kind === 'CLOUD' && p.headquarters === 'US').map((p) => p.id).sort();
    const res = await api.gql<{ providers: { totalCount: number; nodes: { id: string; headquarters: { id: string } }[] } }>(
      `{ providers(filter: { kinds: [CLOUD], headquarters: ["US"] }, first: 100) { totalCount nodes { id headquarters { id } } } }`,
    );
    expect(res.data!.providers.nodes.map((p) => p.id).sort()).toEqual(expected);
    expect(res.data!.providers.totalCount).toBe(expected.length);

    const search = await api.gql<{ search: { id: string }[] }>(`{ search(text: "frankfurt", kinds: [Facility]) { id } }`);
    const expectedSearch = seedRows('facilities.jsonl')
      .filter((f) => String(f.name).toLowerCase().includes('frankfurt') || String(f.id).includes('frankfurt'))
      .map((f) => f.id)
      .sort();
    expect(search.data!.search.map((n) => n.id).sort()).toEqual(expectedSearch.slice(0, 20));
  });

  it('paginates stably with cursors, also when a node is inserted between pages', async () => {
    const all = seedRows('providers.jsonl').map((p) => String(p.id)).sort();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: { data?: { providers: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } =
        await api.gql(`query($after: String) { providers(first: 7, after: $after, sort: { field: ID }) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`, { after });
      const page = res.data!.providers;
      seen.push(...page.nodes.map((n) => n.id));
      if (pages === 1) {
        // Insert a provider that sorts before the cursor: it must not shift later pages.
        const created = await api.gql(`mutation { createProvider(input: { id: "prov:0-pagination-probe", name: "Probe", providerKind: CLOUD, headquarters: "DE", provenance: { source: "test" } }) { id } }`);
        expect(created.errors).toBeUndefined();
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after !== null && pages < 100);
    await api.gql(`mutation { deleteNode(id: "prov:0-pagination-probe") { id } }`);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 7));
  });

  it('sorts descending by name', async () => {
    const res = await api.gql<{ criticalFunctions: { nodes: { name: string }[] } }>(
      `{ criticalFunctions(filter: { countries: ["FR"] }, sort: { field: NAME, direction: DESC }, first: 100) { nodes { name } } }`,
    );
    const names = res.data!.criticalFunctions.nodes.map((n) => n.name);
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('finds the shortest dependency path, or null when there is none', async () => {
    const dep = seedRows('dependencies.jsonl').find((d) => String(d.dependent).startsWith('fn:') && String(d.supplier).startsWith('fac:'))!;
    const operator = seedRows('facilities.jsonl').find((f) => f.id === dep.supplier)!.operator as string;
    const res = await api.gql<{ shortestDependencyPath: { length: number; nodes: { id: string }[]; dependencies: { id: string }[] } | null }>(
      `query($from: ID!, $to: ID!) { shortestDependencyPath(from: $from, to: $to) { length nodes { id } dependencies { id } } }`,
      { from: dep.dependent, to: operator },
    );
    expect(res.errors).toBeUndefined();
    const path = res.data!.shortestDependencyPath!;
    expect(path.nodes[0]!.id).toBe(dep.dependent);
    expect(path.nodes[path.nodes.length - 1]!.id).toBe(operator);
    expect(path.dependencies).toHaveLength(path.length);
    expect(path.length).toBeLessThanOrEqual(2);
    // Failure never flows from a function to a provider: no directed path the other way.
    const reverse = await api.gql<{ shortestDependencyPath: null }>(
      `query($from: ID!, $to: ID!) { shortestDependencyPath(from: $from, to: $to) { length } }`,
      { from: operator, to: dep.dependent },
    );
    expect(reverse.data!.shortestDependencyPath).toBeNull();
  });

  it('summarises a country consistently with the stored dependencies', async () => {
    const res = await api.gql<{ countrySummary: {
      functionCount: number; dependencyCount: number; crossBorderDependencyCount: number; crossBorderShare: number;
      functionsBySector: { sector: string; count: number }[];
      providers: { provider: { id: string }; foreign: boolean; dependencyCount: number }[];
      foreignProvidersByHeadquarters: { country: { id: string }; providers: { id: string }[]; dependencyCount: number }[];
    } }>(`{ countrySummary(country: "EE") {
        functionCount dependencyCount crossBorderDependencyCount crossBorderShare
        functionsBySector { sector count }
        providers { provider { id } foreign dependencyCount }
        foreignProvidersByHeadquarters { country { id } providers { id } dependencyCount } } }`);
    expect(res.errors).toBeUndefined();
    const s = res.data!.countrySummary;
    const fns = seedRows('functions.jsonl').filter((f) => f.country === 'EE');
    expect(s.functionCount).toBe(fns.length);
    const fnIds = new Set(fns.map((f) => f.id));
    const deps = seedRows('dependencies.jsonl').filter((d) => fnIds.has(d.dependent));
    expect(s.dependencyCount).toBe(deps.length);
    expect(s.crossBorderShare).toBeCloseTo(s.crossBorderDependencyCount / s.dependencyCount, 12);
    expect(s.crossBorderDependencyCount).toBeGreaterThan(0);
    expect(s.foreignProvidersByHeadquarters.every((g) => g.country.id !== 'EE')).toBe(true);
    const foreignDeps = s.providers.filter((p) => p.foreign).reduce((sum, p) => sum + p.dependencyCount, 0);
    expect(s.foreignProvidersByHeadquarters.reduce((sum, g) => sum + g.dependencyCount, 0)).toBe(foreignDeps);
  });

  it('resolves nested references with a bounded number of database round trips (no N+1)', async () => {
    let reads = 0;
    const counting: GraphDb = {
      ...api.db,
      read: (work) => {
        reads++;
        return api.db.read(work);
      },
    };
    // Sign-in off: the count is of the query's reads, not of key look-ups.
    const server = await startServer(counting, 0, undefined, undefined, { auth: testAuthConfig({ devOpen: true }) });
    try {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ facilities(first: 80) { nodes { id country { id name } operator { id headquarters { id } services { id } } } } }`,
        }),
      });
      const body = (await res.json()) as { data: { facilities: { nodes: unknown[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data.facilities.nodes).toHaveLength(80);
      // list (1) + country and operator batch (1) + headquarters batch (1) + service ids (1) + service nodes (1)
      expect(reads).toBeLessThanOrEqual(5);
    } finally {
      await server.close();
    }
  });
});
