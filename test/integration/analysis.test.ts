/**
 * The risk engine over GraphQL, on the seed data in the suite's Neo4j:
 * blast radius in every mode, the seeded incident replays and their back-tests,
 * rankings, single points of failure, concentration, stress tests, scenarios
 * and mitigations, and the snapshot's isolation from concurrent what-ifs.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connect } from '../../src/store/driver';
import type { Snapshot } from '../../src/projection/snapshot';
import { startTestApi } from './db';
import type { TestApi } from './db';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const codes = (res: { errors?: { extensions?: { code?: string } }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

type Blast = {
  snapshotVersion: number;
  totals: { affected: number; functionsLost: number; functionsFailed: number; functionsDegraded: number; functionsCompromised: number; importanceLost: number; belowThreshold: number; byKind: { kind: string; count: number }[] };
  functionsLostByCountry: { country: { id: string; natoMember: boolean }; count: number; importance: number }[];
  crossBorder: {
    byLocation: { originCountries: { id: string }[]; foreignNato: number; foreignNonNato: number };
    byJurisdiction: { originCountries: { id: string }[]; foreignNato: number };
    borderCrossings: { id: string; crossBorder: boolean }[];
  };
  affected: { node: { id: string; kind: string }; state: string; hour: number; wave: number; probability: number; distress: number; explanation: { nodes: { id: string }[]; dependencies: { id: string }[]; illustrativeShare: number } }[];
  compromise: { runs: number; expectedImportance: number; importanceStdDev: number; importanceP5: number; importanceP95: number; expectedFunctionsCompromised: number } | null;
  debtRank: number | null;
};

const BLAST = `query($input: BlastRadiusInput!) { blastRadius(input: $input) {
  snapshotVersion
  totals { affected functionsLost functionsFailed functionsDegraded functionsCompromised importanceLost belowThreshold byKind { kind count } }
  functionsLostByCountry { country { id natoMember } count importance }
  crossBorder {
    byLocation { originCountries { id } foreignNato foreignNonNato }
    byJurisdiction { originCountries { id } foreignNato }
    borderCrossings { id crossBorder }
  }
  affected { node { id kind } state hour wave probability distress explanation { nodes { id } dependencies { id } illustrativeShare } }
  compromise { runs expectedImportance importanceStdDev importanceP5 importanceP95 expectedFunctionsCompromised }
  debtRank
} }`;

async function blast(input: Record<string, unknown>): Promise<Blast> {
  const res = await api.gql<{ blastRadius: Blast }>(BLAST, { input });
  expect(res.errors).toBeUndefined();
  return res.data!.blastRadius;
}

function snapshotDigest(s: Snapshot): string {
  const h = createHash('sha256');
  const g = s.propagation;
  for (const a of [g.kind, g.threshold, g.importance, g.edgeDependent, g.edgeSupplier, g.strength, g.propagation, g.delay, g.recovery, g.integrity, g.illustrative, g.edgeGroup, g.groupMinAlive, g.bySupplierOffsets, g.bySupplierEdges, g.totalStrength, s.location, s.jurisdiction]) {
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  h.update(g.edgeIds.join('|'));
  h.update(String(s.graph.order) + '/' + String(s.graph.size));
  return h.digest('hex');
}

describe('blastRadius', () => {
  it('explains every affected node with a chain of critical causes back to an origin', async () => {
    const r = await blast({ origins: ['prov:aws'] });
    expect(r.totals.affected).toBeGreaterThan(10);
    for (const a of r.affected) {
      const chain = a.explanation;
      expect(chain.nodes[chain.nodes.length - 1]!.id).toBe(a.node.id);
      expect(chain.dependencies).toHaveLength(chain.nodes.length - 1);
      expect(chain.dependencies).toHaveLength(a.wave);
      if (a.state === 'ORIGIN') expect(a.hour).toBe(0);
    }
    // Origins: the provider and everything it operates or offers.
    const origins = r.affected.filter((a) => a.state === 'ORIGIN').map((a) => a.node.kind);
    expect(new Set(origins)).toEqual(new Set(['Provider', 'Facility', 'Service']));
    const alone = await blast({ origins: ['prov:aws'], providerOnly: true });
    expect(alone.affected.filter((a) => a.state === 'ORIGIN')).toHaveLength(1);
  });

  it('gives different answers under HARD, THRESHOLD and DISTRESS, with DebtRank reported for DISTRESS', async () => {
    // Two regions where, in the v2 seed, hosted cores (public administration, food retail) run.
    const origins = ['fac:aws-eu-south-1', 'fac:aws-eu-north-1'];
    const hard = await blast({ origins, rule: 'HARD' });
    const threshold = await blast({ origins, rule: 'THRESHOLD' });
    const distress = await blast({ origins, rule: 'DISTRESS' });
    expect(hard.debtRank).toBeNull();
    expect(distress.debtRank).toBeGreaterThan(0);
    expect(distress.affected.some((a) => a.state === 'DEGRADED' && a.distress > 0 && a.distress < 1)).toBe(true);
    // The same nodes may be touched; the rules differ in what happens to them (FAILED under HARD, DEGRADED by a share under THRESHOLD).
    const outcomes = (b: Blast) => b.affected.map((a) => `${a.node.id}:${a.state}`).sort().join(',');
    expect(new Set([outcomes(hard), outcomes(threshold), outcomes(distress)]).size).toBeGreaterThan(1);
    expect(hard.totals.functionsFailed).toBeGreaterThan(threshold.totals.functionsFailed);
  });

  it('replays SolarWinds as a compromise reaching functions in several member states, the United States among them', async () => {
    // At a 5% outcome threshold the compromise reaches many members, the US among them ...
    const r = await blast({ origins: ['svc:solarwinds-orion'], mode: 'COMPROMISE', effect: 'ACCESS', runs: 2000, seed: 7, lossProbability: 0.05 });
    const countries = r.functionsLostByCountry.map((c) => c.country.id);
    expect(countries.length).toBeGreaterThan(5);
    expect(countries).toContain('US');
    expect(r.functionsLostByCountry.every((c) => c.country.natoMember)).toBe(true);
    expect(r.affected.every((a) => a.probability >= 0.05)).toBe(true);
    // ... while the default (more likely than not) lists only what is compromised in at least half the runs,
    // and every breakdown counts exactly those.
    const likely = await blast({ origins: ['svc:solarwinds-orion'], mode: 'COMPROMISE', effect: 'ACCESS', runs: 2000, seed: 7 });
    expect(likely.affected.every((a) => a.probability >= 0.5)).toBe(true);
    expect(likely.functionsLostByCountry.length).toBeLessThan(countries.length);
    const compromisedFns = likely.affected.filter((a) => a.node.kind === 'CriticalFunction').length;
    expect(likely.totals.functionsCompromised).toBe(compromisedFns);
    expect(likely.functionsLostByCountry.reduce((n, c) => n + c.count, 0)).toBe(compromisedFns);
    expect(likely.totals.functionsFailed).toBe(0);
    expect(likely.compromise!.expectedFunctionsCompromised).toBeGreaterThan(likely.totals.functionsCompromised);
    expect(r.compromise!.runs).toBe(2000);
    expect(r.compromise!.importanceP5).toBeLessThanOrEqual(r.compromise!.expectedImportance);
    expect(r.compromise!.importanceP95).toBeGreaterThanOrEqual(r.compromise!.expectedImportance);
    expect(r.affected.every((a) => a.probability > 0 && a.probability <= 1)).toBe(true);
    // ACCESS: compromised nodes keep running.
    expect(r.affected.filter((a) => a.state === 'FAILED')).toHaveLength(0);
    // Same seed, same answer.
    const again = await blast({ origins: ['svc:solarwinds-orion'], mode: 'COMPROMISE', effect: 'ACCESS', runs: 2000, seed: 7, lossProbability: 0.05 });
    expect(again).toEqual(r);
  });

  it('replays the OVHcloud Strasbourg fire crossing from France to other members', async () => {
    const r = await blast({ origins: ['fac:ovh-sbg'] });
    expect(r.crossBorder.byLocation.originCountries.map((c) => c.id)).toEqual(['FR']);
    expect(r.crossBorder.byLocation.foreignNato).toBeGreaterThan(0);
    const foreign = r.functionsLostByCountry.filter((c) => c.country.id !== 'FR' && c.country.natoMember);
    expect(foreign.length).toBeGreaterThan(0);
    expect(r.crossBorder.borderCrossings.length).toBeGreaterThan(0);
    expect(r.crossBorder.borderCrossings.every((d) => d.crossBorder)).toBe(true);
  });

  it('turns DISRUPT compromises into outages (NotPetya, Kaseya)', async () => {
    const access = await blast({ origins: ['svc:kaseya-vsa'], mode: 'COMPROMISE', effect: 'ACCESS', runs: 500 });
    const disrupt = await blast({ origins: ['svc:kaseya-vsa'], mode: 'COMPROMISE', effect: 'DISRUPT', runs: 500 });
    expect(disrupt.affected.some((a) => a.state === 'FAILED')).toBe(true);
    expect(disrupt.totals.affected).toBeGreaterThanOrEqual(access.totals.affected);
  });

  it('applies what-if overrides privately, and excludes illustrative edges on request', async () => {
    const base = await blast({ origins: ['fac:ovh-sbg'] });
    const firstEdge = base.affected.find((a) => a.wave === 1)!.explanation.dependencies[0]!.id;
    const cut = await blast({ origins: ['fac:ovh-sbg'], overrides: { removeDependencies: [firstEdge] } });
    expect(cut.totals.affected).toBeLessThan(base.totals.affected);
    const publicOnly = await blast({ origins: ['fac:ovh-sbg'], excludeIllustrative: true });
    expect(publicOnly.affected.every((a) => a.explanation.illustrativeShare === 0)).toBe(true);
    const again = await blast({ origins: ['fac:ovh-sbg'] });
    expect(again).toEqual(base);
  });

  it('rejects bad input with clear errors', async () => {
    const unknown = await api.gql(BLAST, { input: { origins: ['fac:nowhere'] } });
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect(unknown.errors![0]!.message).toContain("'fac:nowhere'");
    const p7 = await api.gql(BLAST, {
      input: { origins: ['fac:ovh-sbg'], overrides: { addDependencies: [{ dependent: 'fn:fr-health', supplier: 'fac:ovh-rbx', channel: 'HOSTING', propagation: 7 }] } },
    });
    expect(codes(p7)).toEqual(['BAD_USER_INPUT']);
    expect(p7.errors![0]!.message).toMatch(/propagation must be between 0 and 1 \(got 7\)/);
    expect(codes(await api.gql(BLAST, { input: { origins: ['svc:kaseya-vsa'], mode: 'COMPROMISE', runs: 0 } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(BLAST, { input: { origins: [] } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(BLAST, { input: { origins: ['fac:ovh-sbg'], durationHours: -1 } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('runs 50 concurrent what-ifs without any of them touching the shared snapshot', async () => {
    const snapshot = await api.server.analysis.snapshot();
    const before = snapshotDigest(snapshot);
    const regions = snapshot.propagation.ids.filter((id) => id.startsWith('fac:')).slice(0, 50);
    const inputs = regions.map((id, i) => ({
      origins: [id],
      rule: (['HARD', 'THRESHOLD', 'DISTRESS'] as const)[i % 3],
      overrides: { removeDependencies: [snapshot.propagation.edgeIds[i * 7]!], removeNodes: [regions[(i + 1) % regions.length]!] },
    }));
    const concurrent = await Promise.all(inputs.map((input) => blast(input)));
    expect(snapshotDigest(snapshot)).toBe(before);
    expect(await api.server.analysis.snapshot()).toBe(snapshot);
    for (const i of [0, 17, 49]) expect(concurrent[i]).toEqual(await blast(inputs[i]!));
  });

  it('sees writes by another client: the next analysis runs on the new version', async () => {
    const before = (await blast({ origins: ['fac:ovh-sbg'] })).snapshotVersion;
    const other = connect(inject('neo4j'));
    try {
      await other.write((tx) => tx.run(`MATCH (f:Facility {id: 'fac:ovh-sbg'}) SET f.threshold = 0.4`));
      const after = await blast({ origins: ['fac:ovh-sbg'] });
      expect(after.snapshotVersion).toBe(before + 1);
      await other.write((tx) => tx.run(`MATCH (f:Facility {id: 'fac:ovh-sbg'}) REMOVE f.threshold`));
    } finally {
      await other.close();
    }
  });
});

describe('rankings', () => {
  it('ranks linchpins without blocking, FRESH once the sweep is done', async () => {
    const snapshot = await api.server.analysis.snapshot();
    await api.server.analysis.linchpinRanker.settled(snapshot);
    const res = await api.gql<{ linchpins: { status: string; progress: number; snapshotVersion: number; rows: { rank: number; node: { id: string; kind: string }; score: number; countries: number; crossBorderShare: number }[] } }>(
      `{ linchpins(top: 10) { status progress snapshotVersion rows { rank node { id kind } score countries crossBorderShare } } }`,
    );
    const l = res.data!.linchpins;
    expect(l.status).toBe('FRESH');
    expect(l.progress).toBe(1);
    expect(l.snapshotVersion).toBe(snapshot.version);
    expect(l.rows).toHaveLength(10);
    for (let i = 1; i < l.rows.length; i++) {
      const [a, b] = [l.rows[i - 1]!, l.rows[i]!];
      expect(a.score > b.score || (a.score === b.score && (a.countries > b.countries || (a.countries === b.countries && a.crossBorderShare >= b.crossBorderShare)))).toBe(true);
    }
    // The score of the top linchpin is the importance blastRadius loses when it alone fails.
    const top = l.rows[0]!;
    const r = await blast({ origins: [top.node.id], providerOnly: true });
    expect(r.totals.importanceLost).toBeCloseTo(top.score, 9);
    // Restricting the losses to one country only ever lowers scores.
    const de = await api.gql<{ linchpins: { rows: { node: { id: string }; score: number }[] } }>(`{ linchpins(lossCountry: "DE", top: 1000) { rows { node { id } score } } }`);
    const deScore = de.data!.linchpins.rows.find((x) => x.node.id === top.node.id)!.score;
    expect(deScore).toBeLessThanOrEqual(top.score);
    expect(deScore).toBeCloseTo(r.functionsLostByCountry.find((c) => c.country.id === 'DE')?.importance ?? 0, 9);
  });

  it('says STALE right after a write, then FRESH on the new version', async () => {
    const before = await api.server.analysis.snapshot();
    await api.server.analysis.linchpinRanker.settled(before);
    await api.db.write((tx) => tx.run(`MATCH (f:Facility {id: 'fac:ovh-sbg'}) SET f.threshold = 0.45`));
    const query = `{ linchpins(top: 3) { status snapshotVersion rows { node { id } } } }`;
    const stale = await api.gql<{ linchpins: { status: string; snapshotVersion: number; rows: unknown[] } }>(query);
    expect(stale.data!.linchpins.status).toBe('STALE');
    expect(stale.data!.linchpins.snapshotVersion).toBe(before.version);
    expect(stale.data!.linchpins.rows).toHaveLength(3);
    const after = await api.server.analysis.snapshot();
    expect(after.version).toBe(before.version + 1);
    await api.server.analysis.linchpinRanker.settled(after);
    const fresh = await api.gql<{ linchpins: { status: string; snapshotVersion: number } }>(query);
    expect(fresh.data!.linchpins).toMatchObject({ status: 'FRESH', snapshotVersion: after.version });
    await api.db.write((tx) => tx.run(`MATCH (f:Facility {id: 'fac:ovh-sbg'}) REMOVE f.threshold`));
  });

  it('ranks centrality on the DEPENDS_ON graph, filtering only the rows returned', async () => {
    const res = await api.gql<{ centrality: { exact: boolean; rows: { rank: number; value: number; node: { kind: string } }[] } }>(
      `{ centrality(metric: BETWEENNESS, kinds: [Service], top: 5) { exact rows { rank value node { kind } } } }`,
    );
    const c = res.data!.centrality;
    expect(c.exact).toBe(true);
    expect(c.rows).toHaveLength(5);
    expect(c.rows.every((r) => r.node.kind === 'Service')).toBe(true);
    expect([...c.rows.map((r) => r.value)]).toEqual([...c.rows.map((r) => r.value)].sort((a, b) => b - a));
    await api.server.analysis.linchpinRanker.settled(await api.server.analysis.snapshot());
    const metrics = await api.gql<{ node: { metrics: { inDegree: number; pagerank: number; linchpinRank: number | null } } }>(`{ node(id: "svc:entra-id") { ... on Service { metrics { inDegree pagerank linchpinRank } } } }`);
    expect(metrics.data!.node.metrics.inDegree).toBeGreaterThan(0);
    expect(metrics.data!.node.metrics.linchpinRank).toBeGreaterThan(0);
  });

  it('finds single points of failure that really take the function down, and only those', async () => {
    const fn = 'fn:ee-health';
    const res = await api.gql<{ singlePointsOfFailure: { order1: { id: string }[]; order2: { a: { id: string }; b: { id: string } }[] } }>(
      `{ singlePointsOfFailure(function: "${fn}", order2: true) { order1 { id } order2 { a { id } b { id } } } }`,
    );
    const spof = res.data!.singlePointsOfFailure;
    expect(spof.order1.length).toBeGreaterThan(0);
    for (const { id } of spof.order1.slice(0, 10)) {
      // Single points of failure are structural: an outage with no end.
      const r = await blast({ origins: [id], providerOnly: true, openEnded: true });
      expect(r.affected.some((a) => a.node.id === fn), id).toBe(true);
    }
    for (const { a, b } of spof.order2.slice(0, 5)) {
      const r = await blast({ origins: [a.id, b.id], providerOnly: true, openEnded: true });
      expect(r.affected.some((x) => x.node.id === fn)).toBe(true);
    }
    expect(codes(await api.gql(`{ singlePointsOfFailure(function: "prov:aws") { order1 { id } } }`))).toEqual(['NOT_FOUND']);
  });

  it('measures concentration with HHI bands and single-point shares', async () => {
    const res = await api.gql<{ concentration: { functions: number; hhiByProvider: number; providerBand: string; topProviders: { share: number }[]; providerSpofShare: number; foreignJurisdictionSpofShare: number }; allianceConcentration: { sector: string; functions: number }[] }>(
      `{ concentration(country: "EE") { functions hhiByProvider providerBand topProviders { share } providerSpofShare foreignJurisdictionSpofShare }
         allianceConcentration { sector functions } }`,
    );
    const c = res.data!.concentration;
    expect(c.functions).toBe(12);
    expect(c.hhiByProvider).toBeGreaterThan(0);
    expect(c.hhiByProvider).toBeLessThanOrEqual(10_000);
    expect(c.providerBand).toBe(c.hhiByProvider > 1800 ? 'HIGH' : c.hhiByProvider >= 1000 ? 'MODERATE' : 'LOW');
    expect(c.providerSpofShare).toBeGreaterThanOrEqual(0);
    expect(c.providerSpofShare).toBeLessThanOrEqual(1);
    expect(res.data!.allianceConcentration.length).toBeGreaterThanOrEqual(10);
    expect(res.data!.allianceConcentration.every((s) => s.functions === 32)).toBe(true);
    const fp = await api.gql<{ dependenceFootprint: { sector: string; countries: number; functions: number }[] }>(`{ dependenceFootprint(node: "prov:microsoft") { sector countries functions } }`);
    expect(fp.data!.dependenceFootprint.length).toBeGreaterThan(0);
    expect(fp.data!.dependenceFootprint.every((s) => s.countries >= 1 && s.countries <= 32 && s.functions >= s.countries)).toBe(true);
  });
});

describe('stress tests', () => {
  const START = `mutation($input: StressTestInput!) { stressTest(input: $input) { id status total } }`;
  const POLL = `query($id: ID!) { job(id: $id) { id status done total progress error result { runId runs functions { function { id } probability { estimate low high } degraded { estimate low high } } countries { country { id } probability { estimate low high } } functionsLost { p5 p50 p95 max mean } } } }`;
  type JobView = { id: string; status: string; done: number; total: number; progress: number; error: string | null; result: { runId: string; runs: number; functions: { function: { id: string }; probability: { estimate: number; low: number; high: number } }[]; countries: { probability: { estimate: number } }[]; functionsLost: { p5: number; p50: number; p95: number; max: number } } | null };

  async function run(input: Record<string, unknown>): Promise<JobView> {
    const started = await api.gql<{ stressTest: { id: string } }>(START, { input });
    expect(started.errors).toBeUndefined();
    for (;;) {
      const res = await api.gql<{ job: JobView }>(POLL, { id: started.data!.stressTest.id });
      const job = res.data!.job;
      if (!['QUEUED', 'RUNNING'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('runs random failures with common shocks as a job, reproducibly, with Wilson intervals', async () => {
    const input = { runs: 3000, seed: 42, probability: 0.02, countryShockProbability: 0.01 };
    const a = await run(input);
    expect(a.status).toBe('SUCCEEDED');
    expect(a.done).toBe(3000);
    expect(a.result!.runId).toBe(a.id);
    const f = a.result!.functions[0]!;
    expect(f.probability.low).toBeLessThanOrEqual(f.probability.estimate);
    expect(f.probability.high).toBeGreaterThanOrEqual(f.probability.estimate);
    const d = a.result!.functionsLost;
    expect(d.p5 <= d.p50 && d.p50 <= d.p95 && d.p95 <= d.max).toBe(true);
    const b = await run(input);
    expect({ ...b.result!, runId: '' }).toEqual({ ...a.result!, runId: '' });
  });

  it('runs a fixed origin set under COMPROMISE probabilities, and cancels a long job', async () => {
    const c = await run({ kind: 'COMPROMISE', origins: ['svc:kaseya-vsa'], effect: 'DISRUPT', runs: 2000, seed: 3 });
    expect(c.status).toBe('SUCCEEDED');
    expect(c.result!.functions.length).toBeGreaterThan(0);
    expect(c.result!.functions.every((f) => f.probability.estimate > 0 && f.probability.estimate <= 1)).toBe(true);

    const long = await api.gql<{ stressTest: { id: string } }>(START, { input: { runs: 100000, seed: 9, probability: 0.05 } });
    const id = long.data!.stressTest.id;
    const cancelled = await api.gql<{ cancelJob: { status: string } }>(`mutation($id: ID!) { cancelJob(id: $id) { status } }`, { id });
    expect(cancelled.data!.cancelJob.status).toBe('CANCELLED');
    const after = await api.gql<{ job: JobView }>(POLL, { id });
    expect(after.data!.job.status).toBe('CANCELLED');
    expect(after.data!.job.done).toBeLessThan(100000);
  });

  it('rejects bad stress inputs', async () => {
    const res = await api.gql(START, { input: { probability: 7 } });
    const status = res.errors ? codes(res) : [((await run({ probability: 7 })).status)];
    expect(status[0] === 'BAD_USER_INPUT' || status[0] === 'FAILED').toBe(true);
    expect(codes(await api.gql(`{ job(id: "nope") { id } }`))).toEqual(['NOT_FOUND']);
  });
});

describe('scenarios', () => {
  it('stores the five incident replays, each back-tested against the countries its sources name', async () => {
    const res = await api.gql<{ scenarios: { id: string; incident: { id: string; name: string } | null; backtest: { precision: number | null; recall: number | null; namedCountries: { id: string }[]; modelledCountries: { id: string }[]; notModelled: { id: string }[]; predictedCountries: { id: string }[] } | null }[] }>(
      `{ scenarios { id incident { id name } backtest { precision recall namedCountries { id } modelledCountries { id } notModelled { id } predictedCountries { id } } } }`,
    );
    const replays = res.data!.scenarios.filter((s) => s.incident);
    expect(replays.map((s) => s.incident!.id).sort()).toEqual([
      'inc:fastly-2021',
      'inc:kaseya-vsa-2021',
      'inc:notpetya-2017',
      'inc:ovhcloud-sbg-fire-2021',
      'inc:solarwinds-2020',
    ]);
    console.log('\nBack-test of the seeded incidents (printed, never tuned):');
    for (const s of replays) {
      const b = s.backtest!;
      const hits = b.predictedCountries.filter((c) => b.modelledCountries.some((n) => n.id === c.id)).length;
      // Recall counts only named countries the model has functions for; the others are reported, not scored.
      expect(b.modelledCountries.length + b.notModelled.length).toBe(b.namedCountries.length);
      expect(b.recall).toBeCloseTo(hits / b.modelledCountries.length, 12);
      console.log(
        `  ${s.incident!.id.padEnd(28)} precision ${b.precision === null ? 'n/a' : b.precision.toFixed(2)}  recall ${b.recall === null ? 'n/a' : b.recall.toFixed(2)}  ` +
          `(named ${b.namedCountries.map((c) => c.id).join(' ')}; predicted ${b.predictedCountries.length} member states)`,
      );
    }
  });

  it('saves, lists, compares and deletes scenarios; mitigates and suggests mitigations', async () => {
    const save = `mutation($input: SaveScenarioInput!) { saveScenario(input: $input) { id name author snapshotVersion result { totals { functionsLost importanceLost } } } }`;
    const a = await api.gql<{ saveScenario: { id: string; result: { totals: { functionsLost: number; importanceLost: number } } } }>(save, {
      input: { name: 'AWS Milan down', author: 'test', analysis: { origins: ['fac:aws-eu-south-1'] } },
    });
    const b = await api.gql<{ saveScenario: { id: string; result: { totals: { functionsLost: number } } } }>(save, {
      input: { name: 'AWS down', author: 'test', analysis: { origins: ['prov:aws'] } },
    });
    const [ida, idb] = [a.data!.saveScenario.id, b.data!.saveScenario.id];
    const cmp = await api.gql<{ compareScenarios: { onlyInA: { id: string }[]; onlyInB: { id: string }[]; inBoth: number; byCountry: { key: string; a: number; b: number; delta: number }[] } }>(
      `{ compareScenarios(a: "${ida}", b: "${idb}") { onlyInA { id } onlyInB { id } inBoth byCountry { key a b delta } } }`,
    );
    const c = cmp.data!.compareScenarios;
    expect(c.onlyInA).toEqual([]);
    expect(c.onlyInB.length).toBeGreaterThan(0);
    expect(c.byCountry.every((d) => d.delta === d.b - d.a && d.delta >= 0)).toBe(true);

    const m = await api.gql<{ mitigate: { importanceBefore: number; importanceAfter: number; reduction: number; spared: { id: string }[] } }>(
      `{ mitigate(scenario: "${ida}", changes: { removeDependencies: [] }) { importanceBefore importanceAfter reduction spared { id } } }`,
    );
    expect(m.data!.mitigate.reduction).toBe(0);
    expect(m.data!.mitigate.importanceBefore).toBeCloseTo(a.data!.saveScenario.result.totals.importanceLost, 9);

    const s = await api.gql<{ suggestMitigations: { step: number; kind: string; reduction: number; remaining: number; dependency: { id: string } }[] }>(
      `{ suggestMitigations(scenario: "${ida}", k: 3) { step kind reduction remaining dependency { id } } }`,
    );
    const steps = s.data!.suggestMitigations;
    expect(steps.length).toBeGreaterThan(0);
    let left = a.data!.saveScenario.result.totals.importanceLost;
    for (const step of steps) {
      expect(step.reduction).toBeGreaterThan(0);
      expect(step.remaining).toBeCloseTo(left - step.reduction, 9);
      left = step.remaining;
    }
    // The first suggestion, applied through mitigate, removes exactly what it promised.
    const first = steps[0]!;
    expect(first.kind === 'CUT_TRUST_CHANNEL' || first.kind === 'ADD_ALTERNATIVE').toBe(true);

    for (const id of [ida, idb]) {
      const del = await api.gql(`mutation { deleteScenario(id: "${id}") { id } }`);
      expect(del.errors).toBeUndefined();
    }
    expect(codes(await api.gql(`{ scenario(id: "${ida}") { id } }`))).toEqual(['NOT_FOUND']);
  });
});
