/**
 * The analysis side of the API, one per server: the snapshot manager, the
 * linchpin ranker (restarted on each new snapshot), the job manager, and the
 * operations resolvers delegate to. Every analysis takes one snapshot at its
 * start and uses only that.
 */
import { countriesWithFunctions } from '../../analysis/impact/backtest';
import type { NodeKind, Sector } from '../../../graph-schema/vocabulary';
import { LOCAL_CALLER } from '../../auth/caller';
import type { Caller } from '../../auth/caller';
import { AnalysisPool } from '../../jobs/AnalysisPool';
import type { AnalysisPoolOptions, PoolSnapshot } from '../../jobs/AnalysisPool';
import { NotFoundError } from '../../errors';
import type { Snapshot, SnapshotData } from '../../projection/snapshot';
import { SnapshotManager } from '../../projection/snapshot-manager';
import { visibleView } from '../../projection/visible-view';
import { EVERYTHING } from '../../store/visibility';
import { currentVisibility } from '../request-scope';
import type { GraphDb } from '../../store/driver';
import { runTask } from './analysis-tasks';
import type { AnalysisOp, TaskArgs, TaskResult } from './analysis-tasks';
import type { BlastRadiusRequest, NormalisedRequest, OverridesRequest } from './blast-radius';
import type { BlastResultIds } from './blast-result';
import { cachedCentralityTable, cacheCentralityTable, centralityRanking, nodeMetrics } from './centrality';
import type { CentralityTable } from './centrality';
import type { CentralityMetric } from './centrality';
import { concentrationReport, allianceConcentration, footprint } from './concentration';
import { GraphLayouts } from './graph-layouts';
import { graphView } from './graph-view';
import type { GraphView } from './graph-view';
import { LinchpinRanker } from './linchpins';
import type { LinchpinQuery } from './linchpins';
import {
  backtest,
  checkScenarioInput,
  compare,
  deleteOwnScenario,
  ensureIncidentScenarios,
  incidentRequest,
  listScenarios,
  loadScenario,
  renameOwnScenario,
  storeScenario,
} from './scenarios';
import type { ScenarioModel, ScenarioPageRequest } from './scenarios';
import { StressTests } from './stress-tests';
import type { StressTestLimits, StressTestRequest } from './stress-tests';

const WORKER_URL = new URL('./analysis-worker.ts', import.meta.url);

/** A snapshot as the pool sees it: the rows workers rebuild it from, and the snapshot itself for in-thread runs. */
interface PooledSnapshot extends PoolSnapshot {
  snapshot: Snapshot;
}

export interface AnalysisServiceOptions {
  /** Worker threads per stress-test job (default: every core). */
  workers?: number;
  /** The analysis pool: its workers (default LINCHPIN_WORKERS or cores − 1) and admission limits. */
  pool?: AnalysisPoolOptions;
  /** Caps on stress-test jobs waiting or running. */
  jobs?: StressTestLimits;
}

export class AnalysisService {
  readonly snapshots: SnapshotManager;
  readonly linchpinRanker = new LinchpinRanker();
  readonly layouts = new GraphLayouts();
  readonly stressTests: StressTests;
  /** Heavy analyses run here, off the event loop (src/jobs/AnalysisPool.ts). */
  readonly pool: AnalysisPool<PooledSnapshot>;
  private readonly centralityPending = new WeakMap<Snapshot, Promise<CentralityTable>>();

  /** Rankers of clearance views that hide something (by view key), started on first use, dropped with their snapshot. */
  private readonly viewRankers = new Map<string, LinchpinRanker>();

  constructor(readonly db: GraphDb, options: AnalysisServiceOptions = {}) {
    this.snapshots = new SnapshotManager(db);
    this.snapshots.onChange((s) => {
      for (const ranker of this.viewRankers.values()) ranker.stop();
      this.viewRankers.clear();
      this.linchpinRanker.start(s);
    });
    this.stressTests = new StressTests(options.workers, options.jobs);
    this.pool = new AnalysisPool<PooledSnapshot>(WORKER_URL, (p, op, args) => runTask(p.snapshot, op, args), options.pool);
  }

  /** Runs one heavy analysis of ./analysis-tasks.ts in the pool, on `snapshot`, counted against `by`'s share. */
  private run<K extends AnalysisOp>(by: Caller, snapshot: Snapshot, op: K, ...args: TaskArgs<K>): Promise<TaskResult<K>> {
    // A worker rebuilds the snapshot, or the caller's view of it, from its rows, once per version and view.
    const data: SnapshotData = { rows: snapshot.rows, hidden: snapshot.hidden, viewKey: snapshot.viewKey };
    return this.pool.run<TaskResult<K>>(by.id, { version: `${snapshot.version}:${snapshot.viewKey}`, data, snapshot }, op, args);
  }

