/**
 * `graphView` on the seed data in the suite's Neo4j: the whole model in one
 * round trip agrees with the paginated lists and the node fields, and the
 * whole-model layout is computed off the request path (COMPUTING, then FRESH
 * with a position for every node, the same positions for the same graph, STALE
 * after a write until recomputed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisService } from '../../src/services/analysis/analysis-service';
import { startServer } from '../../src/api/server';
import type { RunningServer } from '../../src/api/server';
import { testAuthConfig, testDb, testUserKey } from './db';
import type { GraphDb } from '../../src/store/driver';

interface View {
  version: number;
  countries: { id: string; name: string; numeric: string; natoMember: boolean; latitude: number | null }[];
  nodes: { id: string; name: string; kind: string; subKind: string | null; sector: string | null; country: string | null; owner: string | null; importance: number; illustrative: boolean; tlp: string; confidence: string }[];
  dependencies: { id: string; dependent: string; supplier: string; channel: string; trustCarrying: boolean; crossBorder: boolean; illustrative: boolean }[];
  layout: { status: string; snapshotVersion: number | null; computeMs: number | null; positions: { id: string; x: number; y: number }[] };
}

const VIEW = `{ graphView {
  version
  countries { id name numeric natoMember latitude }
  nodes { id name kind subKind sector country owner importance illustrative tlp confidence }
  dependencies { id dependent supplier channel trustCarrying crossBorder illustrative }
  layout { status snapshotVersion computeMs positions { id x y } }
} }`;

let db: GraphDb;
let analysis: AnalysisService;
let server: RunningServer;
let key: string;

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

const view = async () => (await gql<{ graphView: View }>(VIEW)).graphView;

beforeAll(async () => {
  db = testDb();
  analysis = new AnalysisService(db);
  server = await startServer(db, 0, undefined, analysis, { auth: testAuthConfig() });
  key = await testUserKey(db, { id: 'test-graph-editor', roles: ['EDITOR'] });
});
afterAll(async () => {
  await server.close();
  await db.close();
});

describe('graphView', () => {
  it('says COMPUTING before the first layout, then gives every node a finite position, FRESH', async () => {
    const first = await view();
    expect(first.layout.status).toBe('COMPUTING');
    expect(first.layout.positions).toEqual([]);
    await analysis.layouts.settled(await analysis.snapshot());
    const second = await view();
    expect(second.layout.status).toBe('FRESH');
    expect(second.layout.snapshotVersion).toBe(second.version);
    expect(second.layout.computeMs).toBeGreaterThan(0);
    expect(new Set(second.layout.positions.map((p) => p.id))).toEqual(new Set(second.nodes.map((n) => n.id)));
    for (const p of second.layout.positions) expect(Number.isFinite(p.x) && Number.isFinite(p.y), p.id).toBe(true);
    // Spread out, not collapsed: the layout spans many ideal edge lengths (60) each way.
    const xs = second.layout.positions.map((p) => p.x);
    const ys = second.layout.positions.map((p) => p.y);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(600);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(600);
  });

  it('holds the same nodes and dependencies as the paginated lists, with the same fields', async () => {
    const v = await view();
    const totals = await gql<Record<string, { totalCount: number }>>(
      `{ providers { totalCount } facilities { totalCount } services { totalCount } criticalFunctions { totalCount } dependencies { totalCount } countries { totalCount } }`,
    );
    expect(v.nodes.length).toBe(totals.providers!.totalCount + totals.facilities!.totalCount + totals.services!.totalCount + totals.criticalFunctions!.totalCount);
    expect(v.dependencies.length).toBe(totals.dependencies!.totalCount);
    expect(v.countries.length).toBe(totals.countries!.totalCount);
    const kinds = new Map<string, number>();
    for (const n of v.nodes) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
    expect(kinds.get('Provider')).toBe(totals.providers!.totalCount);
    expect(kinds.get('CriticalFunction')).toBe(totals.criticalFunctions!.totalCount);

    // Field by field against the node and dependency resolvers, for one of each kind.
    const sample = await gql<{
      service: { id: string; name: string; serviceKind: string; provider: { id: string; headquarters: { id: string } }; provenance: { illustrative: boolean; tlp: string; confidence: string } };
      facility: { id: string; facilityKind: string; country: { id: string }; operator: { id: string } };
      fn: { id: string; sector: string; importance: number; country: { id: string }; provenance: { illustrative: boolean } };
      provider: { id: string; providerKind: string; headquarters: { id: string } };
    }>(`{
      service: node(id: "svc:solarwinds-orion") { ... on Service { id name serviceKind provider { id headquarters { id } } provenance { illustrative tlp confidence } } }
      facility: node(id: "fac:ovh-sbg") { ... on Facility { id facilityKind country { id } operator { id } } }
      fn: node(id: "fn:ee-energy") { ... on CriticalFunction { id sector importance country { id } provenance { illustrative } } }
      provider: node(id: "prov:aws") { ... on Provider { id providerKind headquarters { id } } }
    }`);
    const byId = new Map(v.nodes.map((n) => [n.id, n]));
    expect(byId.get('svc:solarwinds-orion')).toEqual({
      id: 'svc:solarwinds-orion',
      name: sample.service.name,
      kind: 'Service',
      subKind: sample.service.serviceKind,
      sector: null,
      country: sample.service.provider.headquarters.id,
      owner: sample.service.provider.id,
      importance: 1,
      illustrative: sample.service.provenance.illustrative,
      tlp: sample.service.provenance.tlp,
      confidence: sample.service.provenance.confidence,
    });
    expect(byId.get('fac:ovh-sbg')).toMatchObject({ kind: 'Facility', subKind: sample.facility.facilityKind, country: sample.facility.country.id, owner: sample.facility.operator.id });
    expect(byId.get('fn:ee-energy')).toMatchObject({ kind: 'CriticalFunction', sector: sample.fn.sector, importance: sample.fn.importance, country: sample.fn.country.id, owner: null, illustrative: true });
    expect(byId.get('prov:aws')).toMatchObject({ kind: 'Provider', subKind: sample.provider.providerKind, country: sample.provider.headquarters.id, owner: null });

    // Cross-border and trust flags agree with the Dependency resolvers on every edge.
    const listed = await gql<{ dependencies: { nodes: { id: string; crossBorder: boolean; trustCarrying: boolean; channel: string }[] } }>(
      `{ dependencies(first: 5000) { nodes { id crossBorder trustCarrying channel } } }`,
    );
    const fromList = new Map(listed.dependencies.nodes.map((d) => [d.id, d]));
    expect(fromList.size).toBe(v.dependencies.length);
    let crossBorder = 0;
    for (const d of v.dependencies) {
      expect({ crossBorder: d.crossBorder, trustCarrying: d.trustCarrying, channel: d.channel }, d.id).toEqual({
        crossBorder: fromList.get(d.id)!.crossBorder,
        trustCarrying: fromList.get(d.id)!.trustCarrying,
        channel: fromList.get(d.id)!.channel,
      });
      if (d.crossBorder) crossBorder++;
    }
    expect(crossBorder).toBeGreaterThan(0);
    const ee = v.countries.find((c) => c.id === 'EE')!;
    expect(ee).toMatchObject({ name: 'Estonia', numeric: '233', natoMember: true });
    expect(ee.latitude).toBeGreaterThan(57);
  });

  it('gives the same graph the same layout, and after a write serves the old one (STALE) until the new one is done', async () => {
    const before = await view();
    // A second service computes the layout of the same snapshot independently: same seed, same positions.
    const other = new AnalysisService(db);
    try {
      const snapshot = await other.snapshot();
      await other.layouts.settled(snapshot);
      const again = other.graphView(snapshot).layout.positions;
      expect(again).toEqual(before.layout.positions);
    } finally {
      other.close();
    }

    await gql(`mutation { createProvider(input: { id: "prov:t-view-new", name: "View test provider", providerKind: CLOUD, headquarters: "EE", provenance: { source: "https://example.org/view" } }) { id } }`);
    try {
      const stale = await view();
      expect(stale.version).toBeGreaterThan(before.version);
      expect(stale.nodes.some((n) => n.id === 'prov:t-view-new')).toBe(true);
      expect(stale.layout.status).toBe('STALE');
      expect(stale.layout.snapshotVersion).toBe(before.version);
      expect(stale.layout.positions.some((p) => p.id === 'prov:t-view-new')).toBe(false);
      expect(stale.layout.positions.length).toBe(before.layout.positions.length);

      await analysis.layouts.settled(await analysis.snapshot());
      const fresh = await view();
      expect(fresh.layout.status).toBe('FRESH');
      expect(fresh.layout.positions.some((p) => p.id === 'prov:t-view-new')).toBe(true);
    } finally {
      await gql(`mutation { deleteNode(id: "prov:t-view-new", force: true) { id } }`);
    }
  });
});
