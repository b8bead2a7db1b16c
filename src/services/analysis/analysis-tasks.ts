/**
 * The heavy analyses that run in the analysis pool (src/jobs/AnalysisPool.ts):
 * one entry per operation, `(snapshot, ...args) => result`, run by the worker
 * (./analysis-worker.ts) on its copy of the snapshot, or in the calling thread
 * when the pool has no workers. Arguments and results are structured-cloneable
 * (requests in, id-based results out); nothing here touches the database.
 */
import { countriesWithFunctions } from '../../analysis/impact/backtest';
import { singlePointsOfFailure } from '../../analysis/spof/single-points-of-failure';
import { NotFoundError } from '../../errors';
import type { Snapshot } from '../../projection/snapshot';
import { normaliseRequest, runBlastRadius } from './blast-radius';
import type { BlastRadiusRequest, NormalisedRequest, OverridesRequest } from './blast-radius';
import { centralityTable } from './centrality';
import { difference, rerun, suggest } from './mitigations';
import { backtest } from './scenarios';

export const ANALYSIS_TASKS = {
  blastRadius: (s: Snapshot, request: BlastRadiusRequest) => runBlastRadius(s, normaliseRequest(request, s)),

  /** A scenario's analysis, checked and run: what saveScenario stores. */
  scenarioRun: (s: Snapshot, request: BlastRadiusRequest) => {
    const normalised = normaliseRequest(request, s);
    return { request: normalised, result: runBlastRadius(s, normalised) };
  },

  mitigate: (s: Snapshot, request: NormalisedRequest, changes: OverridesRequest) => {
    const { before, after } = rerun(s, request, changes);
    return { result: after, ...difference(before, after) };
  },

  suggestMitigations: (s: Snapshot, request: NormalisedRequest, k: number) => suggest(s, request, k),

  /** The replay scored on the whole graph and on public record only. */
  backtest: (
    s: Snapshot,
    request: BlastRadiusRequest,
    namedCountries: readonly string[],
    options: { excludeIllustrative?: boolean | null; lossProbability?: number | null; minLoss?: number | null },
  ) => {
    const modelled = countriesWithFunctions(s.propagation, s);
    const run = (excludeIllustrative: boolean) =>
      backtest(
        runBlastRadius(s, normaliseRequest({ ...request, excludeIllustrative, lossProbability: options.lossProbability, minLoss: options.minLoss }, s)),
        namedCountries,
        modelled,
      );
    const publicRecordOnly = run(true);
    return { ...(options.excludeIllustrative ? publicRecordOnly : run(false)), publicRecordOnly };
  },

  singlePointsOfFailure: (s: Snapshot, functionId: string, order2: boolean) => {
    const g = s.propagation;
    const f = g.index.get(functionId);
    if (f === undefined || g.importance[f]! <= 0) throw new NotFoundError(`no critical function with id '${functionId}'`);
    const result = singlePointsOfFailure(g, f, { order2 });
    return {
      function: functionId,
      order1: result.order1.map((v) => g.ids[v]!),
      order2: result.order2.map(([a, b]) => [g.ids[a]!, g.ids[b]!] as const),
    };
  },

  centralityTable: (s: Snapshot) => centralityTable(s),
};

export type AnalysisTasks = typeof ANALYSIS_TASKS;
export type AnalysisOp = keyof AnalysisTasks;
export type TaskArgs<K extends AnalysisOp> = AnalysisTasks[K] extends (s: Snapshot, ...args: infer A) => unknown ? A : never;
export type TaskResult<K extends AnalysisOp> = ReturnType<AnalysisTasks[K]>;

export function runTask(snapshot: Snapshot, op: string, args: unknown[]): unknown {
  if (!Object.hasOwn(ANALYSIS_TASKS, op)) throw new Error(`unknown analysis task ${JSON.stringify(op)}`);
  const task = ANALYSIS_TASKS[op as AnalysisOp] as (s: Snapshot, ...a: unknown[]) => unknown;
  return task(snapshot, ...args);
}
