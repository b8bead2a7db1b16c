/**
 * Runs a stress test as a job: [0, runs) is cut into chunks of `chunkSize` runs,
 * handed to a pool of `workers` worker threads (or run in the calling thread
 * when workers = 0), and the chunk tallies are merged in chunk order, so the
 * result is the same whatever the number of workers. Progress is reported after
 * each chunk; on abort no further chunk is handed out and the workers are
 * terminated.
 *
 * Workers are TypeScript files started through ./ts-worker.
 */
import type { Worker } from 'node:worker_threads';
import {
  mergeStressTallies,
  resolveStressOptions,
  stressTestRange,
  summariseStressTest,
  validateStressContext,
  type StressSummary,
  type StressTally,
} from '../analysis/stress-test';
import { startTsWorker } from './ts-worker';
import type { ChunkReply, ChunkRequest } from './stress-worker';
import type { JobControl, StressJobInput } from './types';

const WORKER_URL = new URL('./stress-worker.ts', import.meta.url);

/** The job was cancelled; the manager turns this into status CANCELLED. */
export class JobCancelledError extends Error {
  constructor() {
    super('the job was cancelled');
    this.name = 'JobCancelledError';
  }
}

/** A chunk failed inside a worker: carries the worker's error name and message. */
export class WorkerTaskError extends Error {
  readonly workerErrorName: string;

  constructor(name: string, message: string) {
    super(message);
    this.name = 'WorkerTaskError';
    this.workerErrorName = name;
  }
}

export async function runStressJob(input: StressJobInput, control: JobControl): Promise<StressSummary> {
  const { graph, context, options } = input;
  // Checked here first, so a bad input fails before any worker starts.
  validateStressContext(graph, context);
  const { runs } = resolveStressOptions(graph, options);
  const chunks: ChunkRequest[] = [];
  for (let from = 0, k = 0; from < runs; from += control.chunkSize, k++) {
    chunks.push({ chunk: k, from, to: Math.min(runs, from + control.chunkSize) });
  }
  const merger = new OrderedMerger(chunks.length);
  let done = 0;
  control.onProgress(0, runs);
  const accept = (chunk: number, tally: StressTally): void => {
    merger.add(chunk, tally);
    done += tally.runsTo - tally.runsFrom;
    control.onProgress(done, runs);
  };

  if (control.workers === 0) {
    for (const c of chunks) {
      if (control.signal.aborted) throw new JobCancelledError();
      accept(c.chunk, stressTestRange(graph, context, options, c.from, c.to));
      await nextTurn(); // lets a cancel() in
    }
    if (control.signal.aborted) throw new JobCancelledError();
  } else {
    await runInWorkers(input, chunks, Math.min(control.workers, chunks.length), control.signal, accept);
  }
  return summariseStressTest(graph, context, merger.result());
}

function runInWorkers(
  input: StressJobInput,
  chunks: readonly ChunkRequest[],
  poolSize: number,
  signal: AbortSignal,
  accept: (chunk: number, tally: StressTally) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let settled = false;
    const stop = (): void => {
      signal.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      stop();
      reject(error);
    };
    const onAbort = (): void => fail(new JobCancelledError());
    if (signal.aborted) {
      reject(new JobCancelledError());
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    const feed = (w: Worker): void => {
      if (next < chunks.length) w.postMessage(chunks[next++]);
    };
    for (let i = 0; i < poolSize; i++) {
      const w = startTsWorker(WORKER_URL, input);
      workers.push(w);
      w.on('message', (reply: ChunkReply) => {
        if (settled) return;
        if ('error' in reply) {
          fail(new WorkerTaskError(reply.error.name, reply.error.message));
          return;
        }
        try {
          accept(reply.chunk, reply.tally);
        } catch (e) {
          fail(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (++finished === chunks.length) {
          settled = true;
          stop();
          resolve();
        } else {
          feed(w);
        }
      });
      w.on('error', (e) => fail(e));
      w.on('exit', (code) => {
        if (!settled) fail(new Error(`a stress-test worker stopped unexpectedly (exit code ${code})`));
      });
      feed(w);
    }
  });
}

/** Merges chunk tallies strictly in chunk order, as they arrive in any order. */
class OrderedMerger {
  private readonly pending = new Map<number, StressTally>();
  private merged: StressTally | null = null;
  private nextChunk = 0;

  constructor(private readonly chunks: number) {}

  add(chunk: number, tally: StressTally): void {
    this.pending.set(chunk, tally);
    for (let t = this.pending.get(this.nextChunk); t !== undefined; t = this.pending.get(this.nextChunk)) {
      this.pending.delete(this.nextChunk++);
      this.merged = this.merged === null ? t : mergeStressTallies(this.merged, t);
    }
  }

  result(): StressTally {
    if (this.merged === null || this.nextChunk !== this.chunks) throw new Error('not every chunk was merged');
    return this.merged;
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
