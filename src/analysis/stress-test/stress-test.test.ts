import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors';
import { buildPropagationGraph } from '../propagation';
import type { PropagationGraph } from '../propagation/types';
import { runRandom } from '../random';
import { AnalysisInputError } from '../errors';
import { mergeStressTallies } from './merge';
import { stressTestRange } from './stress-range';
import { summariseStressTest } from './summarise';
import { at, drawnGraph, randomGraphInput, roundRobinCountries } from './test-graphs';
import type { StressContext, StressTestOptions } from './types';

function expectInvalid(fn: () => unknown, argument: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(AnalysisInputError);
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as AnalysisInputError).argument).toBe(argument);
}

/*
 *                         aws (P, in US) owns s3
 *   bank (CF, DE, 1) ──► s3 (S) ──► fra (F, in DE)
 *   hosp (CF, FR, 2) ──────────────► fra
 *   pay  (CF, DE, 1) ──► blob (S) |g   alternatives
 *                    ──► vps  (S) |g
 */
const COUNTRIES = ['DE', 'FR', 'US'];
function drawn(): { g: PropagationGraph; ctx: StressContext } {
  const g = drawnGraph({
    nodes: 'P:aws S:s3 F:fra S:blob S:vps CF:bank CF:hosp*2 CF:pay',
    edges: 'bank>s3 s3>fra hosp>fra pay>blob|g pay>vps|g',
    owned: 'aws>s3',
  });
  const country = (pairs: Record<string, number>): Int32Array => {
    const a = new Int32Array(g.n).fill(-1);
    for (const [id, c] of Object.entries(pairs)) a[at(g, id)] = c;
    return a;
  };
  return {
    g,
    ctx: {
      countries: COUNTRIES,
      nodeCountry: country({ fra: 0, aws: 2 }),
      functionCountry: country({ bank: 0, hosp: 1, pay: 0 }),
    },
  };
}

const random = (o: Partial<StressTestOptions> = {}): StressTestOptions =>
  ({ mode: 'RANDOM_FAILURE', runs: 10, seed: 7, kinds: ['Facility'], p: 1, ...o }) as StressTestOptions;

/** Failures of each function (node order: bank, hosp, pay) in a full-range tally. */
function failuresOf(g: PropagationGraph, ctx: StressContext, options: StressTestOptions): Record<string, number> {
  const t = stressTestRange(g, ctx, options, 0, options.runs);
  return { bank: t.functionFailures[0]!, hosp: t.functionFailures[1]!, pay: t.functionFailures[2]! };
}

describe('stressTestRange: bad input throws first', () => {
  const { g, ctx } = drawn();
  it('rejects bad options, naming the value', () => {
    const cases: [Partial<StressTestOptions> | Record<string, unknown>, string][] = [
      [{ mode: 'PANIC' }, 'options.mode'],
      [{ runs: 0 }, 'options.runs'],
      [{ runs: 100_001 }, 'options.runs'],
      [{ runs: 2.5 }, 'options.runs'],
      [{ seed: -1 }, 'options.seed'],
      [{ seed: 2 ** 32 }, 'options.seed'],
      [{ seed: 1.5 }, 'options.seed'],
      [{ p: 1.5 }, 'options.p'],
      [{ p: Number.NaN }, 'options.p'],
      [{ qCountry: -0.1 }, 'options.qCountry'],
      [{ qProvider: 2 }, 'options.qProvider'],
      [{ kinds: ['Country'] }, 'options.kinds[0]'],
      [{ kinds: ['Facility', 'Router'] }, 'options.kinds[1]'],
      [{ kinds: 'Facility' }, 'options.kinds'],
      [{ rule: 'SOFT' }, 'options.rule'],
      [{ countryLossShare: 0 }, 'options.countryLossShare'],
      [{ durationHours: -1 }, 'options.durationHours'],
    ];
    for (const [o, argument] of cases) expectInvalid(() => stressTestRange(g, ctx, random(o), 0, 1), argument);
    const compromise = { mode: 'COMPROMISE', runs: 10, seed: 1, effect: 'ACCESS', origins: [0] } as const;
    expectInvalid(() => stressTestRange(g, ctx, { ...compromise, effect: 'STEAL' as 'ACCESS' }, 0, 1), 'options.effect');
    expectInvalid(() => stressTestRange(g, ctx, { ...compromise, origins: [] }, 0, 1), 'options.origins');
    expectInvalid(() => stressTestRange(g, ctx, { ...compromise, origins: [0, 99] }, 0, 1), 'options.origins[1]');
    expect(new AnalysisInputError('options.p', 'x').message).toBe('options.p: x');
  });
  it('rejects bad ranges and contexts', () => {
    expectInvalid(() => stressTestRange(g, ctx, random(), -1, 5), 'from');
    expectInvalid(() => stressTestRange(g, ctx, random(), 6, 5), 'to');
    expectInvalid(() => stressTestRange(g, ctx, random(), 0, 11), 'to');
    expectInvalid(() => stressTestRange(g, { ...ctx, nodeCountry: new Int32Array(3) }, random(), 0, 1), 'ctx.nodeCountry');
    const bad = ctx.functionCountry.slice();
    bad[1] = 3;
    expectInvalid(() => stressTestRange(g, { ...ctx, functionCountry: bad }, random(), 0, 1), 'ctx.functionCountry[1]');
    expectInvalid(() => stressTestRange(g, { ...ctx, countries: [1] as unknown as string[] }, random(), 0, 1), 'ctx.countries');
  });
});

