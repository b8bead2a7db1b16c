/**
 * What the browser tests compare the page with: the same facts read from the
 * API over GraphQL (the lists, the dependencies, blast radii and stored
 * scenarios), with no knowledge of how the web app fetches them.
 */
import type { TestApi } from '../integration/db';

/** Runs a query and fails with the API's messages when it returns errors. */
export async function gqlData<T>(api: TestApi, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await api.gql<T>(query, variables);
  if (res.errors && res.errors.length > 0) throw new Error(`GraphQL errors: ${res.errors.map((e) => e.message).join('; ')}`);
  if (!res.data) throw new Error('GraphQL returned no data');
  return res.data;
}

/** The kinds the web app draws as graph nodes. */
export const DRAWN_KINDS = ['Provider', 'Facility', 'Service', 'CriticalFunction'] as const;

/** Number of providers, facilities, services and critical functions stored. */
export async function drawnNodeCount(api: TestApi): Promise<number> {
  const data = await gqlData<{ graphStats: { nodesByKind: { kind: string; count: number }[] } }>(api, '{ graphStats { nodesByKind { kind count } } }');
  return data.graphStats.nodesByKind.filter((k) => (DRAWN_KINDS as readonly string[]).includes(k.kind)).reduce((sum, k) => sum + k.count, 0);
}

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every item of a paginated list field, 500 at a time. */
async function everyPage<T>(api: TestApi, field: string, selection: string, filter?: Record<string, unknown>): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (;;) {
    const query = `query($after: String, $filter: ${filterType(field)}) { page: ${field}(first: 500, after: $after, filter: $filter) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`;
    const data: { page: Page<T> } = await gqlData<{ page: Page<T> }>(api, query, { after, filter: filter ?? null });
    items.push(...data.page.nodes);
    if (!data.page.pageInfo.hasNextPage) return items;
    after = data.page.pageInfo.endCursor;
  }
}

function filterType(field: string): string {
  const types: Record<string, string> = {
    providers: 'ProviderFilter',
    facilities: 'FacilityFilter',
    services: 'ServiceFilter',
    criticalFunctions: 'CriticalFunctionFilter',
    dependencies: 'DependencyFilter',
  };
  const type = types[field];
  if (!type) throw new Error(`no filter type known for ${field}`);
  return type;
}

export interface DrawnNode {
  id: string;
  name: string;
  kind: (typeof DRAWN_KINDS)[number];
  /** Where the node is located: a facility's country, a provider's (or a service's provider's) headquarters, the country a function serves. */
  country: string;
  /** The provider that operates (facility) or offers (service) it. */
  owner: string | null;
}

/** Every provider, facility, service and critical function, with its country and owner. */
export async function drawnNodes(api: TestApi): Promise<DrawnNode[]> {
  const [providers, facilities, services, functions] = await Promise.all([
    everyPage<{ id: string; name: string; headquarters: { id: string } }>(api, 'providers', 'id name headquarters { id }'),
    everyPage<{ id: string; name: string; country: { id: string }; operator: { id: string } }>(api, 'facilities', 'id name country { id } operator { id }'),
    everyPage<{ id: string; name: string; provider: { id: string; headquarters: { id: string } } }>(api, 'services', 'id name provider { id headquarters { id } }'),
    everyPage<{ id: string; name: string; country: { id: string } }>(api, 'criticalFunctions', 'id name country { id }'),
  ]);
  return [
    ...providers.map((p) => ({ id: p.id, name: p.name, kind: 'Provider' as const, country: p.headquarters.id, owner: null })),
    ...facilities.map((f) => ({ id: f.id, name: f.name, kind: 'Facility' as const, country: f.country.id, owner: f.operator.id })),
    ...services.map((s) => ({ id: s.id, name: s.name, kind: 'Service' as const, country: s.provider.headquarters.id, owner: s.provider.id })),
    ...functions.map((f) => ({ id: f.id, name: f.name, kind: 'CriticalFunction' as const, country: f.country.id, owner: null })),
  ];
}

export interface DependencyEnds {
  id: string;
  dependent: string;
  supplier: string;
}

/** Every DEPENDS_ON, as (dependent, supplier) pairs. */
export async function allDependencies(api: TestApi): Promise<DependencyEnds[]> {
  const rows = await everyPage<{ id: string; dependent: { id: string }; supplier: { id: string } }>(api, 'dependencies', 'id dependent { id } supplier { id }');
  return rows.map((d) => ({ id: d.id, dependent: d.dependent.id, supplier: d.supplier.id }));
}

/** Ids of the critical functions serving one country. */
export async function functionIdsOf(api: TestApi, country: string): Promise<string[]> {
  const rows = await everyPage<{ id: string }>(api, 'criticalFunctions', 'id', { countries: [country] });
  return rows.map((f) => f.id).sort();
}

/** Every node reachable from `start` by following DEPENDS_ON towards suppliers, `start` included. */
export function supplierClosure(start: Iterable<string>, dependencies: readonly DependencyEnds[]): Set<string> {
  const suppliers = new Map<string, string[]>();
  for (const d of dependencies) suppliers.set(d.dependent, [...(suppliers.get(d.dependent) ?? []), d.supplier]);
  const seen = new Set<string>(start);
  const queue = [...seen];
  while (queue.length > 0) {
    for (const next of suppliers.get(queue.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** The fields of a blast radius the page is compared with. */
export const BLAST_FIELDS = `
  mode rule
  totals { affected functionsLost importanceLost byCountry { country { id } count } bySector { sector count importance } }
  functionsLostByCountry { country { id } count importance }
  crossBorder { borderCrossings { id } }
  affected { node { id } state wave probability }
`;

export interface BlastResult {
  mode: string;
  rule: string;
  totals: {
    affected: number;
    functionsLost: number;
    importanceLost: number;
    byCountry: { country: { id: string }; count: number }[];
    bySector: { sector: string; count: number; importance: number }[];
  };
  functionsLostByCountry: { country: { id: string }; count: number; importance: number }[];
  crossBorder: { borderCrossings: { id: string }[] };
  affected: { node: { id: string }; state: string; wave: number; probability: number }[];
}

export async function blastRadius(api: TestApi, input: Record<string, unknown>): Promise<BlastResult> {
  const data = await gqlData<{ blastRadius: BlastResult }>(api, `query($input: BlastRadiusInput!) { blastRadius(input: $input) { ${BLAST_FIELDS} } }`, { input });
  return data.blastRadius;
}

export async function scenarioResult(api: TestApi, id: string): Promise<{ name: string; inputJson: string; result: BlastResult }> {
  const data = await gqlData<{ scenario: { name: string; inputJson: string; result: BlastResult } }>(
    api,
    `query($id: ID!) { scenario(id: $id) { name inputJson result { ${BLAST_FIELDS} } } }`,
    { id },
  );
  return data.scenario;
}

/** The affected ids grouped by wave (index = wave), each wave sorted; waves nothing reached are empty. */
export function wavesOf(result: BlastResult): string[][] {
  const last = Math.max(-1, ...result.affected.map((a) => a.wave));
  const waves: string[][] = Array.from({ length: last + 1 }, () => []);
  for (const a of result.affected) waves[a.wave]!.push(a.node.id);
  return waves.map((w) => w.sort());
}
