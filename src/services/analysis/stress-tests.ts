/**
 * Stress tests as background jobs: validates the whole request against the
 * current snapshot before anything is queued (so no input fails later, inside
 * the job), hands the graph and the options to the job manager (which spreads
 * the runs over worker threads), and maps jobs to what the API shows.
 *
 * Jobs have owners (the caller's id): a caller sees, follows and cancels only
 * its own (another's is NOT_FOUND, as if absent); an administrator sees all.
 * A caller may have `perCaller` jobs waiting or running (default 20), the
 * server `overall` (default 100); beyond that, RATE_LIMITED.
 */
import { NODE_KINDS } from '../../../graph-schema/vocabulary';
import type { CompromiseEffect, NodeKind, OutageRule } from '../../../graph-schema/vocabulary';
import { AnalysisInputError } from '../../analysis/errors';
import { applyOverlay, expandOrigins } from '../../analysis/propagation';
import { resolveStressOptions, validateStressContext } from '../../analysis/stress-test';
import type { StressSummary, StressTestOptions } from '../../analysis/stress-test';
import { hasRole, LOCAL_CALLER } from '../../auth/caller';
import type { Caller } from '../../auth/caller';
import { NotFoundError, RateLimitedError, ValidationError } from '../../errors';
import { JobManager } from '../../jobs';
import type { Job, JobStatus } from '../../jobs';
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
  /** The caller id of whoever started it. */
  owner: string;
  snapshotVersion: number;
  seed: number;
}

export interface StressTestLimits {
  /** Jobs one caller may have waiting or running (default 20). */
  perCaller?: number;
  /** Jobs waiting or running on the server (default 100). */
  overall?: number;
}

export const JOB_LIMITS = { perCaller: 20, overall: 100 };

/** The engine's option names, as the API's StressTestInput calls them. */
const INPUT_FIELDS: Record<string, string> = {
  'options.runs': 'runs',
  'options.seed': 'seed',
  'options.p': 'probability',
  'options.qCountry': 'countryShockProbability',
  'options.qProvider': 'providerShockProbability',
  'options.kinds': 'kinds',
  'options.rule': 'rule',
  'options.effect': 'effect',
  'options.origins': 'origins',
  'options.countryLossShare': 'countryLossShare',
  'options.mode': 'kind',
};

const ACTIVE: ReadonlySet<JobStatus> = new Set(['QUEUED', 'RUNNING']);

const FAILURE_KINDS: readonly NodeKind[] = ['Provider', 'Facility', 'Service'];

export class StressTests {
  private readonly manager: JobManager;
  private readonly meta = new Map<string, Omit<JobModel, 'job'>>();
  private readonly perCaller: number;
  private readonly overall: number;

  constructor(workers?: number, limits: StressTestLimits = {}) {
    this.manager = new JobManager(workers === undefined ? {} : { workers });
    this.perCaller = limits.perCaller ?? JOB_LIMITS.perCaller;
    this.overall = limits.overall ?? JOB_LIMITS.overall;
  }

  /** Checks the request (BAD_USER_INPUT naming the field), then the caller's and the server's job caps (RATE_LIMITED), then queues it. */
  start(snapshot: Snapshot, req: StressTestRequest, by: Caller = LOCAL_CALLER): JobModel {
    const input = this.jobInput(snapshot, req);
    const active = this.manager.list().filter((j) => ACTIVE.has(j.status));
    const mine = active.filter((j) => this.meta.get(j.id)?.owner === by.id).length;
    if (mine >= this.perCaller) {
      throw new RateLimitedError(`too many stress tests waiting or running for caller '${by.id}' (${mine}; the limit is ${this.perCaller}); wait for one to finish or cancel one`);
    }
    if (active.length >= this.overall) {
      throw new RateLimitedError(`too many stress tests waiting or running on the server (${active.length}; the limit is ${this.overall}); retry later`);
    }
    const job: Job = this.manager.start('STRESS_TEST', input);
    const meta = { owner: by.id, snapshotVersion: snapshot.version, seed: input.options.seed };
    this.meta.set(job.id, meta);
    return { job, ...meta };
  }