  /** The centrality table of `snapshot`, computed once per snapshot in the pool. */
  centralityTable(snapshot: Snapshot, by: Caller = LOCAL_CALLER): Promise<CentralityTable> {
    const cached = cachedCentralityTable(snapshot);
    if (cached) return Promise.resolve(cached);
    let pending = this.centralityPending.get(snapshot);
    if (!pending) {
      pending = this.run(by, snapshot, 'centralityTable').then((table) => {
        cacheCentralityTable(snapshot, table);
        return table;
      });
      pending.catch(() => this.centralityPending.delete(snapshot));
      this.centralityPending.set(snapshot, pending);
    }
    return pending;
  }

  /** The current snapshot as the current request's caller may see it (src/services/request-scope.ts). */
  async snapshot(): Promise<Snapshot> {
    return this.viewOf(await this.snapshots.get());
  }

  private viewOf(base: Snapshot): Snapshot {
    const vis = currentVisibility();
    return vis === EVERYTHING ? base : visibleView(base, vis);
  }

  /** The linchpin ranker of a snapshot or of a clearance's view of it. */
  private rankerFor(snapshot: Snapshot): LinchpinRanker {
    if (snapshot.viewKey === '') return this.linchpinRanker;
    let ranker = this.viewRankers.get(snapshot.viewKey);
    if (!ranker) {
      if (this.viewRankers.size >= 16) {
        const [oldestKey, oldest] = this.viewRankers.entries().next().value!;
        oldest.stop();
        this.viewRankers.delete(oldestKey);
      }
      this.viewRankers.set(snapshot.viewKey, (ranker = new LinchpinRanker()));
    }
    return ranker;
  }

  /**
   * What a server computes before its first request (npm start does this):
   * the snapshot and its centrality table now, the whole-model layout in a
   * worker (`layout` resolves when it is done or failed).
   */
  async warmUp(): Promise<{ snapshot: Snapshot; layout: Promise<void> }> {
    const snapshot = await this.snapshot();
    const layout = this.layouts.settled(snapshot);
    await this.centralityTable(snapshot);
    return { snapshot, layout };
  }

  /** The whole model for drawing, with the whole-model layout as far as it is computed (never waited for). */
  graphView(snapshot: Snapshot): GraphView {
    return graphView(snapshot, this.layouts.get(snapshot));
  }

  async blastRadius(request: BlastRadiusRequest, by: Caller = LOCAL_CALLER): Promise<BlastResultIds> {
    return this.run(by, await this.snapshot(), 'blastRadius', request);
  }

  async centrality(metric: CentralityMetric, kinds: readonly NodeKind[] | null | undefined, top: number | null | undefined, by: Caller = LOCAL_CALLER) {
    const snapshot = await this.snapshot();
    await this.centralityTable(snapshot, by);
    return centralityRanking(snapshot, metric, kinds, top);
  }

  /** Centrality and linchpin values of one node, on the given snapshot (one per request). */
  async metrics(snapshot: Snapshot, id: string, by: Caller = LOCAL_CALLER) {
    await this.centralityTable(snapshot, by);
    const values = nodeMetrics(snapshot, id);
    if (!values) return null;
    const linchpin = this.rankerFor(snapshot).nodeScore(snapshot, id);
    return { ...values, linchpinScore: linchpin?.score ?? null, linchpinRank: linchpin?.rank ?? null };
  }

  /**
   * Never waits for a snapshot rebuild or a sweep: when the graph has moved on,
   * the rebuild starts in the background and the ranking says STALE (or
   * COMPUTING before the first one).
   */
  async linchpins(query: LinchpinQuery) {
    let latest: number;
    try {
      latest = await this.db.version();
    } catch (error) {
      // Neo4j unreachable: rank on the snapshot in memory (marked stale), as every analysis does.
      latest = this.snapshots.fallback(error).version;
    }
    const base = this.snapshots.peek();
    if (!base || base.version !== latest) {
      this.snapshots.get().catch((error: unknown) => console.error('linchpin: snapshot rebuild failed:', error));
    }
    const current = base ? this.viewOf(base) : null;
    return (current ? this.rankerFor(current) : this.linchpinRanker).rank(current, latest, query);
  }

  async singlePointsOfFailure(functionId: string, order2: boolean, by: Caller = LOCAL_CALLER) {
    return this.run(by, await this.snapshot(), 'singlePointsOfFailure', functionId, order2);
  }

  async concentration(country: string | null | undefined, sector: Sector | null | undefined) {
    return concentrationReport(await this.snapshot(), country ?? null, sector ?? null);
  }

