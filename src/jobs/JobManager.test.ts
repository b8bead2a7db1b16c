import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../errors';
import { buildPropagationGraph } from '../analysis/propagation';
import type { PropagationGraph } from '../analysis/propagation/types';
import type { StressContext, StressSummary, StressTestOptions } from '../analysis/stress-test';
import { at, drawnGraph, randomGraphInput, roundRobinCountries } from '../analysis/stress-test/test-graphs';
import { JobManager } from './JobManager';
import type { Job, StressJobInput } from './types';

const managers: JobManager[] = [];
function manager(options: ConstructorParameters<typeof JobManager>[0] = {}): JobManager {
  const m = new JobManager(options);
  managers.push(m);
  return m;
}
afterAll(async () => {
  await Promise.all(managers.map((m) => m.close()));
});

/*
 *   bank (CF, DE) ──► s3 (S) ──► fra (F, in DE)
 *   hosp (CF, FR) ──────────────► fra
 *   pay  (CF, DE) ──► blob (S) |g ; ──► vps (S) |g
 */
function drawnInput(options: Partial<StressTestOptions> = {}): StressJobInput {
  const g = drawnGraph({
    nodes: 'S:s3 F:fra S:blob S:vps CF:bank CF:hosp*2 CF:pay',
    edges: 'bank>s3 s3>fra hosp>fra pay>blob|g pay>vps|g',
  });
  const country = (pairs: Record<string, number>): Int32Array => {
    const a = new Int32Array(g.n).fill(-1);
    for (const [id, c] of Object.entries(pairs)) a[at(g, id)] = c;
    return a;
  };
  return {
    graph: g,
    context: { countries: ['DE', 'FR'], nodeCountry: country({ fra: 0 }), functionCountry: country({ bank: 0, hosp: 1, pay: 0 }) },
    options: { mode: 'RANDOM_FAILURE', runs: 500, seed: 11, kinds: ['Facility', 'Service'], p: 0.2, ...options } as StressTestOptions,
  };
}

