/**
 * Stress tests as background jobs: validates the request against the current
 * snapshot, hands the graph and the options to the job manager (which spreads
 * the runs over worker threads), and maps jobs to what the API shows.
 */
import { NODE_KINDS } from '../../../graph-schema/vocabulary';
import type { CompromiseEffect, NodeKind, OutageRule } from '../../../graph-schema/vocabulary';
import { applyOverlay, expandOrigins } from '../../analysis/propagation';
import type { StressSummary, StressTestOptions } from '../../analysis/stress-test';
import { NotFoundError, ValidationError } from '../../errors';
import { JobManager } from '../../jobs';
import type { Job } from '../../jobs';
import type { Snapshot } from '../../projection/snapshot';

export interface StressTestRequest {
  kind?: 'RANDOM_FAILURES' | 'COMPROMISE' | null;
  runs?: number | null;
  seed?: number | null;
  kinds?: readonly NodeKind[] | null;
  probability?: number | null;
  countryShockProbability?: number | null;
  providerShockProbability?: number | null;
  rule?: OutageRule | null;
  origins?: readonly string[] | null;
  effect?: CompromiseEffect | null;
  countryLossShare?: number | null;
  excludeIllustrative?: boolean | null;
}

/** What the API shows of a job: the job, plus what it needs to present the result. */
export interface JobModel {
  job: Job;
  snapshotVersion: number;
  seed: number;
}

const FAILURE_KINDS: readonly NodeKind[] = ['Provider', 'Facility', 'Service'];

export class StressTests {
  private readonly manager: JobManager;
  private readonly meta = new Map<string, Omit<JobModel, 'job'>>();

  constructor(workers?: number) {
    this.manager = new JobManager(workers === undefined ? {} : { workers });
  }

  start(snapshot: Snapshot, req: StressTestRequest): JobModel {
    const kind = req.kind ?? 'RANDOM_FAILURES';
    const runs = req.runs ?? 1000;
    const seed = req.seed ?? 1;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new ValidationError(`seed must be an integer from 0 to 4294967295 (got ${seed})`);
    const g = req.excludeIllustrative ? applyOverlay(snapshot.propagation, { excludeIllustrative: true }) : snapshot.propagation;
    const common = { runs, seed, countryLossShare: req.countryLossShare ?? 0.5 };
    let options: StressTestOptions;
    if (kind === 'RANDOM_FAILURES') {
      const kinds = req.kinds && req.kinds.length > 0 ? req.kinds : FAILURE_KINDS;
      const bad = kinds.find((k) => !NODE_KINDS.includes(k) || k === 'Country' || k === 'Incident');
      if (bad) throw new ValidationError(`kinds: ${bad} nodes are not part of the dependency graph; use Provider, Facility, Service or CriticalFunction`);
      options = {
        mode: 'RANDOM_FAILURE',
        ...common,
        kinds: kinds,
        p: req.probability ?? 0.01,
        qCountry: req.countryShockProbability ?? 0,
        qProvider: req.providerShockProbability ?? 0,
        rule: req.rule ?? 'HARD',
      };
    } else {
      const origins = req.origins ?? [];
      if (origins.length === 0) throw new ValidationError('origins: a COMPROMISE stress test needs at least one origin');
      const unknown = origins.filter((id) => !g.index.has(id));
      if (unknown.length > 0) throw new NotFoundError(`unknown origin id(s): ${unknown.join(', ')}`);
      options = { mode: 'COMPROMISE', ...common, origins: expandOrigins(g, origins, false), effect: req.effect ?? 'DISRUPT', rule: req.rule ?? 'HARD' };
    }
    const context = {
      nodeCountry: snapshot.location,
      functionCountry: Int32Array.from(snapshot.location, (c, v) => (g.importance[v]! > 0 ? c : -1)),
      countries: snapshot.countries.map((c) => c.id),
    };
    const job: Job = this.manager.start('STRESS_TEST', { graph: g, context, options });
    const meta = { snapshotVersion: snapshot.version, seed };
    this.meta.set(job.id, meta);
    return { job, ...meta };
  }

  get(id: string): JobModel {
    const job = this.manager.get(id);
    const meta = this.meta.get(id);
    if (!job || !meta) throw new NotFoundError(`no job with id '${id}'`);
    return { job, ...meta };
  }

  cancel(id: string): JobModel {
    this.get(id);
    this.manager.cancel(id);
    return this.get(id);
  }

  /** Waits for a job to finish (for tests and the benchmark). */
  async finished(id: string): Promise<JobModel> {
    this.get(id);
    await this.manager.wait(id);
    return this.get(id);
  }

  close(): void {
    void this.manager.close();
  }
}

export function resultOf(model: JobModel): (StressSummary & { runId: string; seed: number; snapshotVersion: number }) | null {
  const r = model.job.result as StressSummary | null;
  return r ? { ...r, runId: model.job.id, seed: model.seed, snapshotVersion: model.snapshotVersion } : null;
}
