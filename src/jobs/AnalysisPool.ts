/**
 * A bounded pool of worker threads for heavy analyses, so that they never run
 * on the event loop and a trivial query answers while they run.
 *
 * - Each worker holds one snapshot, sent once per snapshot version (the rows
 *   the snapshot was built from, structured-cloned; the worker rebuilds it) and
 *   before the first task that needs it, never once per request.
 * - A task names an operation of the worker's table and its arguments
 *   (structured-cloneable); its answer or error comes back the same way. An
 *   error keeps its kind: a LinchpinError comes back as the same class.
 * - Admission: at most `perCallerRunning` tasks of one caller run at once, the
 *   others wait in one FIFO queue (a waiting task whose caller is at its limit
 *   is passed over, not blocking others). A caller with `perCallerQueued`
 *   waiting tasks, or a queue of `maxQueued` tasks overall, gets RATE_LIMITED at
 *   once: nothing waits unboundedly.
 * - With `workers: 0` the tasks run in the calling thread (same admission), for
 *   tests and constrained hosts.
 *
 * A worker that dies fails the task it was running (with the exit reason) and
 * is replaced on the next dispatch.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  ConflictError,
  LinchpinError,
  NotFoundError,
  RateLimitedError,
  TooComplexError,
  UnavailableError,
  ValidationError,
} from '../errors';
import type { ErrorCode, ErrorDetail } from '../errors';
import { startTsWorker } from './ts-worker';

export interface AnalysisPoolOptions {
  /** Worker threads (default LINCHPIN_WORKERS, else max(1, cores − 1)); 0 = the calling thread. */
  workers?: number;
  /** Tasks of one caller running at once (default LINCHPIN_ANALYSES_PER_CALLER, else 2). */
  perCallerRunning?: number;
  /** Tasks of one caller waiting (default LINCHPIN_ANALYSES_WAITING_PER_CALLER, else 50). */
  perCallerQueued?: number;
  /** Tasks waiting overall (default LINCHPIN_ANALYSIS_QUEUE, else 200). */
  maxQueued?: number;
}

export const POOL_DEFAULTS = { perCallerRunning: 2, perCallerQueued: 50, maxQueued: 200 };

/** The snapshot a task runs on, as the pool sees it: its version and the data a worker rebuilds it from. */
export interface PoolSnapshot {
  /** Identifies the snapshot: its version (and, for a clearance's view of it, the view). */
  version: number | string;
  /** Structured-cloneable; sent to each worker once per version. */
  data: unknown;
}

/** Messages to a worker. */
export type PoolRequest =
  | { type: 'snapshot'; version: number | string; data: unknown }
  | { type: 'task'; id: number; version: number | string; op: string; args: unknown[] };

/** Messages from a worker. */
export type PoolReply = { id: number; result: unknown } | { id: number; error: SerialisedError };

export interface SerialisedError {
  name: string;
  message: string;
  code?: ErrorCode;
  details?: readonly ErrorDetail[];
}

/** Runs one task in the calling thread (workers: 0). */
export type LocalRunner<S extends PoolSnapshot = PoolSnapshot> = (snapshot: S, op: string, args: unknown[]) => unknown;

