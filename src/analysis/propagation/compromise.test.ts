import { describe, expect, it } from 'vitest';
import { mergeCompromiseTallies, runCompromise, summariseCompromise } from './compromise';
import { simulateOutage } from './outage';
import { buildPropagationGraph } from './graph';
import { dep, expectInputError, graph, node, randomGraphInput } from './test-utils';
import type { CompromiseOptions, CompromiseTally } from './types';
import { runRandom } from '../random';

/*
 * ══T p══►  a trust channel with propagation p;  ──►  any other channel.
 * Arrows run supplier → dependent; (d) is the delay in hours.
 *
 *   o ══T 1══► a ══T 1 (2)══► b ══T 1 (1)══► f ◄── z      f: group {b, z}, minAlive 1
 *   ║          │                                           (an outage of b alone leaves f up)
 *   ║          └──[.4]──► e ◄──[.6]── z                    e: critical function, importance 5
 *   ╠══T 0══► c                                            f: critical function, importance 2
 *   └──(propagation .9, not trust)──► d
 */
const g = graph(
  [node('o', 'Provider'), 'a', 'b', 'c', 'd', node('e', 'CriticalFunction', { importance: 5 }), node('f', 'CriticalFunction', { importance: 2 }), 'z'],
  [
    dep('a', 'o', { integrity: true, propagation: 1 }),
    dep('b', 'a', { integrity: true, propagation: 1, delayHours: 2 }),
    dep('c', 'o', { integrity: true, propagation: 0 }),
    dep('d', 'o', { propagation: 0.9 }),
    dep('e', 'a', { strength: 0.4 }),
    dep('e', 'z', { strength: 0.6 }),
    dep('f', 'b', { integrity: true, propagation: 1, delayHours: 1, redundancyGroup: 'g', minAlive: 1 }),
    dep('f', 'z', { redundancyGroup: 'g', minAlive: 1 }),
  ],
);
const base: CompromiseOptions = { origins: [0], effect: 'ACCESS', rule: 'HARD', runs: 10, seed: 42 };

describe('runCompromise: bad input throws first', () => {
  it('rejects bad runs, seeds, ranges, effects, rules and origins, all at once', () => {
    expectInputError(
      () => runCompromise(g, { origins: [9], effect: 'STEAL' as 'ACCESS', rule: 'SOFT' as 'HARD', runs: 0, seed: -1 }),
      'options.origins[0]: not a node index in 0..7, got 9',
      'options.effect: must be one of ACCESS, DISRUPT, got "STEAL"',
      'options.rule: must be one of HARD, THRESHOLD, DISTRESS',
      'options.runs: must be an integer in 1..100000, got 0',
      'options.seed: must be a 32-bit unsigned integer, got -1',
    );
    expectInputError(() => runCompromise(g, { ...base, runs: 100_001 }), 'options.runs');
    expectInputError(() => runCompromise(g, { ...base, runs: 2.5 }), 'options.runs');
    expectInputError(() => runCompromise(g, { ...base, seed: 2 ** 32 }), 'options.seed');
    expectInputError(() => runCompromise(g, { ...base, seed: 0.5 }), 'options.seed');
    expectInputError(() => runCompromise(g, { ...base, from: -1 }), 'options.from');
    expectInputError(() => runCompromise(g, { ...base, from: 5, to: 4 }), 'options.to');
    expectInputError(() => runCompromise(g, { ...base, to: 11 }), 'options.to');
  });

  it('merge and summary check their inputs', () => {
    const a = runCompromise(g, { ...base, from: 0, to: 3 });
    const c = runCompromise(g, { ...base, from: 4, to: 6 });
    expectInputError(() => mergeCompromiseTallies(a, c), 'run ranges [0, 3) and [4, 6) are not adjacent');
    expectInputError(() => mergeCompromiseTallies(a, { ...c, runsFrom: 3, runImportance: new Float64Array(1) }), 'b: runImportance and runFunctions must hold one value per run');
    expectInputError(() => summariseCompromise(g, runCompromise(g, { ...base, from: 2, to: 2 })), 'tally: covers no runs');
    expectInputError(() => summariseCompromise(graph(['x'], []), a), 'tally: has 8 nodes, the graph 1');
  });
});