  async allianceConcentration() {
    return allianceConcentration(await this.snapshot());
  }

  async footprint(id: string) {
    return footprint(await this.snapshot(), id);
  }

  async startStressTest(request: StressTestRequest, by: Caller = LOCAL_CALLER) {
    return this.stressTests.start(await this.snapshot(), request, by);
  }

  /** Runs the analysis in the pool and stores it, owned by `by` (CONFLICT when `by` has a scenario of that name). */
  async saveScenario(input: { name: string; description?: string | null; author: string; analysis: BlastRadiusRequest }, by: Caller = LOCAL_CALLER) {
    checkScenarioInput(input);
    const snapshot = await this.snapshot();
    const run = await this.run(by, snapshot, 'scenarioRun', input.analysis);
    return storeScenario(this.db, snapshot, input, by, run);
  }

  /**
   * A stored scenario as the reader may see it: its result was computed on the saver's view of
   * the graph, so when the reader's clearance sees a different graph the stored input runs again
   * on the reader's view (`recomputedForClearance`), and an input naming an origin the reader
   * cannot see makes the scenario absent for them (null).
   */
  private async forReader(s: ScenarioModel, by: Caller): Promise<ScenarioModel | null> {
    const view = await this.snapshot();
    if (view.viewKey === s.viewKey) return s;
    try {
      const { result } = await this.run(by, view, 'scenarioRun', JSON.parse(s.inputJson) as NormalisedRequest);
      return { ...s, result, viewKey: view.viewKey, recomputedForClearance: true };
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async scenarios(by: Caller = LOCAL_CALLER, page: ScenarioPageRequest = {}) {
    const rows = await Promise.all((await listScenarios(this.db, by, page)).map((s) => this.forReader(s, by)));
    return rows.filter((s): s is ScenarioModel => s !== null);
  }

  async scenario(id: string, by: Caller = LOCAL_CALLER) {
    const s = await this.forReader(await loadScenario(this.db, id, by), by);
    if (!s) throw new NotFoundError(`no scenario with id '${id}'`);
    return s;
  }

  renameScenario(id: string, name: string, by: Caller = LOCAL_CALLER) {
    return renameOwnScenario(this.db, id, name, by);
  }

  deleteScenario(id: string, by: Caller = LOCAL_CALLER) {
    return deleteOwnScenario(this.db, id, by);
  }

  async compareScenarios(a: string, b: string, by: Caller = LOCAL_CALLER) {
    const [sa, sb] = await Promise.all([this.scenario(a, by), this.scenario(b, by)]);
    return { a: sa, b: sb, ...compare(sa, sb) };
  }

  private async scenarioRequest(id: string, by: Caller): Promise<NormalisedRequest> {
    const scenario = await loadScenario(this.db, id, by);
    return JSON.parse(scenario.inputJson) as NormalisedRequest;
  }

  async mitigate(scenarioId: string, changes: OverridesRequest, by: Caller = LOCAL_CALLER) {
    const scenario = await loadScenario(this.db, scenarioId, by);
    const snapshot = await this.snapshot();
    const m = await this.run(by, snapshot, 'mitigate', JSON.parse(scenario.inputJson) as NormalisedRequest, changes);
    return { scenario, ...m };
  }

  async suggestMitigations(scenarioId: string, k: number, by: Caller = LOCAL_CALLER) {
    const request = await this.scenarioRequest(scenarioId, by);
    return this.run(by, await this.snapshot(), 'suggestMitigations', request, k);
  }

  /** The incident's replay scored on the whole graph and on public record only (illustrative dependencies dropped). */
  async backtest(
    incidentId: string,
    options: { excludeIllustrative?: boolean | null; lossProbability?: number | null; minLoss?: number | null } = {},
    by: Caller = LOCAL_CALLER,
  ) {
    const { incident, request } = await incidentRequest(this.db, incidentId);
    return this.run(by, await this.snapshot(), 'backtest', request, incident.namedCountries, options);
  }

  async scenarioBacktest(scenario: { incidentId: string | null; result: BlastResultIds }) {
    if (!scenario.incidentId) return null;
    const { incident } = await incidentRequest(this.db, scenario.incidentId);
    const snapshot = await this.snapshot();
    return { ...backtest(scenario.result, incident.namedCountries, countriesWithFunctions(snapshot.propagation, snapshot)), publicRecordOnly: null };
  }

  async ensureIncidentScenarios(): Promise<string[]> {
    return ensureIncidentScenarios(this.db, await this.snapshot());
  }

  close(): void {
    this.layouts.close();
    this.stressTests.close();
    void this.pool.close();
  }
}