let bigGraph: PropagationGraph | undefined;
function randomInput(options: Partial<StressTestOptions> = {}): StressJobInput {
  bigGraph ??= buildPropagationGraph(randomGraphInput({ nodes: 3000, edges: 9000, seed: 8 }));
  const countries = ['DE', 'FR', 'IT', 'PL', 'NO', 'US'];
  const context: StressContext = {
    countries,
    nodeCountry: roundRobinCountries(bigGraph, countries.length),
    functionCountry: roundRobinCountries(bigGraph, countries.length),
  };
  return {
    graph: bigGraph,
    context,
    options: {
      mode: 'RANDOM_FAILURE',
      runs: 400,
      seed: 77,
      kinds: ['Facility', 'Service'],
      p: 0.0005,
      qCountry: 0.002,
      qProvider: 0.001,
      ...options,
    } as StressTestOptions,
  };
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('JobManager: bad calls throw first', () => {
  it('rejects unknown kinds, bad pool sizes and unknown ids', () => {
    expect(() => new JobManager({ workers: -1 })).toThrow(ValidationError);
    expect(() => new JobManager({ chunkSize: 0 })).toThrow(/chunkSize/);
    expect(() => new JobManager({ maxConcurrent: 1.5 })).toThrow(/maxConcurrent/);
    const m = manager({ workers: 0 });
    expect(() => m.start('NOPE' as 'STRESS_TEST', drawnInput())).toThrow(/unknown job kind "NOPE"/);
    expect(() => m.start('STRESS_TEST', drawnInput(), { workers: 2.5 })).toThrow(/workers/);
    expect(m.get('no-such-id')).toBeUndefined();
    expect(() => m.cancel('no-such-id')).toThrow(NotFoundError);
    return expect(m.wait('no-such-id')).rejects.toThrow(NotFoundError);
  });
});

describe('JobManager: stress tests', () => {
  it('a job starts QUEUED or RUNNING, ends SUCCEEDED with progress at the total and Wilson intervals', async () => {
    const m = manager({ workers: 0, chunkSize: 100 });
    const job = m.start('STRESS_TEST', drawnInput());
    expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(['QUEUED', 'RUNNING']).toContain(job.status);
    expect(job.progress).toEqual({ done: 0, total: 0, fraction: 0 });
    const done = (await m.wait(job.id)) as Job<StressSummary>;
    expect(done.status).toBe('SUCCEEDED');
    expect(done.progress).toEqual({ done: 500, total: 500, fraction: 1 });
    expect(done.error).toBeNull();
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    const summary = done.result!;
    expect(summary.runs).toBe(500);
    for (const row of [...summary.functions, ...summary.countries]) {
      expect(row.lower).toBeLessThanOrEqual(row.probability);
      expect(row.upper).toBeGreaterThanOrEqual(row.probability);
      expect(row.upper - row.lower).toBeGreaterThan(0);
    }
    // hosp fails with fra (p = 0.2): its estimate is near 0.2 and its interval covers 0.2.
    const hosp = summary.functions.find((f) => f.id === 'hosp')!;
    expect(hosp.lower).toBeLessThan(0.2);
    expect(hosp.upper).toBeGreaterThan(0.2);
    expect(m.get(job.id)!.status).toBe('SUCCEEDED');
  });

  it('reports progress after each chunk, up to the total', async () => {
    const m = manager({ workers: 0, chunkSize: 100 });
    const job = m.start('STRESS_TEST', drawnInput());
    const seen: number[] = [];
    for (let status = job.status; status === 'QUEUED' || status === 'RUNNING'; ) {
      await new Promise((resolve) => setImmediate(resolve));
      const now = m.get(job.id)!;
      if (now.progress.total > 0 && seen.at(-1) !== now.progress.done) seen.push(now.progress.done);
      status = now.status;
    }
    expect(seen.at(-1)).toBe(500);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((d, i) => d % 100 === 0 && (i === 0 || d > seen[i - 1]!))).toBe(true);
  });

  it('gives identical summaries with 0, 1 and 2 workers (drawn and random graphs)', async () => {
    const m = manager({ chunkSize: 37 });
    for (const input of [drawnInput(), randomInput(), randomInput({ rule: 'THRESHOLD' })]) {
      const results: unknown[] = [];
      for (const workers of [0, 1, 2]) {
        const job = await m.wait(m.start('STRESS_TEST', input, { workers }).id);
        expect(job.error).toBeNull();
        expect(job.status).toBe('SUCCEEDED');
        expect(job.progress.fraction).toBe(1);
        results.push(job.result);
      }
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    }
  });

  it('a compromise stress test runs in workers too', async () => {
    const g = drawnGraph({ nodes: 'S:vendor CF:bank CF:hosp', edges: 'bank>vendor!0.5 hosp>vendor!1' });
    const input: StressJobInput = {
      graph: g,
      context: { countries: ['DE'], nodeCountry: new Int32Array(3).fill(-1), functionCountry: new Int32Array([-1, 0, 0]) },
      options: { mode: 'COMPROMISE', runs: 300, seed: 3, origins: [at(g, 'vendor')], effect: 'ACCESS' },
    };
    const m = manager({ chunkSize: 50 });
    const inThread = await m.wait(m.start('STRESS_TEST', input, { workers: 0 }).id);
    const pooled = await m.wait(m.start('STRESS_TEST', input, { workers: 2 }).id);
    expect(pooled.result).toEqual(inThread.result);
    const hosp = (pooled.result as StressSummary).functions.find((f) => f.id === 'hosp')!;
    expect(hosp.probability).toBe(1);
  });

  it.each([0, 2])('cancel stops a long job (workers %i)', async (workers) => {
    const m = manager({ chunkSize: 50 });
    const input = randomInput({ runs: 100_000 });
    const job = m.start('STRESS_TEST', input, { workers });
    await until(() => m.get(job.id)!.progress.done > 0);
    const cancelled = m.cancel(job.id);
    expect(cancelled.status).toBe('CANCELLED');
    const done = await m.wait(job.id);
    expect(done.status).toBe('CANCELLED');
    expect(done.result).toBeNull();
    expect(done.progress.total).toBe(100_000);
    expect(done.progress.done).toBeLessThan(100_000);
    expect(m.cancel(job.id).status).toBe('CANCELLED'); // cancelling again changes nothing
  });

  it('queues jobs beyond maxConcurrent; a queued job can be cancelled before it starts', async () => {
    const m = manager({ workers: 0, chunkSize: 50, maxConcurrent: 1 });
    const first = m.start('STRESS_TEST', randomInput({ runs: 2000 }));
    const second = m.start('STRESS_TEST', drawnInput());
    expect(m.get(second.id)!.status).toBe('QUEUED');
    expect(m.cancel(second.id).status).toBe('CANCELLED');
    const third = m.start('STRESS_TEST', drawnInput());
    expect((await m.wait(second.id)).startedAt).toBeNull();
    expect((await m.wait(first.id)).status).toBe('SUCCEEDED');
    expect((await m.wait(third.id)).status).toBe('SUCCEEDED');
  });

  it('bad input makes the job FAILED with a message naming the value', async () => {
    const m = manager({ workers: 0 });
    const job = await m.wait(m.start('STRESS_TEST', drawnInput({ p: 2 })).id);
    expect(job.status).toBe('FAILED');
    expect(job.error).toBe('options.p: must be a probability in [0, 1], got 2');
    expect(job.result).toBeNull();
  });

  it('an error inside a worker makes the job FAILED with the worker’s message', async () => {
    const m = manager({ workers: 1 });
    const input = drawnInput();
    // Passes the job's own checks (they read g.n only) but not the engine's, which runs in the worker.
    const broken = { ...input, graph: { ...input.graph, bySupplierOffsets: [] } as unknown as PropagationGraph };
    const job = await m.wait(m.start('STRESS_TEST', broken).id);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/must be a PropagationGraph/);
  });

  it('keeps only the most recent finished jobs', async () => {
    const m = manager({ workers: 0, retainFinished: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = m.start('STRESS_TEST', drawnInput({ runs: 10 })).id;
      ids.push(id);
      await m.wait(id);
    }
    expect(m.get(ids[0]!)).toBeUndefined();
    expect(m.list().map((j) => j.id)).toEqual(ids.slice(1));
  });
});