describe('runCompromise: exact answers with propagation 1 and 0', () => {
  it('ACCESS: spreads along trust channels only, ignoring redundancy; nothing fails', () => {
    /* o at 0, a at 0, b at 0 + 2, f at 2 + 1 (its group does not protect it).
     * c: propagation 0; d: not a trust channel; e: not a trust channel. */
    const t = runCompromise(g, base);
    expect(Array.from(t.compromisedCount)).toEqual([10, 10, 10, 0, 0, 0, 10, 0]);
    expect(Array.from(t.failedCount)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...t.hours.keys()]).toEqual([0, 1, 2, 6]);
    expect(t.hours.get(2)).toEqual(Array<number>(10).fill(2));
    expect(t.hours.get(6)).toEqual(Array<number>(10).fill(3));
    expect(Array.from(t.runImportance)).toEqual(Array<number>(10).fill(2)); // f
    expect(Array.from(t.runFunctions)).toEqual(Array<number>(10).fill(1));
    const s = summariseCompromise(g, t);
    expect(s.runs).toBe(10);
    expect(Array.from(s.compromisedProbability)).toEqual([1, 1, 1, 0, 0, 0, 1, 0]);
    expect(Array.from(s.medianHour)).toEqual([0, 0, 2, NaN, NaN, NaN, 3, NaN]);
    expect(s.importance).toEqual({ mean: 2, std: 0, p5: 2, p50: 2, p95: 2 });
    expect(s.meanFunctions).toBe(1);
  });

  it('DISRUPT / HARD: compromised nodes fail, the origin stays up, and the outage crosses availability edges only', () => {
    /* Compromised o@0, a@0, b@2, f@3; a, b and f fail then, o (the origin) does not. The outage
     * adds e (through a, at 0; HARD ignores strength); c and d hang off o, which stays up, and
     * c's propagation 0 never carries the compromise. Importance: e 5 + f 2 = 7. */
    const t = runCompromise(g, { ...base, effect: 'DISRUPT' });
    expect(Array.from(t.compromisedCount)).toEqual([10, 10, 10, 0, 0, 0, 10, 0]);
    expect(Array.from(t.failedCount)).toEqual([0, 10, 10, 0, 0, 10, 10, 0]);
    expect(Array.from(summariseCompromise(g, t).medianHour)).toEqual([0, 0, 2, NaN, NaN, 0, 3, NaN]);
    expect(Array.from(t.runImportance)).toEqual(Array<number>(10).fill(7));
    expect(Array.from(t.runFunctions)).toEqual(Array<number>(10).fill(2));
  });

  it('DISRUPT with originOutage: the origin also goes down, and its availability dependents with it', () => {
    const t = runCompromise(g, { ...base, effect: 'DISRUPT', originOutage: true });
    expect(Array.from(t.failedCount)).toEqual([10, 10, 10, 10, 10, 10, 10, 0]);
    expect(Array.from(t.runImportance)).toEqual(Array<number>(10).fill(7));
  });

  it('DISRUPT over an edge that carries no availability: the dependent is compromised, its own dependents keep running', () => {
    /* o ══T 1 (integrity only)══► a ──► x: a is compromised and fails; x depends on a for
     * availability and fails; y depends on o over an update-only edge and o is never down. */
    const h = graph(
      [node('o'), 'a', node('x', 'CriticalFunction'), node('y', 'CriticalFunction')],
      [dep('a', 'o', { integrity: true, availability: false, propagation: 1 }), dep('x', 'a'), dep('y', 'o', { integrity: true, availability: false, propagation: 0 })],
    );
    const t = runCompromise(h, { ...base, effect: 'DISRUPT' });
    expect(Array.from(t.compromisedCount)).toEqual([10, 10, 0, 0]);
    expect(Array.from(t.failedCount)).toEqual([0, 10, 10, 0]);
  });

  it('DISRUPT / THRESHOLD and DISTRESS: the outage continues under the chosen rule; partial losses are degradation', () => {
    /* THRESHOLD: e has lost 0.4 of 1 < 0.5 → holds, degraded by 0.4; importance f 2 + e 5 · 0.4 = 4.
     * DISTRESS: h_e = 0.4 · 1 → degraded, importance 5 · 0.4 + f 2 = 4. */
    const th = runCompromise(g, { ...base, effect: 'DISRUPT', rule: 'THRESHOLD' });
    expect(Array.from(th.failedCount)).toEqual([0, 10, 10, 0, 0, 0, 10, 0]);
    expect(Array.from(th.degradedCount)).toEqual([0, 0, 0, 0, 0, 10, 0, 0]);
    expect(th.runImportance[0]).toBeCloseTo(4, 12);
    const di = runCompromise(g, { ...base, effect: 'DISRUPT', rule: 'DISTRESS' });
    expect(Array.from(di.failedCount)).toEqual([0, 10, 10, 0, 0, 0, 10, 0]);
    expect(Array.from(di.degradedCount)).toEqual([0, 0, 0, 0, 0, 10, 0, 0]);
    expect(summariseCompromise(g, di).expectedLoss[5]).toBeCloseTo(0.4, 9);
    expect(di.runImportance[0]).toBeCloseTo(4, 12);
    expect(Array.from(di.runFunctions)).toEqual(Array<number>(10).fill(2));
  });

  it('the earliest successful attempt sets the hour', () => {
    /*   o ══T 1 (5)══► a;   o ══T 1 (1)══► b ══T 1 (1)══► a   → a at 2 */
    const h = graph(['o', 'a', 'b'], [dep('a', 'o', { integrity: true, propagation: 1, delayHours: 5 }), dep('b', 'o', { integrity: true, propagation: 1, delayHours: 1 }), dep('a', 'b', { integrity: true, propagation: 1, delayHours: 1 })]);
    expect(runCompromise(h, { ...base, runs: 1 }).hours.get(1)).toEqual([2]);
  });
});

