import { afterAll, describe, expect, it } from 'vitest';
import { RateLimitedError, ValidationError } from '../errors';
import { AnalysisPool, defaultPoolWorkers, poolLimitsFromEnv } from './AnalysisPool';
import type { AnalysisPoolOptions, PoolSnapshot } from './AnalysisPool';

const ENTRY = new URL('./pool-test-worker.ts', import.meta.url);
const pools: AnalysisPool[] = [];

function pool(options: AnalysisPoolOptions, local = (_s: PoolSnapshot, op: string, args: unknown[]): unknown => ({ local: op, args })): AnalysisPool {
  const p = new AnalysisPool(ENTRY, local, options);
  pools.push(p);
  return p;
}

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const v1: PoolSnapshot = { version: 1, data: { rows: ['a', 'b'] } };
const v2: PoolSnapshot = { version: 2, data: { rows: ['a', 'b', 'c'] } };

/** A shared buffer the test worker blocks on: index 0 counts blocks entered, index i > 0 releases block i. */
function gate(size = 8) {
  const buffer = new SharedArrayBuffer(4 * size);
  const flags = new Int32Array(buffer);
  return {
    buffer,
    entered: () => Atomics.load(flags, 0),
    release(i: number) {
      Atomics.store(flags, i, 1);
      Atomics.notify(flags, i);
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition never held');
}

describe('AnalysisPool: bad options throw first', () => {
  it('rejects bad sizes and limits, and a bad LINCHPIN_WORKERS', () => {
    expect(() => pool({ workers: -1 })).toThrow(ValidationError);
    expect(() => pool({ workers: 1, perCallerRunning: 0 })).toThrow(/perCallerRunning: must be an integer >= 1, got 0/);
    expect(() => pool({ workers: 1, maxQueued: 1.5 })).toThrow(/maxQueued/);
    expect(() => defaultPoolWorkers({ LINCHPIN_WORKERS: 'two' })).toThrow(/LINCHPIN_WORKERS: must be an integer >= 0, got "two"/);
    expect(defaultPoolWorkers({ LINCHPIN_WORKERS: '3' })).toBe(3);
    expect(defaultPoolWorkers({})).toBeGreaterThanOrEqual(1);
    expect(poolLimitsFromEnv({ LINCHPIN_ANALYSES_PER_CALLER: '4', LINCHPIN_ANALYSIS_QUEUE: '10' })).toEqual({ perCallerRunning: 4, perCallerQueued: undefined, maxQueued: 10 });
    expect(() => poolLimitsFromEnv({ LINCHPIN_ANALYSES_PER_CALLER: '0' })).toThrow(/LINCHPIN_ANALYSES_PER_CALLER: must be an integer >= 1, got "0"/);
  });
});

describe('AnalysisPool: tasks in workers', () => {
  it('answers from the worker, on the snapshot it was sent once per version', async () => {
    const p = pool({ workers: 1 });
    expect(await p.run('a', v1, 'echo', [1, 'x'])).toEqual({ data: v1.data, args: [1, 'x'] });
    expect(await p.run('a', v1, 'echo', [2])).toEqual({ data: v1.data, args: [2] });
    expect(await p.run('a', v1, 'snapshots', [])).toBe(1);
    expect(await p.run('a', v2, 'echo', [])).toEqual({ data: v2.data, args: [] });
    expect(await p.run('b', v2, 'snapshots', [])).toBe(2);
    expect(p.stats()).toMatchObject({ workers: 1, running: 0, queued: 0, finished: 5, refused: 0 });
  });

  it('an error keeps its kind, code and details', async () => {
    const p = pool({ workers: 1 });
    const error = await p.run('a', v1, 'fail', [7]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'x: bad value 7', details: [{ path: 'x', message: 'bad' }] });
    const unknown = await p.run('a', v1, 'nope', []).catch((e: unknown) => e);
    expect(unknown).not.toBeInstanceOf(ValidationError);
    expect((unknown as Error).message).toBe('unknown op nope');
  });

  it('a worker that dies fails its task and is replaced', async () => {
    const p = pool({ workers: 1 });
    await expect(p.run('a', v1, 'exit', [])).rejects.toThrow(/an analysis worker stopped unexpectedly \(exit code 3\)/);
    expect(await p.run('a', v1, 'echo', ['again'])).toEqual({ data: v1.data, args: ['again'] });
  });

  it('runs at most perCallerRunning of a caller at once, lets other callers past, and refuses beyond the caps', async () => {
    const p = pool({ workers: 2, perCallerRunning: 1, perCallerQueued: 1, maxQueued: 2 });
    const g = gate();
    const finished: string[] = [];
    const track = (label: string, promise: Promise<unknown>) => promise.then(() => finished.push(label));
    const a1 = track('a1', p.run('a', v1, 'block', [g.buffer, 1]));
    await until(() => g.entered() === 1);
    // a's second task waits although a worker is free: a is at its limit.
    const a2 = track('a2', p.run('a', v1, 'block', [g.buffer, 2]));
    expect(p.stats()).toMatchObject({ running: 1, queued: 1 });
    // a third of a's: its one waiting place is taken.
    const a3 = await p.run('a', v1, 'echo', []).catch((e: unknown) => e);
    expect(a3).toBeInstanceOf(RateLimitedError);
    expect((a3 as RateLimitedError).code).toBe('RATE_LIMITED');
    expect((a3 as Error).message).toMatch(/caller 'a': 1 running and 1 waiting is the limit/);
    // b gets the free worker at once, past a's waiting task.
    const b1 = track('b1', p.run('b', v1, 'block', [g.buffer, 3]));
    await until(() => g.entered() === 2);
    expect(p.stats()).toMatchObject({ running: 2, queued: 1 });
    // c waits (no worker free); then the queue (2) is full for d.
    const c1 = track('c1', p.run('c', v1, 'echo', ['c']));
    const d1 = await p.run('d', v1, 'echo', []).catch((e: unknown) => e);
    expect(d1).toBeInstanceOf(RateLimitedError);
    expect((d1 as Error).message).toMatch(/the analysis queue is full \(2 waiting\)/);
    expect(p.stats()).toMatchObject({ running: 2, queued: 2, refused: 2 });

    g.release(3); // b1 ends; its worker takes c1 (a is still at its limit)
    await until(() => finished.includes('c1'));
    expect(finished).toEqual(['b1', 'c1']);
    g.release(1); // a1 ends; a2 starts
    await until(() => g.entered() === 3);
    g.release(2);
    await Promise.all([a1, a2, b1, c1]);
    expect(finished).toEqual(['b1', 'c1', 'a1', 'a2']);
    expect(p.stats()).toMatchObject({ running: 0, queued: 0, finished: 4, refused: 2 });
  });

  it('close fails what waits with UNAVAILABLE and refuses new tasks', async () => {
    const p = pool({ workers: 1, perCallerRunning: 1 });
    const g = gate();
    const running = p.run('a', v1, 'block', [g.buffer, 1]).catch((e: unknown) => e);
    await until(() => g.entered() === 1);
    const waiting = p.run('a', v1, 'echo', []).catch((e: unknown) => e);
    await p.close();
    expect(await waiting).toMatchObject({ code: 'UNAVAILABLE' });
    expect(await running).toMatchObject({ code: 'UNAVAILABLE' });
    await expect(p.run('a', v1, 'echo', [])).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('AnalysisPool: workers 0 runs in the calling thread with the same admission', () => {
  it('answers through the local runner and still refuses beyond the caps', async () => {
    const p = pool({ workers: 0, perCallerRunning: 1, perCallerQueued: 1, maxQueued: 10 });
    const first = p.run('a', v1, 'echo', [1]);
    const second = p.run('a', v1, 'echo', [2]);
    await expect(p.run('a', v1, 'echo', [3])).rejects.toBeInstanceOf(RateLimitedError);
    expect(await first).toEqual({ local: 'echo', args: [1] });
    expect(await second).toEqual({ local: 'echo', args: [2] });
    const failing = pool({ workers: 0 }, () => {
      throw new ValidationError('y: no');
    });
    await expect(failing.run('a', v1, 'x', [])).rejects.toBeInstanceOf(ValidationError);
  });
});