describe('stressTestRange: random failures on the drawn graph', () => {
  it('fra failing every run takes down s3, bank and hosp; pay survives', () => {
    const { g, ctx } = drawn();
    const t = stressTestRange(g, ctx, random(), 0, 10);
    expect(t.runsFrom).toBe(0);
    expect(t.runsTo).toBe(10);
    expect([...t.functionFailures]).toEqual([10, 10, 0]);
    // DE loses bank (1 of 2): 0.5 >= 0.5, fails; FR loses hosp; US serves nothing.
    expect([...t.countryFailures]).toEqual([10, 10, 0]);
    expect([...t.runFunctions]).toEqual(Array(10).fill(2));
    expect([...t.runImportance]).toEqual(Array(10).fill(3));
    const stricter = stressTestRange(g, ctx, random({ countryLossShare: 0.6 }), 0, 10);
    expect([...stricter.countryFailures]).toEqual([0, 10, 0]);
  });

  it('independent failures: run r draws s3, blob, vps in that order from runRandom(seed, r)', () => {
    const { g, ctx } = drawn();
    const options = random({ kinds: ['Service'], p: 0.5, runs: 400, seed: 12345 });
    const t = stressTestRange(g, ctx, options, 0, 400);
    const expected = { bank: 0, pay: 0, de: 0 };
    for (let r = 0; r < 400; r++) {
      const u = runRandom(12345, r);
      const [s3, blob, vps] = [u() < 0.5, u() < 0.5, u() < 0.5];
      const payLost = blob && vps; // a 1-of-2 group fails only when both are down
      if (s3) expected.bank++;
      if (payLost) expected.pay++;
      if (s3 || payLost) expected.de++;
    }
    expect([...t.functionFailures]).toEqual([expected.bank, 0, expected.pay]);
    expect(t.countryFailures[0]).toBe(expected.de);
    expect(expected.pay).toBeGreaterThan(60); // about a quarter of 400
    expect(expected.pay).toBeLessThan(140);
  });

  it('common shocks: one draw per country (DE, FR, US), then one per provider (aws)', () => {
    const { g, ctx } = drawn();
    const options = random({ kinds: [], p: 0, qCountry: 0.3, qProvider: 0.4, runs: 300, seed: 99 });
    const expected = { bank: 0, hosp: 0 };
    for (let r = 0; r < 300; r++) {
      const u = runRandom(99, r);
      const [de] = [u() < 0.3, u() < 0.3, u() < 0.3];
      const aws = u() < 0.4; // aws and s3, which it owns
      if (de || aws) expected.bank++; // fra (located in DE) or s3 down
      if (de) expected.hosp++;
    }
    expect(failuresOf(g, ctx, options)).toEqual({ ...expected, pay: 0 });
    // A country shock hits what is located there only: aws (in US) going down alone harms nobody.
    expect(failuresOf(g, ctx, random({ kinds: [], p: 0, qProvider: 1 }))).toEqual({ bank: 10, hosp: 0, pay: 0 });
  });

  /*
   *   f (CF) ──0.3──► fac (F)        threshold 0.5 (default), or 0.2 for g
   *          ──0.7──► svc (S)
   */
  it('the rule decides: HARD fails f, THRESHOLD below threshold and DISTRESS below 1 do not', () => {
    const build = (threshold: string): PropagationGraph =>
      drawnGraph({ nodes: `CF:f${threshold} F:fac S:svc`, edges: 'f>fac:0.3 f>svc:0.7' });
    const g = build('');
    const ctx: StressContext = { countries: [], nodeCountry: new Int32Array(3).fill(-1), functionCountry: new Int32Array(3).fill(-1) };
    const lost = (graph: PropagationGraph, o: Partial<StressTestOptions>): number =>
      stressTestRange(graph, ctx, random(o), 0, 10).functionFailures[0]!;
    expect(lost(g, { rule: 'HARD' })).toBe(10);
    expect(lost(g, { rule: 'HARD', durationHours: 5 })).toBe(10); // timed path, same answer
    expect(lost(g, { rule: 'THRESHOLD' })).toBe(0);
    expect(lost(g, { rule: 'DISTRESS' })).toBe(0); // distress 0.3: degraded, not failed
    expect(lost(build('^0.2'), { rule: 'DISTRESS' })).toBe(0); // thresholds are THRESHOLD's; DISTRESS fails at 1
    expect(lost(build('^0.2'), { rule: 'THRESHOLD' })).toBe(10); // 0.3 >= 0.2
    expect(lost(g, { rule: 'THRESHOLD', kinds: ['Service'] })).toBe(10); // 0.7 >= 0.5
  });
});

