/**
 * The analysis side of the API, one per server: the snapshot manager, the
 * linchpin ranker (restarted on each new snapshot), the job manager, and the
 * operations resolvers delegate to. Every analysis takes one snapshot at its
 * start and uses only that.
 */
import { countriesWithFunctions } from '../../analysis/impact/backtest';
import type { NodeKind, Sector } from '../../../graph-schema/vocabulary';
import { NotFoundError } from '../../errors';
import { singlePointsOfFailure } from '../../analysis/spof/single-points-of-failure';
import type { Snapshot } from '../../projection/snapshot';
import { SnapshotManager } from '../../projection/snapshot-manager';
import { visibleView } from '../../projection/visible-view';
import { EVERYTHING } from '../../store/visibility';
import { currentVisibility } from '../request-scope';
import type { GraphDb } from '../../store/driver';
import { deleteScenario } from '../../store/scenarios';
import { normaliseRequest, runBlastRadius } from './blast-radius';
import type { BlastRadiusRequest, NormalisedRequest, OverridesRequest } from './blast-radius';
import type { BlastResultIds } from './blast-result';
import { centralityRanking, centralityTable, nodeMetrics } from './centrality';
import type { CentralityMetric } from './centrality';
import { concentrationReport, allianceConcentration, footprint } from './concentration';
import { GraphLayouts } from './graph-layouts';
import { graphView } from './graph-view';
import type { GraphView } from './graph-view';
import { LinchpinRanker } from './linchpins';
import type { LinchpinQuery } from './linchpins';
import { difference, rerun, suggest } from './mitigations';
import {
  backtest,
  compare,
  ensureIncidentScenarios,
  incidentRequest,
  listScenarios,
  loadScenario,
  storeScenario,
} from './scenarios';
import { StressTests } from './stress-tests';
import type { StressTestRequest } from './stress-tests';

export class AnalysisService {
  readonly snapshots: SnapshotManager;
  readonly linchpinRanker = new LinchpinRanker();
  readonly layouts = new GraphLayouts();
  readonly stressTests: StressTests;

  /** Rankers of clearance views that hide something (by view key), started on first use, dropped with their snapshot. */
  private readonly viewRankers = new Map<string, LinchpinRanker>();

  constructor(readonly db: GraphDb, options: { workers?: number } = {}) {
    this.snapshots = new SnapshotManager(db);
    this.snapshots.onChange((s) => {
      for (const ranker of this.viewRankers.values()) ranker.stop();
      this.viewRankers.clear();
      this.linchpinRanker.start(s);
    });
    this.stressTests = new StressTests(options.workers);
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
    centralityTable(snapshot);
    return { snapshot, layout };
  }

  /** The whole model for drawing, with the whole-model layout as far as it is computed (never waited for). */
  graphView(snapshot: Snapshot): GraphView {
    return graphView(snapshot, this.layouts.get(snapshot));
  }

  async blastRadius(request: BlastRadiusRequest): Promise<BlastResultIds> {
    const snapshot = await this.snapshot();
    return runBlastRadius(snapshot, normaliseRequest(request, snapshot));
  }

  async centrality(metric: CentralityMetric, kinds: readonly NodeKind[] | null | undefined, top: number | null | undefined) {
    return centralityRanking(await this.snapshot(), metric, kinds, top);
  }

  /** Centrality and linchpin values of one node, on the given snapshot (one per request). */
  metrics(snapshot: Snapshot, id: string) {
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

  async singlePointsOfFailure(functionId: string, order2: boolean) {
    const snapshot = await this.snapshot();
    const g = snapshot.propagation;
    const f = g.index.get(functionId);
    if (f === undefined || g.importance[f]! <= 0) throw new NotFoundError(`no critical function with id '${functionId}'`);
    const result = singlePointsOfFailure(g, f, { order2 });
    return {
      function: functionId,
      order1: result.order1.map((v) => g.ids[v]!),
      order2: result.order2.map(([a, b]) => [g.ids[a]!, g.ids[b]!] as const),
    };
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

  async startStressTest(request: StressTestRequest) {
    return this.stressTests.start(await this.snapshot(), request);
  }

  async saveScenario(input: { name: string; description?: string | null; author: string; analysis: BlastRadiusRequest }) {
    return storeScenario(this.db, await this.snapshot(), input);
  }

  scenarios() {
    return listScenarios(this.db);
  }

  scenario(id: string) {
    return loadScenario(this.db, id);
  }

  async deleteScenario(id: string) {
    if (!(await deleteScenario(this.db, id))) throw new NotFoundError(`no scenario with id '${id}'`);
  }

  async compareScenarios(a: string, b: string) {
    const [sa, sb] = await Promise.all([loadScenario(this.db, a), loadScenario(this.db, b)]);
    return { a: sa, b: sb, ...compare(sa, sb) };
  }

  private async scenarioRequest(id: string): Promise<NormalisedRequest> {
    const scenario = await loadScenario(this.db, id);
    return JSON.parse(scenario.inputJson) as NormalisedRequest;
  }

  async mitigate(scenarioId: string, changes: OverridesRequest) {
    const scenario = await loadScenario(this.db, scenarioId);
    const snapshot = await this.snapshot();
    const { before, after } = rerun(snapshot, JSON.parse(scenario.inputJson) as NormalisedRequest, changes);
    return { scenario, result: after, ...difference(before, after) };
  }

  async suggestMitigations(scenarioId: string, k: number) {
    const request = await this.scenarioRequest(scenarioId);
    return suggest(await this.snapshot(), request, k);
  }

  /** The incident's replay scored on the whole graph and on public record only (illustrative dependencies dropped). */
  async backtest(incidentId: string, options: { excludeIllustrative?: boolean | null; lossProbability?: number | null; minLoss?: number | null } = {}) {
    const { incident, request } = await incidentRequest(this.db, incidentId);
    const snapshot = await this.snapshot();
    const modelled = countriesWithFunctions(snapshot.propagation, snapshot);
    const run = (excludeIllustrative: boolean) =>
      backtest(
        runBlastRadius(snapshot, normaliseRequest({ ...request, excludeIllustrative, lossProbability: options.lossProbability, minLoss: options.minLoss }, snapshot)),
        incident.namedCountries,
        modelled,
      );
    const publicRecordOnly = run(true);
    return { ...(options.excludeIllustrative ? publicRecordOnly : run(false)), publicRecordOnly };
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
  }
}