interface Task<S extends PoolSnapshot> {
  id: number;
  caller: string;
  snapshot: S;
  op: string;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot<S extends PoolSnapshot> {
  worker: Worker;
  version: number | string | null;
  task: Task<S> | null;
}

export interface PoolStats {
  workers: number;
  running: number;
  queued: number;
  /** Tasks finished (answered or failed) since the pool started. */
  finished: number;
  /** Tasks refused with RATE_LIMITED. */
  refused: number;
}

/** The integer in env variable `name`, or undefined when unset; BAD_USER_INPUT when not an integer >= min. */
function envCount(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new ValidationError(`${name}: must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

/** The default number of analysis workers: LINCHPIN_WORKERS, else max(1, cores − 1). */
export function defaultPoolWorkers(env: NodeJS.ProcessEnv = process.env): number {
  return envCount(env, 'LINCHPIN_WORKERS', 0) ?? Math.max(1, availableParallelism() - 1);
}

/** The admission limits from the environment, where set. */
export function poolLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): AnalysisPoolOptions {
  return {
    perCallerRunning: envCount(env, 'LINCHPIN_ANALYSES_PER_CALLER', 1),
    perCallerQueued: envCount(env, 'LINCHPIN_ANALYSES_WAITING_PER_CALLER', 0),
    maxQueued: envCount(env, 'LINCHPIN_ANALYSIS_QUEUE', 0),
  };
}

export class AnalysisPool<S extends PoolSnapshot = PoolSnapshot> {
  private readonly size: number;
  private readonly perCallerRunning: number;
  private readonly perCallerQueued: number;
  private readonly maxQueued: number;
  private readonly slots: (Slot<S> | null)[];
  private readonly queue: Task<S>[] = [];
  private readonly runningBy = new Map<string, number>();
  private readonly queuedBy = new Map<string, number>();
  private localRunning = 0;
  private nextId = 1;
  private finished = 0;
  private refused = 0;
  private closed = false;

  constructor(
    private readonly entry: URL,
    private readonly local: LocalRunner<S>,
    options: AnalysisPoolOptions = {},
  ) {
    const fromEnv = poolLimitsFromEnv();
    this.size = count(options.workers ?? defaultPoolWorkers(), 'workers', 0);
    this.perCallerRunning = count(options.perCallerRunning ?? fromEnv.perCallerRunning ?? POOL_DEFAULTS.perCallerRunning, 'perCallerRunning', 1);
    this.perCallerQueued = count(options.perCallerQueued ?? fromEnv.perCallerQueued ?? POOL_DEFAULTS.perCallerQueued, 'perCallerQueued', 0);
    this.maxQueued = count(options.maxQueued ?? fromEnv.maxQueued ?? POOL_DEFAULTS.maxQueued, 'maxQueued', 0);
    this.slots = new Array<Slot<S> | null>(this.size).fill(null);
  }

  /** Runs `op(snapshot, ...args)` in a worker for `caller`; RATE_LIMITED when the caller's or the pool's queue is full. */
  run<R>(caller: string, snapshot: S, op: string, args: unknown[]): Promise<R> {
    if (this.closed) return Promise.reject(new UnavailableError('the analysis pool is shut down'));
    const waiting = this.queuedBy.get(caller) ?? 0;
    const mustWait = (this.runningBy.get(caller) ?? 0) >= this.perCallerRunning || !this.hasFreeSlot() || this.queue.length > 0;
    if (mustWait && waiting >= this.perCallerQueued) {
      this.refused++;
      return Promise.reject(
        new RateLimitedError(
          `too many analyses at once for caller '${caller}': ${this.perCallerRunning} running and ${this.perCallerQueued} waiting is the limit; retry when one has finished`,
        ),
      );
    }
    if (mustWait && this.queue.length >= this.maxQueued) {
      this.refused++;
      return Promise.reject(new RateLimitedError(`the analysis queue is full (${this.maxQueued} waiting); retry shortly`));
    }
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, caller, snapshot, op, args, resolve: resolve as (v: unknown) => void, reject });
      this.queuedBy.set(caller, waiting + 1);
      this.pump();
    });
  }

  stats(): PoolStats {
    const running = this.size === 0 ? this.localRunning : this.slots.filter((s) => s?.task).length;
    return { workers: this.size, running, queued: this.queue.length, finished: this.finished, refused: this.refused };
  }

  /** Fails what waits, stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new UnavailableError('the analysis pool is shut down'));
    this.queuedBy.clear();
    await Promise.all(
      this.slots.map(async (slot, i) => {
        if (!slot) return;
        this.slots[i] = null;
        slot.task?.reject(new UnavailableError('the analysis pool is shut down'));
        await slot.worker.terminate();
      }),
    );
  }

  private hasFreeSlot(): boolean {
    return this.size === 0 ? true : this.slots.some((s) => s === null || s.task === null);
  }

  /** Starts every waiting task that has a free slot and whose caller is under its limit, in queue order. */
  private pump(): void {
    for (let i = 0; i < this.queue.length && !this.closed; ) {
      const task = this.queue[i]!;
      if ((this.runningBy.get(task.caller) ?? 0) >= this.perCallerRunning) {
        i++;
        continue;
      }
      const slot = this.size === 0 ? -1 : this.freeSlot();
      if (slot === undefined) return;
      this.queue.splice(i, 1);
      this.queuedBy.set(task.caller, (this.queuedBy.get(task.caller) ?? 1) - 1);
      this.runningBy.set(task.caller, (this.runningBy.get(task.caller) ?? 0) + 1);
      if (slot === -1) this.runLocal(task);
      else this.dispatch(slot, task);
    }
  }

  private freeSlot(): number | undefined {
    const i = this.slots.findIndex((s) => s === null || s.task === null);
    return i < 0 ? undefined : i;
  }

  private settle(task: Task<S>, outcome: { result?: unknown; error?: Error }): void {
    this.finished++;
    const n = (this.runningBy.get(task.caller) ?? 1) - 1;
    if (n <= 0) this.runningBy.delete(task.caller);
    else this.runningBy.set(task.caller, n);
    if ((this.queuedBy.get(task.caller) ?? 0) <= 0) this.queuedBy.delete(task.caller);
    if (outcome.error) task.reject(outcome.error);
    else task.resolve(outcome.result);
    this.pump();
  }

  private runLocal(task: Task<S>): void {
    this.localRunning++;
    // Still asynchronous, so that admission behaves the same as with workers.
    setImmediate(() => {
      let outcome: { result?: unknown; error?: Error };
      try {
        outcome = { result: this.local(task.snapshot, task.op, task.args) };
      } catch (e) {
        outcome = { error: e instanceof Error ? e : new Error(String(e)) };
      }
      this.localRunning--;
      this.settle(task, outcome);
    });
  }

  private dispatch(index: number, task: Task<S>): void {
    const slot = this.slots[index] ?? this.spawn(index);
    slot.task = task;
    if (slot.version !== task.snapshot.version) {
      slot.worker.postMessage({ type: 'snapshot', version: task.snapshot.version, data: task.snapshot.data } satisfies PoolRequest);
      slot.version = task.snapshot.version;
    }
    slot.worker.postMessage({ type: 'task', id: task.id, version: task.snapshot.version, op: task.op, args: task.args } satisfies PoolRequest);
  }

  private spawn(index: number): Slot<S> {
    const worker = startTsWorker(this.entry, null);
    const slot: Slot<S> = { worker, version: null, task: null };
    this.slots[index] = slot;
    const fail = (error: Error): void => {
      if (this.slots[index] !== slot) return;
      this.slots[index] = null;
      void worker.terminate();
      const task = slot.task;
      slot.task = null;
      if (task) this.settle(task, { error });
      else this.pump();
    };
    worker.on('message', (reply: PoolReply) => {
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      slot.task = null;
      this.settle(task, 'error' in reply ? { error: rebuildError(reply.error) } : { result: reply.result });
    });
    worker.on('error', (e) => fail(e));
    worker.on('exit', (code) => fail(new Error(`an analysis worker stopped unexpectedly (exit code ${code})`)));
    worker.unref();
    return slot;
  }
}

/** What a worker sends back for an error: its kind kept, so that the API answers with the same code. */
export function serialiseError(e: unknown): SerialisedError {
  if (e instanceof LinchpinError) return { name: e.name, message: e.message, code: e.code, details: e.details };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

function rebuildError(e: SerialisedError): Error {
  const details = e.details ?? [];
  switch (e.code) {
    case 'BAD_USER_INPUT':
      return new ValidationError(e.message, details);
    case 'NOT_FOUND':
      return new NotFoundError(e.message, details);
    case 'CONFLICT':
      return new ConflictError(e.message, details);
    case 'TOO_COMPLEX':
      return new TooComplexError(e.message);
    case 'UNAVAILABLE':
      return new UnavailableError(e.message);
    case 'RATE_LIMITED':
      return new RateLimitedError(e.message);
    case undefined:
      break;
    default:
      return new LinchpinError(e.code, e.message, details);
  }
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

function count(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ValidationError(`${name}: must be an integer >= ${min}, got ${String(value)}`, [{ path: name, message: `must be an integer >= ${min}` }]);
  }
  return value;
}