describe('runCompromise: a probabilistic edge', () => {
  /*   o ══T 0.3══► a */
  const h = graph(['o', 'a'], [dep('a', 'o', { integrity: true, propagation: 0.3 })]);

  it('succeeds in run r exactly when run r’s one draw is below 0.3', () => {
    for (let r = 0; r < 200; r++) {
      const t = runCompromise(h, { ...base, runs: 200, seed: 7, from: r, to: r + 1 });
      expect(t.compromisedCount[1]).toBe(runRandom(7, r)() < 0.3 ? 1 : 0);
    }
  });

  it('over 20,000 runs is compromised with frequency 0.3 ± 0.015 (about 4.6 standard errors)', () => {
    const s = summariseCompromise(h, runCompromise(h, { ...base, runs: 20_000, seed: 2024 }));
    expect(Math.abs(s.compromisedProbability[1]! - 0.3)).toBeLessThan(0.015);
    expect(s.compromisedProbability[0]).toBe(1);
  });
});

describe('runCompromise: determinism and exact merging', () => {
  const r = buildPropagationGraph(randomGraphInput(11, { n: 60, required: 120, groups: 20, selfLoops: 3, trustShare: 0.6, maxDelay: 5 }));
  const options: CompromiseOptions = { origins: [0, 1], effect: 'DISRUPT', rule: 'THRESHOLD', runs: 1000, seed: 12345 };

  it('the same seed gives identical tallies; another seed does not', () => {
    const t1 = runCompromise(r, options);
    const t2 = runCompromise(r, options);
    expect(t2).toEqual(t1);
    expect(runCompromise(r, { ...options, seed: 12346 })).not.toEqual(t1);
    expect(Math.max(...t1.runFunctions)).toBeGreaterThan(0);
  });

  it('[0, 500) + [500, 1000) merged, in either order, equals one [0, 1000) call', () => {
    for (const effect of ['ACCESS', 'DISRUPT'] as const) {
      const whole = runCompromise(r, { ...options, effect });
      const first = runCompromise(r, { ...options, effect, from: 0, to: 500 });
      const second = runCompromise(r, { ...options, effect, from: 500, to: 1000 });
      const merged = mergeCompromiseTallies(first, second);
      expect(merged).toEqual(whole);
      expect(mergeCompromiseTallies(second, first)).toEqual(whole);
      expect([...merged.hours.keys()]).toEqual([...whole.hours.keys()]);
      expect(summariseCompromise(r, merged)).toEqual(summariseCompromise(r, whole));
    }
  });

  it('summarises with mean, sample standard deviation and type-7 percentiles', () => {
    const t: CompromiseTally = {
      runsFrom: 0,
      runsTo: 4,
      compromisedCount: new Int32Array(r.n),
      failedCount: new Int32Array(r.n),
      degradedCount: new Int32Array(r.n),
      lossSum: new Float64Array(r.n),
      hours: new Map([[3, [1, 2, 10, 40]]]),
      runImportance: Float64Array.from([4, 0, 2, 6]),
      runFunctions: Int32Array.from([2, 0, 1, 3]),
    };
    const s = summariseCompromise(r, t);
    // sorted 0, 2, 4, 6: mean 3; sample variance (9 + 1 + 1 + 9) / 3; p5 at 0.15 → 0.3; p95 at 2.85 → 5.7
    expect(s.importance.mean).toBe(3);
    expect(s.importance.std).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(s.importance.p5).toBeCloseTo(0.3, 12);
    expect(s.importance.p50).toBe(3);
    expect(s.importance.p95).toBeCloseTo(5.7, 12);
    expect(s.medianHour[3]).toBe(6);
    expect(s.meanFunctions).toBe(1.5);
  });
});