/*
 *   vendor (S) ◄──trust p=0.5── bank (CF) |g ──► alt (S)    (vendor and alt are alternatives)
 *              ◄──trust p=1──── hosp (CF)
 *   x (CF) ──► bank (a plain dependency)
 * The vendor's own outage (DISRUPT) does not fail bank, which still has alt;
 * a compromise crosses redundancy, and under DISRUPT the compromised bank fails.
 */
describe('stressTestRange: compromise', () => {
  const g = drawnGraph({
    nodes: 'S:vendor S:alt CF:bank CF:hosp CF:x',
    edges: 'bank>vendor|g!0.5 bank>alt|g hosp>vendor!1 x>bank',
  });
  const ctx: StressContext = {
    countries: ['DE'],
    nodeCountry: new Int32Array(5).fill(-1),
    functionCountry: new Int32Array([-1, -1, 0, 0, 0]),
  };
  const compromise = (effect: 'ACCESS' | 'DISRUPT'): StressTestOptions => ({
    mode: 'COMPROMISE',
    runs: 200,
    seed: 5,
    origins: [at(g, 'vendor')],
    effect,
  });
  let bank = 0;
  for (let r = 0; r < 200; r++) if (runRandom(5, r)() < 0.5) bank++; // one attempt per trust edge, edge order

  it('ACCESS: compromised functions are lost; x keeps running', () => {
    const t = stressTestRange(g, ctx, compromise('ACCESS'), 0, 200);
    expect([...t.functionFailures]).toEqual([bank, 200, 0]);
    expect(t.countryFailures[0]).toBe(bank); // 2 of 3 with bank, 1 of 3 without
  });
  it('DISRUPT: x fails whenever bank is compromised', () => {
    const t = stressTestRange(g, ctx, compromise('DISRUPT'), 0, 200);
    expect([...t.functionFailures]).toEqual([bank, 200, bank]);
    // DE serves bank, hosp, x: hosp alone is 1/3 < 0.5; with bank and x it is all.
    expect(t.countryFailures[0]).toBe(bank);
  });
});

