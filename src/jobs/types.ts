/**
 * Jobs: long computations (stress tests) run in the background with progress,
 * cancellation and a bounded history. Pure data types.
 */
import type { StressContext, StressSummary, StressTestOptions } from '../analysis/stress-test';
import type { PropagationGraph } from '../analysis/propagation/types';

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface JobProgress {
  /** Runs done (or work units, for kinds that are not Monte Carlo). */
  done: number;
  total: number;
  /** done / total, 0 while total is unknown. */
  fraction: number;
}

/** What `get` returns: a snapshot, not a live object. */
export interface Job<R = unknown> {
  id: string;
  kind: JobKind;
  status: JobStatus;
  progress: JobProgress;
  /** ISO 8601 times. */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Set when SUCCEEDED. */
  result: R | null;
  /** The error message when FAILED. */
  error: string | null;
}

/** A stress test: the graph, its country context and the options (runs, seed, mode…). */
export interface StressJobInput {
  graph: PropagationGraph;
  context: StressContext;
  options: StressTestOptions;
}

/** Input and result type of each job kind. */
export interface JobKinds {
  STRESS_TEST: { input: StressJobInput; result: StressSummary };
}
export type JobKind = keyof JobKinds;

/** How a job is spread: `workers` threads (0 = the calling thread), runs handed out `chunkSize` at a time. */
export interface JobRunOptions {
  workers?: number;
  chunkSize?: number;
}

/** What a job runner gets besides its input. */
export interface JobControl {
  signal: AbortSignal;
  workers: number;
  chunkSize: number;
  onProgress(done: number, total: number): void;
}