  private jobInput(snapshot: Snapshot, req: StressTestRequest) {
    const kind = req.kind ?? 'RANDOM_FAILURES';
    const runs = req.runs ?? 1000;
    const seed = req.seed ?? 1;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new ValidationError(`seed: must be an integer from 0 to 4294967295 (got ${seed})`, [{ path: 'seed', message: 'an integer from 0 to 4294967295' }]);
    }
    const g = req.excludeIllustrative ? applyOverlay(snapshot.propagation, { excludeIllustrative: true }) : snapshot.propagation;
    const common = { runs, seed, countryLossShare: req.countryLossShare ?? 0.5 };
    let options: StressTestOptions;
    if (kind === 'RANDOM_FAILURES') {
      const kinds = req.kinds && req.kinds.length > 0 ? req.kinds : FAILURE_KINDS;
      const bad = kinds.find((k) => !NODE_KINDS.includes(k) || k === 'Country' || k === 'Incident');
      if (bad) {
        throw new ValidationError(`kinds: ${bad} nodes are not part of the dependency graph; use Provider, Facility, Service or CriticalFunction`, [
          { path: 'kinds', message: `${bad} is not a dependency kind` },
        ]);
      }
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
      if (origins.length === 0) {
        throw new ValidationError('origins: a COMPROMISE stress test needs at least one origin', [{ path: 'origins', message: 'at least one origin' }]);
      }
      const unknown = origins.filter((id) => !g.index.has(id));
      if (unknown.length > 0) throw new NotFoundError(`unknown origin id(s): ${unknown.join(', ')}`);
      options = { mode: 'COMPROMISE', ...common, origins: expandOrigins(g, origins, false), effect: req.effect ?? 'DISRUPT', rule: req.rule ?? 'HARD' };
    }
    const context = {
      nodeCountry: snapshot.location,
      functionCountry: Int32Array.from(snapshot.location, (c, v) => (g.importance[v]! > 0 ? c : -1)),
      countries: snapshot.countries.map((c) => c.id),
    };
    // Everything the job would check, checked now: a bad input never reaches the queue.
    try {
      resolveStressOptions(g, options);
      validateStressContext(g, context);
    } catch (error) {
      if (error instanceof AnalysisInputError) throw asInputError(error);
      throw error;
    }
    return { graph: g, context, options };
  }

  /** A job the caller may see (its own; an administrator: any); NOT_FOUND otherwise, as if absent. */
  get(id: string, by: Caller = LOCAL_CALLER): JobModel {
    const job = this.manager.get(id);
    const meta = this.meta.get(id);
    if (!job || !meta) {
      if (!job) this.meta.delete(id); // no longer retained
      throw new NotFoundError(`no job with id '${id}'`);
    }
    if (meta.owner !== by.id && !hasRole(by, 'ADMIN')) throw new NotFoundError(`no job with id '${id}'`);
    return { job, ...meta };
  }

  /** The caller's jobs (an administrator: all), newest first. */
  list(by: Caller = LOCAL_CALLER, options: { status?: JobStatus | null; first?: number | null } = {}): JobModel[] {
    const first = options.first ?? 100;
    if (!Number.isSafeInteger(first) || first < 1 || first > 500) {
      throw new ValidationError(`first: must be an integer from 1 to 500, got ${first}`, [{ path: 'first', message: '1..500' }]);
    }
    const all = hasRole(by, 'ADMIN');
    const out: JobModel[] = [];
    for (const job of this.manager.list().reverse()) {
      const meta = this.meta.get(job.id);
      if (!meta || (!all && meta.owner !== by.id)) continue;
      if (options.status && job.status !== options.status) continue;
      out.push({ job, ...meta });
      if (out.length >= first) break;
    }
    return out;
  }

  cancel(id: string, by: Caller = LOCAL_CALLER): JobModel {
    this.get(id, by);
    this.manager.cancel(id);
    return this.get(id, by);
  }

  /** Waits for a job to finish (for tests and the benchmark). */
  async finished(id: string, by: Caller = LOCAL_CALLER): Promise<JobModel> {
    this.get(id, by);
    await this.manager.wait(id);
    return this.get(id, by);
  }

  close(): void {
    void this.manager.close();
  }
}

/** The engine's complaint, naming the API's field rather than the engine's option. */
function asInputError(error: AnalysisInputError): ValidationError {
  const field = (argument: string) => {
    const base = argument.replace(/\[\d+\]$/, '');
    const name = INPUT_FIELDS[base];
    return name === undefined ? argument : argument.replace(base, name);
  };
  const problems = error.problems.map((p) => {
    const [argument, ...rest] = p.split(':');
    return { path: field(argument!), message: rest.join(':').trim() };
  });
  return new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

export function resultOf(model: JobModel): (StressSummary & { runId: string; seed: number; snapshotVersion: number }) | null {
  const r = model.job.result as StressSummary | null;
  return r ? { ...r, runId: model.job.id, seed: model.seed, snapshotVersion: model.snapshotVersion } : null;
}