describe('mergeStressTallies and summariseStressTest', () => {
  const g = buildPropagationGraph(randomGraphInput({ nodes: 400, edges: 1200, seed: 3 }));
  const ctx: StressContext = {
    countries: ['DE', 'FR', 'IT', 'PL'],
    nodeCountry: roundRobinCountries(g, 4),
    functionCountry: roundRobinCountries(g, 4),
  };
  const options: StressTestOptions = {
    mode: 'RANDOM_FAILURE',
    runs: 300,
    seed: 2024,
    kinds: ['Facility', 'Service'],
    p: 0.02,
    qCountry: 0.01,
    qProvider: 0.01,
  };

  it('rejects tallies that do not fit', () => {
    const a = stressTestRange(g, ctx, options, 0, 100);
    const c = stressTestRange(g, ctx, options, 200, 300);
    expectInvalid(() => mergeStressTallies(a, c), 'b');
    expectInvalid(() => mergeStressTallies(a, {} as typeof a), 'b');
    const empty = stressTestRange(g, ctx, options, 0, 0);
    expectInvalid(() => summariseStressTest(g, ctx, empty), 'tally');
    expectInvalid(() => summariseStressTest(g, { ...ctx, countries: ['DE'], nodeCountry: new Int32Array(g.n), functionCountry: new Int32Array(g.n) }, a), 'tally');
  });

  it('any split of the runs merges to the single-pass tally, in either order', () => {
    const whole = stressTestRange(g, ctx, options, 0, 300);
    const a = stressTestRange(g, ctx, options, 0, 37);
    const b = stressTestRange(g, ctx, options, 37, 250);
    const c = stressTestRange(g, ctx, options, 250, 300);
    expect(mergeStressTallies(mergeStressTallies(a, b), c)).toEqual(whole);
    expect(mergeStressTallies(c, mergeStressTallies(b, a))).toEqual(whole);
    expect(whole.runFunctions.some((x) => x > 0)).toBe(true);
  });

  it('summarises the drawn graph exactly', () => {
    const { g: small, ctx: smallCtx } = drawn();
    const s = summariseStressTest(small, smallCtx, stressTestRange(small, smallCtx, random(), 0, 10));
    expect(s.runs).toBe(10);
    expect(s.functions.map((f) => [f.id, f.country, f.failures, f.probability])).toEqual([
      ['bank', 'DE', 10, 1],
      ['hosp', 'FR', 10, 1],
      ['pay', 'DE', 0, 0],
    ]);
    expect(s.functions[0]!.upper).toBe(1);
    expect(s.functions[0]!.lower).toBeCloseTo(0.7225, 4); // Wilson, 10 of 10
    expect(s.functions[2]!.lower).toBe(0);
    expect(s.functions[2]!.upper).toBeCloseTo(0.2775, 4);
    expect(s.countries.map((c) => [c.id, c.functions, c.importance, c.probability])).toEqual([
      ['DE', 2, 2, 1],
      ['FR', 1, 2, 1],
    ]);
    expect(s.functionsLost.count).toEqual({ p5: 2, p50: 2, p95: 2, max: 2, mean: 2 });
    expect(s.functionsLost.importance).toEqual({ p5: 3, p50: 3, p95: 3, max: 3, mean: 3 });
  });
});

describe('stressTestRange: degraded functions are counted apart from lost ones', () => {
  it('losing one of two equal cables degrades the island; losing both loses it', () => {
    const g = buildPropagationGraph({
      nodes: [
        { id: 'c1', kind: 'Facility' },
        { id: 'c2', kind: 'Facility' },
        { id: 'island', kind: 'CriticalFunction' },
      ],
      edges: ['c1', 'c2'].map((s) => ({
        id: `island>${s}`,
        dependent: 'island',
        supplier: s,
        strength: 1,
        propagation: 0,
        delayHours: 0,
        recoveryHours: 1,
        integrity: false,
        illustrative: false,
        redundancyGroup: 'cables',
        minAlive: 1,
        capacity: 0.5,
      })),
      owned: [],
    });
    const ctx: StressContext = { countries: ['IS'], nodeCountry: Int32Array.from([0, 0, 0]), functionCountry: Int32Array.from([-1, -1, 0]) };
    const t = stressTestRange(g, ctx, random({ rule: 'HARD', p: 0.5, runs: 400, seed: 3, durationHours: 24 }), 0, 400);
    const lost = t.functionFailures[0]!;
    const degraded = t.functionDegradations[0]!;
    // Both cables fail with probability 1/4 (lost); exactly one with 1/2 (degraded by half).
    expect(lost).toBeGreaterThan(70);
    expect(lost).toBeLessThan(130);
    expect(degraded).toBeGreaterThan(160);
    expect(degraded).toBeLessThan(240);
    const s = summariseStressTest(g, ctx, t);
    expect(s.functions[0]!.degraded.failures).toBe(degraded);
    // The untimed sweep (no duration) sees failures only.
    const untimed = stressTestRange(g, ctx, random({ rule: 'HARD', p: 0.5, runs: 400, seed: 3 }), 0, 400);
    expect(untimed.functionFailures[0]).toBe(lost);
    expect(untimed.functionDegradations[0]).toBe(0);
  });
});