describe('DISRUPT and OUTAGE', () => {
  it('agree only when every edge carries both, every propagation is 1, the origins go down too and no redundancy is involved (random graphs)', () => {
    // (Redundancy never protects against a compromise, so with groups DISRUPT reaches more.)
    let differed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const input = randomGraphInput(seed, { n: 30, required: 50, groups: 0, trustShare: 1 });
      const certain = buildPropagationGraph({ ...input, edges: input.edges.map((e) => ({ ...e, integrity: true, availability: true, propagation: 1 })) });
      const outage = simulateOutage(certain, { rule: 'HARD', origins: [0] });
      const failedByOutage = Array.from(outage.failed);
      const disrupt = runCompromise(certain, { origins: [0], effect: 'DISRUPT', rule: 'HARD', runs: 3, seed, originOutage: true });
      // Every node the outage fails, fails in every run, and nothing else does.
      expect(Array.from(disrupt.failedCount, (c) => (c === 3 ? 1 : c === 0 ? 0 : -1)), `seed ${seed}`).toEqual(failedByOutage);
      // With propagation below 1 somewhere on the way, or the origin only compromised, the answers part.
      const uncertain = buildPropagationGraph({ ...input, edges: input.edges.map((e) => ({ ...e, integrity: true, availability: true, propagation: 0.5 })) });
      const partly = runCompromise(uncertain, { origins: [0], effect: 'DISRUPT', rule: 'HARD', runs: 50, seed });
      if (failedByOutage.reduce((a, b) => a + b, 0) > 1 && partly.failedCount.some((c, v) => c !== 50 * failedByOutage[v]!)) differed++;
    }
    expect(differed).toBeGreaterThan(20);
  });
});
