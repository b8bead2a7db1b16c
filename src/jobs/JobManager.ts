/**
 * A small in-process manager for long jobs: start, follow progress, cancel, read
 * the result. Jobs run at most `maxConcurrent` at a time (default 1: a job
 * already spreads over every core), the others wait QUEUED in start order.
 * Finished jobs are kept for reading, the most recent `retainFinished` only.
 *
 * Status: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (QUEUED → CANCELLED
 * too). `cancel` marks the job CANCELLED at once; a running job then stops
 * handing out work and its workers are terminated (a chunk running in the
 * calling thread finishes first). Errors thrown by a job — bad input included —
 * make it FAILED with the error's message; only a bad `start` call itself
 * (unknown kind, bad workers or chunkSize) throws.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { NotFoundError, ValidationError } from '../errors';
import { runStressJob } from './stress-runner';
import type { Job, JobControl, JobKind, JobKinds, JobRunOptions, JobStatus } from './types';

export interface JobManagerOptions {
  /** Worker threads per job (default os.availableParallelism()); 0 = the calling thread. */
  workers?: number;
  /** Runs per chunk handed to a worker (default 1,000). */
  chunkSize?: number;
  /** Jobs running at once (default 1). */
  maxConcurrent?: number;
  /** Finished jobs kept (default 100). */
  retainFinished?: number;
}

type Runner<K extends JobKind> = (input: JobKinds[K]['input'], control: JobControl) => Promise<JobKinds[K]['result']>;

const RUNNERS: { [K in JobKind]: Runner<K> } = {
  STRESS_TEST: runStressJob,
};

export const DEFAULTS = {
  chunkSize: 1000,
  maxConcurrent: 1,
  retainFinished: 100,
};

interface JobRecord {
  job: Job;
  input: unknown;
  workers: number;
  chunkSize: number;
  controller: AbortController;
  finished: Promise<void>;
  markFinished: () => void;
}

const FINAL: ReadonlySet<JobStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: JobRecord[] = [];
  /** Ids of finished jobs, oldest first, for the retention bound. */
  private readonly finishedOrder: string[] = [];
  private readonly running = new Set<JobRecord>();
  private readonly workers: number;
  private readonly chunkSize: number;
  private readonly maxConcurrent: number;
  private readonly retainFinished: number;

  constructor(options: JobManagerOptions = {}) {
    this.workers = count(options.workers ?? availableParallelism(), 'workers', 0);
    this.chunkSize = count(options.chunkSize ?? DEFAULTS.chunkSize, 'chunkSize', 1);
    this.maxConcurrent = count(options.maxConcurrent ?? DEFAULTS.maxConcurrent, 'maxConcurrent', 1);
    this.retainFinished = count(options.retainFinished ?? DEFAULTS.retainFinished, 'retainFinished', 0);
  }

  /** Queues a job and starts it when a slot is free; returns its snapshot. */
  start<K extends JobKind>(kind: K, input: JobKinds[K]['input'], options: JobRunOptions = {}): Job<JobKinds[K]['result']> {
    if (!Object.hasOwn(RUNNERS, kind)) {
      throw new ValidationError(`kind: unknown job kind ${JSON.stringify(kind)}; known: ${Object.keys(RUNNERS).join(', ')}`);
    }
    const workers = count(options.workers ?? this.workers, 'workers', 0);
    const chunkSize = count(options.chunkSize ?? this.chunkSize, 'chunkSize', 1);
    let markFinished!: () => void;
    const finished = new Promise<void>((resolve) => (markFinished = resolve));
    const record: JobRecord = {
      job: {
        id: randomUUID(),
        kind,
        status: 'QUEUED',
        progress: { done: 0, total: 0, fraction: 0 },
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        result: null,
        error: null,
      },
      input,
      workers,
      chunkSize,
      controller: new AbortController(),
      finished,
      markFinished,
    };
    this.jobs.set(record.job.id, record);
    this.queue.push(record);
    this.pump();
    return snapshot(record) as Job<JobKinds[K]['result']>;
  }

  /** The job's snapshot, or undefined when unknown (or no longer retained). */
  get(id: string): Job | undefined {
    const record = this.jobs.get(id);
    return record === undefined ? undefined : snapshot(record);
  }

  /** Every retained job, oldest first. */
  list(): Job[] {
    return [...this.jobs.values()].map(snapshot);
  }

  /** Cancels a queued or running job (a finished one is left as it is); returns its snapshot. */
  cancel(id: string): Job {
    const record = this.require(id);
    if (FINAL.has(record.job.status)) return snapshot(record);
    record.controller.abort();
    const queued = this.queue.indexOf(record);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.finish(record, 'CANCELLED');
    if (queued >= 0) record.markFinished();
    return snapshot(record);
  }

  /** Resolves with the job's snapshot once it has stopped (for a running job: once its workers are gone). */
  async wait(id: string): Promise<Job> {
    const record = this.require(id);
    await record.finished;
    return snapshot(record);
  }

  /** Cancels everything and waits until nothing runs (for shutdown). */
  async close(): Promise<void> {
    const records = [...this.jobs.values()];
    for (const r of records) if (!FINAL.has(r.job.status)) this.cancel(r.job.id);
    await Promise.all(records.map((r) => r.finished));
  }

  private require(id: string): JobRecord {
    const record = this.jobs.get(id);
    if (record === undefined) throw new NotFoundError(`job ${JSON.stringify(id)} not found`);
    return record;
  }

  private pump(): void {
    while (this.running.size < this.maxConcurrent && this.queue.length > 0) {
      const record = this.queue.shift()!;
      this.running.add(record);
      void this.run(record);
    }
  }

  private async run(record: JobRecord): Promise<void> {
    const { job, controller } = record;
    job.status = 'RUNNING';
    job.startedAt = new Date().toISOString();
    const runner = RUNNERS[job.kind];
    const control: JobControl = {
      signal: controller.signal,
      workers: record.workers,
      chunkSize: record.chunkSize,
      onProgress: (done, total) => {
        if (FINAL.has(job.status)) return;
        job.progress = { done, total, fraction: total > 0 ? done / total : 0 };
      },
    };
    try {
      // Yield once so that start() returns before any synchronous work of the job.
      await Promise.resolve();
      const result = await runner(record.input as JobKinds[JobKind]['input'], control);
      if (!FINAL.has(job.status)) {
        job.result = result;
        this.finish(record, 'SUCCEEDED');
      }
    } catch (e) {
      if (!FINAL.has(job.status)) {
        if (controller.signal.aborted) {
          this.finish(record, 'CANCELLED');
        } else {
          job.error = e instanceof Error ? e.message : String(e);
          this.finish(record, 'FAILED');
        }
      }
    } finally {
      this.running.delete(record);
      record.input = null; // the graph is no longer needed
      record.markFinished();
      this.pump();
    }
  }

  private finish(record: JobRecord, status: JobStatus): void {
    record.job.status = status;
    record.job.finishedAt = new Date().toISOString();
    this.finishedOrder.push(record.job.id);
    while (this.finishedOrder.length > this.retainFinished) this.jobs.delete(this.finishedOrder.shift()!);
  }
}

function snapshot(record: JobRecord): Job {
  return { ...record.job, progress: { ...record.job.progress } };
}

function count(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ValidationError(`${name}: must be an integer >= ${min}, got ${String(value)}`, [
      { path: name, message: `must be an integer >= ${min}` },
    ]);
  }
  return value;
}
