/**
 * Heavy work off the event loop and under caps, on the seed data in the suite's
 * Neo4j: a heavy blastRadius running in the analysis pool while trivial
 * queries answer; the per-caller limit and the queue cap (RATE_LIMITED); the
 * pool giving the same answers as the calling thread; stress-test inputs all
 * checked before a job is queued; job caps and owners; scenario owners, names
 * unique per owner (also under concurrent saves), rename, delete and paging.
 *
 * The server here has small limits so that the caps are reached with a few
 * requests: one analysis worker, one analysis running and one waiting per
 * caller, one waiting overall; two stress jobs per caller, three overall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../../src/auth/caller';
import type { Caller } from '../../src/auth/caller';
import { NotFoundError, RateLimitedError } from '../../src/errors';
import { AnalysisService } from '../../src/services/analysis/analysis-service';
import { startTestApi, testDb } from './db';
import type { GraphqlResponse, TestApi } from './db';

let api: TestApi;
let analysis: AnalysisService;
beforeAll(async () => {
  analysis = new AnalysisService(testDb(), {
    pool: { workers: 1, perCallerRunning: 1, perCallerQueued: 1, maxQueued: 1 },
    jobs: { perCaller: 2, overall: 3 },
  });
  api = await startTestApi({ analysis });
});
afterAll(async () => {
  await api.close();
  await analysis.db.close();
});

const codes = (res: GraphqlResponse<unknown>) => (res.errors ?? []).map((e) => e.extensions?.code);
const caller = (id: string, role: Caller['roles'][number]): Caller => ({ ...LOCAL_CALLER, via: 'token', id, name: id, roles: [role] });
const alice = caller('user:alice', 'RISK');
const bob = caller('user:bob', 'RISK');
const carol = caller('user:carol', 'RISK');

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 6000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition never held');
}

const BLAST = `query($input: BlastRadiusInput!) { blastRadius(input: $input) { snapshotVersion totals { affected functionsLost importanceLost } compromise { runs } } }`;
const HEAVY = { origins: ['prov:microsoft'], mode: 'COMPROMISE', runs: 20000, seed: 1 };

describe('heavy analyses in the pool', () => {
  it('a trivial query answers while a heavy blastRadius runs; beyond the caller’s limit and the queue, RATE_LIMITED', async () => {
    const order: string[] = [];
    const heavy = api.gql<{ blastRadius: { compromise: { runs: number } } }>(BLAST, { input: HEAVY }).then((r) => {
      order.push('heavy');
      return r;
    });
    await until(() => analysis.pool.stats().running === 1);

    const stats = await api.gql<{ graphStats: { version: number; dependencyCount: number } }>(`{ graphStats { version dependencyCount } }`);
    order.push('graphStats');
    expect(stats.data!.graphStats.dependencyCount).toBeGreaterThan(0);
    const node = await api.gql<{ node: { id: string } }>(`{ node(id: "prov:aws") { id } }`);
    order.push('node');
    expect(node.data!.node.id).toBe('prov:aws');

    // The same caller's second heavy analysis waits (one running per caller here) ...
    const second = api.gql<{ blastRadius: { compromise: { runs: number } } }>(BLAST, { input: { ...HEAVY, runs: 500 } }).then((r) => {
      order.push('second');
      return r;
    });
    await until(() => analysis.pool.stats().queued === 1);
    // ... and a third is refused at once: its waiting place is taken.
    const third = await api.gql(BLAST, { input: { ...HEAVY, runs: 100 } });
    order.push('refused');
    expect(codes(third)).toEqual(['RATE_LIMITED']);
    expect(third.errors![0]!.message).toMatch(/too many analyses at once for caller/);
    // Another caller finds the queue (one place) full.
    await expect(analysis.blastRadius({ origins: ['prov:aws'] }, alice)).rejects.toThrow(/the analysis queue is full/);

    const [h, s] = await Promise.all([heavy, second]);
    expect(h.errors).toBeUndefined();
    expect(h.data!.blastRadius.compromise.runs).toBe(20000);
    expect(s.data!.blastRadius.compromise.runs).toBe(500);
    // The two heavy answers come back in either order (hydrating the larger result takes longer); the pool ran them one after the other.
    expect(order.slice(0, 3)).toEqual(['graphStats', 'node', 'refused']);
    expect(order.slice(3).sort()).toEqual(['heavy', 'second']);
    expect(analysis.pool.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it('answers exactly as the calling thread does (blastRadius, SPOF, backtest, centrality, mitigate, suggestMitigations)', async () => {
    const inThread = new AnalysisService(analysis.db, { pool: { workers: 0 } });
    try {
      const requests = [
        { origins: ['svc:kaseya-vsa'], mode: 'COMPROMISE' as const, effect: 'DISRUPT' as const, runs: 300, seed: 5 },
        { origins: ['prov:aws'], rule: 'DISTRESS' as const },
      ];
      for (const r of requests) expect(await analysis.blastRadius(r, alice)).toEqual(await inThread.blastRadius(r));
      const g = (await analysis.snapshot()).propagation;
      const fn = g.ids.find((_, v) => g.importance[v]! > 0)!;
      expect(await analysis.singlePointsOfFailure(fn, true, alice)).toEqual(await inThread.singlePointsOfFailure(fn, true));
      expect(await analysis.backtest('inc:fastly-2021', {}, alice)).toEqual(await inThread.backtest('inc:fastly-2021'));
      expect(await analysis.centrality('BETWEENNESS', null, 10, alice)).toEqual(await inThread.centrality('BETWEENNESS', null, 10));
      await expect(analysis.singlePointsOfFailure('cf:nope', false, alice)).rejects.toBeInstanceOf(NotFoundError);
      const scenario = await analysis.saveScenario({ name: 'Workers: pool vs thread', author: 'alice', analysis: { origins: ['fac:aws-eu-central-1'] } }, alice);
      expect(await analysis.suggestMitigations(scenario.id, 2, alice)).toEqual(await inThread.suggestMitigations(scenario.id, 2, alice));
      const changes = { removeDependencies: [(await analysis.snapshot()).propagation.edgeIds[3]!] };
      expect(await analysis.mitigate(scenario.id, changes, alice)).toEqual(await inThread.mitigate(scenario.id, changes, alice));
    } finally {
      inThread.close();
    }
  });
});

describe('stress tests: checked up front, capped, owned', () => {
  const START = `mutation($input: StressTestInput!) { stressTest(input: $input) { id owner status } }`;
  const JOBS = `{ jobs(first: 500) { id owner status } }`;

  it('rejects every invalid input at stressTest, naming the field, and queues nothing', async () => {
    const catalogue: [Record<string, unknown>, string, string][] = [
      [{ runs: 0 }, 'runs', 'BAD_USER_INPUT'],
      [{ runs: 100001 }, 'runs', 'BAD_USER_INPUT'],
      [{ probability: 7 }, 'probability', 'BAD_USER_INPUT'],
      [{ probability: -0.1 }, 'probability', 'BAD_USER_INPUT'],
      [{ countryShockProbability: 2 }, 'countryShockProbability', 'BAD_USER_INPUT'],
      [{ providerShockProbability: -1 }, 'providerShockProbability', 'BAD_USER_INPUT'],
      [{ countryLossShare: 0 }, 'countryLossShare', 'BAD_USER_INPUT'],
      [{ countryLossShare: 1.5 }, 'countryLossShare', 'BAD_USER_INPUT'],
      [{ seed: -1 }, 'seed', 'BAD_USER_INPUT'],
      [{ seed: 1.5 }, 'seed', 'BAD_USER_INPUT'],
      [{ seed: 5e9 }, 'seed', 'BAD_USER_INPUT'],
      [{ kinds: ['Country'] }, 'kinds', 'BAD_USER_INPUT'],
      [{ kinds: ['Incident'] }, 'kinds', 'BAD_USER_INPUT'],
      [{ kind: 'COMPROMISE' }, 'origins', 'BAD_USER_INPUT'],
      [{ kind: 'COMPROMISE', origins: [] }, 'origins', 'BAD_USER_INPUT'],
      [{ kind: 'COMPROMISE', origins: ['svc:kaseya-vsa'], runs: -5 }, 'runs', 'BAD_USER_INPUT'],
      [{ kind: 'COMPROMISE', origins: ['svc:kaseya-vsa'], countryLossShare: 2 }, 'countryLossShare', 'BAD_USER_INPUT'],
      [{ kind: 'COMPROMISE', origins: ['prov:no-such-provider'] }, 'prov:no-such-provider', 'NOT_FOUND'],
    ];
    const before = (await api.gql<{ jobs: unknown[] }>(JOBS)).data!.jobs.length;
    for (const [input, field, code] of catalogue) {
      const res = await api.gql(START, { input });
      expect(res.data ?? null, JSON.stringify(input)).toBeNull();
      expect(codes(res), JSON.stringify(input)).toEqual([code]);
      const error = res.errors![0]!;
      if (code === 'BAD_USER_INPUT') expect(error.extensions!.details![0]!.path, JSON.stringify(input)).toBe(field);
      expect(error.message, JSON.stringify(input)).toContain(field);
    }
    expect((await api.gql<{ jobs: unknown[] }>(JOBS)).data!.jobs.length).toBe(before);
    console.log(`\nstressTest: ${catalogue.length} invalid inputs, all refused before queueing, none queued`);
  });

  it('caps jobs per caller and overall; a caller sees, follows and cancels only its own jobs', async () => {
    const long = { runs: 100000, seed: 9, probability: 0.05 };
    const a1 = await analysis.startStressTest(long, alice);
    const a2 = await analysis.startStressTest(long, alice);
    await expect(analysis.startStressTest(long, alice)).rejects.toThrow(RateLimitedError);
    await expect(analysis.startStressTest(long, alice)).rejects.toThrow(/caller 'user:alice' \(2; the limit is 2\)/);
    const b1 = await analysis.startStressTest(long, bob);
    await expect(analysis.startStressTest(long, carol)).rejects.toThrow(/on the server \(3; the limit is 3\)/);
    const viaApi = await api.gql(START, { input: long });
    expect(codes(viaApi)).toEqual(['RATE_LIMITED']);

    expect(a1.owner).toBe('user:alice');
    expect(analysis.stressTests.list(alice).map((j) => j.job.id)).toEqual([a2.job.id, a1.job.id]);
    expect(analysis.stressTests.list(bob).map((j) => j.job.id)).toEqual([b1.job.id]);
    expect(analysis.stressTests.list(carol)).toEqual([]);
    expect(() => analysis.stressTests.get(a1.job.id, bob)).toThrow(NotFoundError);
    expect(() => analysis.stressTests.cancel(a1.job.id, bob)).toThrow(NotFoundError);
    expect(['QUEUED', 'RUNNING']).toContain(analysis.stressTests.get(a1.job.id, alice).job.status);

    // The API's caller (an administrator here) sees everyone's jobs, with their owners.
    const all = await api.gql<{ jobs: { id: string; owner: string; status: string }[] }>(JOBS);
    const listed = new Map(all.data!.jobs.map((j) => [j.id, j.owner]));
    expect(listed.get(a1.job.id)).toBe('user:alice');
    expect(listed.get(b1.job.id)).toBe('user:bob');
    const queued = await api.gql<{ jobs: { id: string }[] }>(`{ jobs(status: QUEUED) { id } }`);
    expect(queued.data!.jobs.map((j) => j.id).sort()).toEqual([a2.job.id, b1.job.id].sort());

    expect(analysis.stressTests.cancel(a1.job.id, alice).job.status).toBe('CANCELLED');
    expect(analysis.stressTests.cancel(a2.job.id, alice).job.status).toBe('CANCELLED');
    const b = await api.gql<{ cancelJob: { status: string; owner: string } }>(`mutation($id: ID!) { cancelJob(id: $id) { status owner } }`, { id: b1.job.id });
    expect(b.data!.cancelJob).toEqual({ status: 'CANCELLED', owner: 'user:bob' });
    // With the slots free again, a caller may start jobs.
    const next = await analysis.startStressTest({ runs: 50, seed: 1, probability: 0.01 }, carol);
    expect((await analysis.stressTests.finished(next.job.id, carol)).job.status).toBe('SUCCEEDED');
  });
});

describe('scenarios: owners, names unique per owner, rename, delete, paging', () => {
  const SAVE = `mutation($input: SaveScenarioInput!) { saveScenario(input: $input) { id name owner author } }`;
  const save = (name: string, origins = ['fac:ovh-sbg']) =>
    api.gql<{ saveScenario: { id: string; name: string; owner: string } }>(SAVE, { input: { name, author: 'workers test', analysis: { origins } } });
  const LIST = `query($first: Int, $after: ID, $search: String) { scenarios(first: $first, after: $after, search: $search) { id name owner } }`;
  const list = async (variables: Record<string, unknown>) => (await api.gql<{ scenarios: { id: string; name: string; owner: string }[] }>(LIST, variables));

  it('a second scenario with a name its owner has (ignoring case and spaces) is a CONFLICT naming the name; nothing is replaced', async () => {
    const first = await save('Workers: OVH fire');
    expect(first.errors).toBeUndefined();
    expect(first.data!.saveScenario.owner).toBe('test-admin');
    const again = await save('  workers:   ovh FIRE ', ['prov:aws']);
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toContain("'workers:   ovh FIRE'");
    const found = (await list({ search: 'workers: ovh' })).data!.scenarios;
    expect(found.map((s) => s.id)).toEqual([first.data!.saveScenario.id]);
    // Another owner may use the same name.
    const hers = await analysis.saveScenario({ name: 'Workers: OVH fire', author: 'alice', analysis: { origins: ['fac:ovh-sbg'] } }, caller('user:alice', 'ANALYST'));
    expect(hers.owner).toBe('user:alice');
    expect(codes(await save(''))).toEqual(['BAD_USER_INPUT']);
  });

  it('of eight concurrent saves of one name exactly one lands; the others get CONFLICT', async () => {
    // A service with the default pool limits: this server's would refuse most of the eight analyses first.
    const roomy = new AnalysisService(analysis.db, { pool: { workers: 1 } });
    const devOpen = { ...LOCAL_CALLER, via: 'dev-open' as const, id: 'dev-open' };
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => roomy.saveScenario({ name: 'Workers: concurrent name', author: 'race', analysis: { origins: ['prov:aws'] } }, devOpen)),
      );
      const saved = results.filter((r) => r.status === 'fulfilled');
      expect(saved).toHaveLength(1);
      const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as { code: string; message: string });
      expect(refused.map((e) => e.code)).toEqual(Array(7).fill('CONFLICT'));
      expect(refused.every((e) => e.message.includes("'Workers: concurrent name'"))).toBe(true);
      const stored = (await list({ search: 'workers: concurrent' })).data!.scenarios;
      expect(stored.map((s) => s.id)).toEqual([saved[0]!.value.id]);
    } finally {
      roomy.close();
    }
  });

  it('renames and deletes only one’s own; another’s is NOT_FOUND; an incident replay is FORBIDDEN to non-administrators', async () => {
    const mine = (await save('Workers: to rename')).data!.saveScenario;
    const taken = (await save('Workers: taken')).data!.saveScenario;
    const RENAME = `mutation($id: ID!, $name: String!) { renameScenario(id: $id, name: $name) { id name owner } }`;
    const renamed = await api.gql<{ renameScenario: { id: string; name: string } }>(RENAME, { id: mine.id, name: 'Workers: renamed' });
    expect(renamed.data!.renameScenario).toMatchObject({ id: mine.id, name: 'Workers: renamed' });
    const clash = await api.gql(RENAME, { id: mine.id, name: 'workers: TAKEN' });
    expect(codes(clash)).toEqual(['CONFLICT']);
    expect(clash.errors![0]!.message).toContain("'workers: TAKEN'");
    expect(codes(await api.gql(RENAME, { id: 'scn:nope', name: 'x' }))).toEqual(['NOT_FOUND']);

    const dave = caller('user:dave', 'ANALYST');
    await expect(analysis.scenario(mine.id, dave)).rejects.toBeInstanceOf(NotFoundError);
    await expect(analysis.renameScenario(mine.id, 'stolen', dave)).rejects.toBeInstanceOf(NotFoundError);
    await expect(analysis.deleteScenario(mine.id, dave)).rejects.toBeInstanceOf(NotFoundError);
    await expect(analysis.compareScenarios(mine.id, taken.id, dave)).rejects.toBeInstanceOf(NotFoundError);
    const replays = (await analysis.scenarios(dave)).filter((s) => s.incidentId !== null);
    expect(replays.length).toBe(5);
    expect(replays.every((s) => s.owner === 'local')).toBe(true);
    expect(await analysis.scenarios(dave, { search: 'workers:' })).toEqual([]);
    await expect(analysis.renameScenario(replays[0]!.id, 'mine now', dave)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(analysis.deleteScenario(replays[0]!.id, dave)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await analysis.scenario(mine.id)).name).toBe('Workers: renamed'); // untouched

    const deleted = await api.gql<{ deleteScenario: { id: string } }>(`mutation($id: ID!) { deleteScenario(id: $id) { id } }`, { id: mine.id });
    expect(deleted.data!.deleteScenario.id).toBe(mine.id);
    expect(codes(await api.gql(`query($id: ID!) { scenario(id: $id) { id } }`, { id: mine.id }))).toEqual(['NOT_FOUND']);
    // The name is free again.
    expect((await save('Workers: renamed')).errors).toBeUndefined();
  });

  it('pages newest first with first/after and searches by name', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await save(`Workers page ${n}`)).data!.saveScenario.id);
    const page1 = (await list({ search: 'WORKERS PAGE', first: 2 })).data!.scenarios;
    expect(page1.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    const page2 = (await list({ search: 'workers page', first: 2, after: page1[1]!.id })).data!.scenarios;
    expect(page2.map((s) => s.id)).toEqual([ids[0]]);
    expect((await list({ search: 'workers page', after: ids[0] })).data!.scenarios).toEqual([]);
    expect(codes(await list({ after: 'scn:no-such' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await list({ first: 501 }))).toEqual(['BAD_USER_INPUT']);
  });
});
