import { describe, expect, it } from 'vitest';
import { buildPropagationGraph } from './graph';
import { debtRankLoss, hardFailureSet, simulateOutage } from './outage';
import { dep, expectInputError, graph, node, randomGraphInput } from './test-utils';
import type { OutageOptions, OutageResult, PropagationGraph } from './types';
import { mulberry32 } from '../random';

/** Values of `array` by node id, for the nodes listed. */
function byId(g: PropagationGraph, array: ArrayLike<number>, ids: readonly string[]): Record<string, number> {
  return Object.fromEntries(ids.map((id) => [id, array[g.index.get(id)!]!]));
}
function names(g: PropagationGraph, list: ArrayLike<number>): string[] {
  return Array.from(list, (v) => g.ids[v]!);
}
function edgeName(g: PropagationGraph, e: number): string {
  return e < 0 ? '-' : g.edgeIds[e]!;
}

describe('simulateOutage: bad input throws first', () => {
  const g = graph(['a', 'b'], [dep('b', 'a')]);

  it('rejects unknown or out-of-range origins, bad rules, durations and seeds, all at once', () => {
    expectInputError(
      () =>
        simulateOutage(g, {
          rule: 'SOFT' as 'HARD',
          origins: [0, 2, -1, 0.5, 'a' as unknown as number],
          durationHours: -1,
          seeded: [{ node: 5, hour: 1 }, { node: 1, hour: -2 }, { node: 1, hour: Infinity }],
        }),
      'options.rule: must be one of HARD, THRESHOLD, DISTRESS, got "SOFT"',
      'options.origins[1]: not a node index in 0..1, got 2',
      'options.origins[2]',
      'options.origins[3]',
      'options.origins[4]',
      'options.durationHours: must be null or a finite number >= 0, got -1',
      'options.seeded[0].node: not a node index in 0..1, got 5',
      'options.seeded[1].hour: must be a finite number >= 0, got -2',
      'options.seeded[2].hour',
    );
    expectInputError(() => simulateOutage(g, { rule: 'HARD', origins: [0], durationHours: Infinity }), 'options.durationHours');
    expectInputError(() => simulateOutage(g, { rule: 'HARD', origins: [0], durationHours: NaN }), 'options.durationHours');
    expectInputError(() => simulateOutage(g, null as unknown as OutageOptions), 'options: must be an object');
    expectInputError(() => simulateOutage({} as PropagationGraph, { rule: 'HARD', origins: [] }), 'g: must be a PropagationGraph');
  });

  it('hardFailureSet and debtRankLoss check their inputs too', () => {
    expectInputError(() => hardFailureSet(g, [3]), 'origins[0]: not a node index');
    expectInputError(() => hardFailureSet(g, [0], new Uint8Array(5)), 'into: must be a Uint8Array of length 2');
    expectInputError(() => debtRankLoss(g, { distress: new Float64Array(1) } as OutageResult), 'result.distress', 'result.wave');
  });
});

/*
 * The rules compared. Arrows run supplier ──► dependent (the way failure
 * travels); [s] is the edge's strength, (d) its delay in hours, 0 when not shown.
 *
 *              ┌─[1]─► s1 ─[.2](1)─┐
 *              ├─[1]─► s2 ─[.2](4)─┼─► v ◄─[.4]─ x     v: group G of s1, s2, s3, 2-of-3 (minAlive 2)
 *        o ────┼─[1]─► s3 ─[.2](9)─┘
 *     (origin) ├─[.6]─► a ◄─[.4]─ x      a ─[.5]─► c ─[.5]─► w ◄─[.5]─ y
 *              └─[.3]─► b ◄─[.7]─ x      b ─[.5]─► c         w ─[1]──► y    (cycle w ⇄ y)
 *                                                                      y ⟲  (self-loop, dropped)
 *        q1 ──► q2   (disconnected)
 *
 * Thresholds 0.5; v (importance 2) and c (importance 1) are critical functions.
 */
const rules = graph(
  ['o', 's1', 's2', 's3', node('v', 'CriticalFunction', { importance: 2 }), 'a', 'b', node('c', 'CriticalFunction'), 'x', 'w', 'y', 'q1', 'q2'],
  [
    dep('s1', 'o'),
    dep('s2', 'o'),
    dep('s3', 'o'),
    dep('v', 's1', { strength: 0.2, delayHours: 1, redundancyGroup: 'G', minAlive: 2 }),
    dep('v', 's2', { strength: 0.2, delayHours: 4, redundancyGroup: 'G', minAlive: 2 }),
    dep('v', 's3', { strength: 0.2, delayHours: 9, redundancyGroup: 'G', minAlive: 2 }),
    dep('v', 'x', { strength: 0.4 }),
    dep('a', 'o', { strength: 0.6 }),
    dep('a', 'x', { strength: 0.4 }),
    dep('b', 'o', { strength: 0.3 }),
    dep('b', 'x', { strength: 0.7 }),
    dep('c', 'a', { strength: 0.5 }),
    dep('c', 'b', { strength: 0.5 }),
    dep('w', 'c', { strength: 0.5 }),
    dep('w', 'y', { strength: 0.5 }),
    dep('y', 'w'),
    dep('y', 'y'),
    dep('q2', 'q1'),
  ],
);
const ALL = ['o', 's1', 's2', 's3', 'v', 'a', 'b', 'c', 'x', 'w', 'y', 'q1', 'q2'];
const o = rules.index.get('o')!;

describe('simulateOutage HARD', () => {
  /*
   * Every node downstream of o fails; strength is ignored. v's group holds until
   * its 2nd member is felt: s1 at hour 1, s2 at hour 4 → v fails at hour 4 through
   * s2 (s3's arrival at 9 comes too late to matter). The cycle w ⇄ y ends: y's
   * arrival at w finds w already down. x, q1, q2 are untouched.
   */
  const r = simulateOutage(rules, { rule: 'HARD', origins: [o] });

  it('fails every dependent of the origin, the group at its 2nd arrival', () => {
    expect(byId(rules, r.failHour, ALL)).toEqual({
      o: 0, s1: 0, s2: 0, s3: 0, v: 4, a: 0, b: 0, c: 0, x: Infinity, w: 0, y: 0, q1: Infinity, q2: Infinity,
    });
    expect(byId(rules, r.wave, ALL)).toEqual({ o: 0, s1: 1, s2: 1, s3: 1, v: 2, a: 1, b: 1, c: 2, x: -1, w: 3, y: 4, q1: -1, q2: -1 });
    expect(Array.from(r.criticalEdge, (e) => edgeName(rules, e))).toEqual(['-', 's1>o', 's2>o', 's3>o', 'v>s2', 'a>o', 'b>o', 'c>a', '-', 'w>c', 'y>w', '-', '-']);
    expect(byId(rules, r.distress, ALL)).toEqual({ o: 1, s1: 1, s2: 1, s3: 1, v: 1, a: 1, b: 1, c: 1, x: 0, w: 1, y: 1, q1: 0, q2: 0 });
    expect(names(rules, r.affected)).toEqual(['o', 's1', 's2', 's3', 'a', 'b', 'c', 'w', 'y', 'v']);
    expect(r.rule).toBe('HARD');
  });

  it('restores nothing without a duration; unaffected nodes have NaN', () => {
    expect(byId(rules, r.restoreHour, ['o', 'v', 'y'])).toEqual({ o: Infinity, v: Infinity, y: Infinity });
    expect(r.restoreHour[rules.index.get('x')!]).toBeNaN();
  });

  it('DebtRank loss is the importance lost beyond the origin: v (2) + c (1)', () => {
    expect(debtRankLoss(rules, r)).toBe(3);
  });

  it('equals hardFailureSet', () => {
    expect(Array.from(hardFailureSet(rules, [o]))).toEqual(Array.from(r.failHour, (h) => (h < Infinity ? 1 : 0)));
  });
});

describe('simulateOutage THRESHOLD', () => {
  /*
   * failed strength / total strength >= 0.5:
   *   a: 0.6 / 1 → fails.   b: 0.3 / 1 → holds.
   *   c: a failed, b not: 0.5 / 1 = 0.5 → fails (threshold met exactly).
   *   v: group G fails at hour 4 with its strength 0.2 × 3 = 0.6: 0.6 / 1 → fails at 4.
   *   w: c failed: 0.5 / 1 → fails (exactly); y: 1 / 1 → fails.
   */
  const r = simulateOutage(rules, { rule: 'THRESHOLD', origins: [o] });

  it('fails only where the failed share reaches the threshold', () => {
    expect(byId(rules, r.failHour, ALL)).toEqual({
      o: 0, s1: 0, s2: 0, s3: 0, v: 4, a: 0, b: 0, c: 0, x: Infinity, w: 0, y: 0, q1: Infinity, q2: Infinity,
    });
    // b has lost 0.3 < 0.5: it keeps running, degraded by 0.3 from hour 0, and passes nothing on.
    expect(byId(rules, r.failed, ['a', 'b', 'c'])).toEqual({ a: 1, b: 0, c: 1 });
    expect(r.distress[rules.index.get('b')!]).toBeCloseTo(0.3, 12);
    expect(byId(rules, r.wave, ['v', 'b', 'c', 'w', 'y'])).toEqual({ v: 2, b: 1, c: 2, w: 3, y: 4 });
    expect(edgeName(rules, r.criticalEdge[rules.index.get('v')!]!)).toBe('v>s2');
    expect(edgeName(rules, r.criticalEdge[rules.index.get('c')!]!)).toBe('c>a');
    expect(names(rules, r.affected)).toEqual(['o', 's1', 's2', 's3', 'a', 'b', 'c', 'w', 'y', 'v']);
    expect(debtRankLoss(rules, r)).toBe(3);
  });

  it('counts a threshold met exactly despite rounding', () => {
    /*
     *   o ─[.1]─► t ◄─[.2]─ x        t: threshold 0.8
     *   o ─[1]──► a ─[.7]─► t        failed 0.1 + 0.7 = 0.7999999999999999 of total 1
     */
    const g = graph(['o', 'a', 'x', node('t', 'Service', { threshold: 0.8 })], [dep('t', 'o', { strength: 0.1 }), dep('a', 'o'), dep('t', 'a', { strength: 0.7 }), dep('t', 'x', { strength: 0.2 })]);
    expect(0.1 + 0.7 < 0.8).toBe(true);
    const t = simulateOutage(g, { rule: 'THRESHOLD', origins: [0] });
    expect(t.failHour[3]).toBe(0);
    expect(edgeName(g, t.criticalEdge[3]!)).toBe('t>a');
  });

  it('never fails a node whose dependencies all have strength 0, and checks only when a dependency fails', () => {
    /*
     *   o ─[0]─► z              z: total strength 0 → never fails
     *   o ─[0]─► k ◄─[1]─ x     k: threshold 0 → fails when o fails (share 0 >= 0)
     *   o ─[1]─► m ◄─[1]─ x     m: threshold 0, group {o, x} with minAlive 1: o alone
     *                           does not fail the group, so no dependency has failed
     */
    const g = graph(
      ['o', 'x', 'z', node('k', 'Service', { threshold: 0 }), node('m', 'Service', { threshold: 0 })],
      [
        dep('z', 'o', { strength: 0 }),
        dep('k', 'o', { strength: 0 }),
        dep('k', 'x'),
        dep('m', 'o', { redundancyGroup: 'g', minAlive: 1 }),
        dep('m', 'x', { redundancyGroup: 'g', minAlive: 1 }),
      ],
    );
    const t = simulateOutage(g, { rule: 'THRESHOLD', origins: [0] });
    expect(Array.from(t.failHour)).toEqual([0, Infinity, Infinity, 0, Infinity]);
  });
});

describe('simulateOutage DISTRESS (DebtRank)', () => {
  /*
   * Worked by hand. h_o = 1 (the shock). W = strength / total strength (all totals 1).
   *   round 1 — o transmits x = 1:
   *     h_s1 = h_s2 = h_s3 = 1 · 1 = 1;   h_a = 0.6 · 1 = 0.6;   h_b = 0.3 · 1 = 0.3
   *   round 2 — s1, s2, s3, a, b transmit:
   *     h_v = W_G · (2nd largest of 1, 1, 1) = 0.6 · 1 = 0.6   (x transmits nothing: 0.4 · 0)
   *     h_c = 0.5 · 0.6 + 0.5 · 0.3 = 0.45
   *   round 3 — v (no dependents), c transmit:  h_w = 0.5 · 0.45 = 0.225
   *   round 4 — w transmits:                     h_y = 1 · 0.225 = 0.225
   *   round 5 — y transmits:                     h_w = 0.225 + 0.5 · 0.225 = 0.3375
   *     (w has already passed its distress on: the increase goes no further)
   *   round 6 — nobody is newly distressed: stop.
   * DebtRank R = Σ importance · h − shock = 2 · 0.6 (v) + 1 · 0.45 (c) = 1.65.
   * Hours: all delays 0 except v's group, felt at 1, 4, 9: v's 2nd member at 4.
   */
  const r = simulateOutage(rules, { rule: 'DISTRESS', origins: [o] });

  it('spreads fractional distress, each node passing it on once', () => {
    const h = byId(rules, r.distress, ALL);
    const expected = { o: 1, s1: 1, s2: 1, s3: 1, v: 0.6, a: 0.6, b: 0.3, c: 0.45, x: 0, w: 0.3375, y: 0.225, q1: 0, q2: 0 };
    for (const id of ALL) expect(h[id], id).toBeCloseTo(expected[id as keyof typeof expected], 12);
    expect(byId(rules, r.wave, ALL)).toEqual({ o: 0, s1: 1, s2: 1, s3: 1, v: 2, a: 1, b: 1, c: 2, x: -1, w: 3, y: 4, q1: -1, q2: -1 });
    expect(Array.from(r.criticalEdge, (e) => edgeName(rules, e))).toEqual(['-', 's1>o', 's2>o', 's3>o', 'v>s2', 'a>o', 'b>o', 'c>a', '-', 'w>c', 'y>w', '-', '-']);
    expect(byId(rules, r.failHour, ALL)).toEqual({
      o: 0, s1: 0, s2: 0, s3: 0, v: 4, a: 0, b: 0, c: 0, x: Infinity, w: 0, y: 0, q1: Infinity, q2: Infinity,
    });
    expect(names(rules, r.affected)).toEqual(['o', 's1', 's2', 's3', 'a', 'b', 'c', 'w', 'y', 'v']);
  });

  it('DebtRank loss R = 1.65', () => {
    expect(debtRankLoss(rules, r)).toBeCloseTo(1.65, 12);
  });

  it('a group passes on the (size − minAlive + 1)-th largest member distress', () => {
    /*
     *   o ─[.6]─► a ◄─[.4]─ x         u: group {a, b}, minAlive 1 (both must fail): 2nd largest = 0.3
     *   o ─[.3]─► b ◄─[.7]─ x         u2: group {a, b}, minAlive 2 (either fails it): largest = 0.6
     *   a, b ──► u, u2 (strength 1)
     */
    const g = graph(
      ['o', 'a', 'b', 'x', 'u', 'u2'],
      [
        dep('a', 'o', { strength: 0.6 }),
        dep('a', 'x', { strength: 0.4 }),
        dep('b', 'o', { strength: 0.3 }),
        dep('b', 'x', { strength: 0.7 }),
        dep('u', 'a', { redundancyGroup: 'g', minAlive: 1 }),
        dep('u', 'b', { redundancyGroup: 'g', minAlive: 1 }),
        dep('u2', 'a', { redundancyGroup: 'g', minAlive: 2 }),
        dep('u2', 'b', { redundancyGroup: 'g', minAlive: 2 }),
      ],
    );
    const d = simulateOutage(g, { rule: 'DISTRESS', origins: [0] });
    expect(d.distress[4]).toBeCloseTo(0.3, 12);
    expect(d.distress[5]).toBeCloseTo(0.6, 12);
    expect(edgeName(g, d.criticalEdge[4]!)).toBe('u>b');
    expect(edgeName(g, d.criticalEdge[5]!)).toBe('u2>a');
    // Under HARD a and b both fail, so both groups do.
    expect(Array.from(simulateOutage(g, { rule: 'HARD', origins: [0] }).failHour.subarray(4))).toEqual([0, 0]);
  });

  it('with 0/1 weights gives exactly HARD (one dependency per node, random graphs)', () => {
    let reached = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const n = 12;
      const edges = [];
      for (let v = 1; v < n; v++) {
        const size = 1 + Math.floor(random() * 3);
        const minAlive = 1 + Math.floor(random() * size);
        for (let j = 0; j < size; j++) {
          let s = Math.floor(random() * (n - 1));
          if (s >= v) s++;
          edges.push(dep(`n${v}`, `n${s}`, { id: `e${v}.${j}`, strength: 0.5, delayHours: Math.floor(random() * 5), redundancyGroup: size > 1 ? 'g' : null, minAlive: size > 1 ? minAlive : 1 }));
        }
      }
      const g = graph(Array.from({ length: n }, (_, v) => `n${v}`), edges);
      const hard = simulateOutage(g, { rule: 'HARD', origins: [0] });
      const distress = simulateOutage(g, { rule: 'DISTRESS', origins: [0] });
      reached += hard.affected.length - 1;
      expect(Array.from(distress.distress), `seed ${seed}`).toEqual(Array.from(hard.distress));
      expect(Array.from(distress.failHour), `seed ${seed}`).toEqual(Array.from(hard.failHour));
    }
    expect(reached).toBeGreaterThan(200); // not vacuous
  });
});

describe('simulateOutage: time, buffers and restoration', () => {
  /*
   *   o ─(2, rec 3)─► a ─(1, rec 5)─► b
   *   │               └─(0, rec ?)──► d ─(100, rec 1)─► e
   *   └─(6)─────────► c
   * (delay, recoveryHours; ? = unknown). All edges required.
   */
  const g = graph(
    ['o', 'a', 'b', 'c', 'd', 'e'],
    [
      dep('a', 'o', { graceHours: 2, recoveryHours: 3 }),
      dep('b', 'a', { graceHours: 1, recoveryHours: 5 }),
      dep('c', 'o', { graceHours: 6, recoveryHours: 0 }),
      dep('d', 'a', { graceHours: 0, recoveryHours: null }),
      dep('e', 'd', { graceHours: 100, recoveryHours: 1 }),
    ],
  );
  const ids = ['o', 'a', 'b', 'c', 'd', 'e'];

  it('a 5-hour outage: c’s 6-hour grace outlasts it; restoration adds recovery, not grace', () => {
    /* Graces (not delays) here. o down 0..5. a: grace 2, felt at 2, back at 5 + 3 = 8.
     * b: grace 1, felt at 3, back at 8 + 5 = 13. c: grace 6 >= 5 → never fails. d: felt at 2,
     * back unknown (NaN), which counts as lasting: e (grace 100) fails at 102, back unknown. */
    for (const rule of ['HARD', 'THRESHOLD', 'DISTRESS'] as const) {
      const r = simulateOutage(g, { rule, origins: [0], durationHours: 5 });
      expect(byId(g, r.failHour, ids), rule).toEqual({ o: 0, a: 2, b: 3, c: Infinity, d: 2, e: 102 });
      expect(byId(g, r.restoreHour, ids), rule).toEqual({ o: 5, a: 8, b: 13, c: NaN, d: NaN, e: NaN });
    }
  });

  it('a grace equal to the duration buffers; a longer outage or none does not', () => {
    expect(simulateOutage(g, { rule: 'HARD', origins: [0], durationHours: 6 }).failHour[3]).toBe(Infinity);
    const longer = simulateOutage(g, { rule: 'HARD', origins: [0], durationHours: 6.5 });
    expect(longer.failHour[3]).toBe(6);
    expect(longer.restoreHour[3]).toBe(6.5);
    const forever = simulateOutage(g, { rule: 'HARD', origins: [0] });
    expect(byId(g, forever.failHour, ids)).toEqual({ o: 0, a: 2, b: 3, c: 6, d: 2, e: 102 });
    expect(byId(g, forever.restoreHour, ids)).toEqual({ o: Infinity, a: Infinity, b: Infinity, c: Infinity, d: Infinity, e: Infinity });
  });

  it('a zero-hour outage propagates nothing', () => {
    const r = simulateOutage(g, { rule: 'HARD', origins: [0], durationHours: 0 });
    expect(names(g, r.affected)).toEqual(['o']);
    expect(r.restoreHour[0]).toBe(0);
  });

  it('an edge whose grace outlasts the outage does not count toward its group', () => {
    /*   o ─(1)─► v, o ─(8)─► v in one 1-of-2 group... both must be felt; duration 5 → only one is */
    const h = graph(['o', 'v'], [dep('v', 'o', { id: 'fast', graceHours: 1, redundancyGroup: 'g', minAlive: 1 }), dep('v', 'o', { id: 'slow', graceHours: 8, redundancyGroup: 'g', minAlive: 1 })]);
    expect(simulateOutage(h, { rule: 'HARD', origins: [0], durationHours: 5 }).failHour[1]).toBe(Infinity);
    expect(simulateOutage(h, { rule: 'HARD', origins: [0], durationHours: 9 }).failHour[1]).toBe(8);
  });

  it('the 2-of-3 group restores through its critical (2nd) member', () => {
    /* o down 0..10; s1, s2, s3 back at 10 (no delay, recovery 0); v's group felt at 1, 4, 9 with
     * recovery 2 → fails at 4 through s2, back at 10 + 4 + 2 = 16. */
    const h = graph(
      ['o', 's1', 's2', 's3', 'v'],
      [
        dep('s1', 'o', { recoveryHours: 0 }),
        dep('s2', 'o', { recoveryHours: 0 }),
        dep('s3', 'o', { recoveryHours: 0 }),
        dep('v', 's1', { graceHours: 1, recoveryHours: 2, redundancyGroup: 'G', minAlive: 2 }),
        dep('v', 's2', { graceHours: 4, recoveryHours: 2, redundancyGroup: 'G', minAlive: 2 }),
        dep('v', 's3', { graceHours: 9, recoveryHours: 2, redundancyGroup: 'G', minAlive: 2 }),
      ],
    );
    const r = simulateOutage(h, { rule: 'HARD', origins: [0], durationHours: 10 });
    expect(r.failHour[4]).toBe(4);
    expect(r.restoreHour[4]).toBe(12);
    expect(h.edgeIds[r.criticalEdge[4]!]).toBe('v>s2');
    // A 3-hour outage: s2's 4-hour delay outlasts it (s2 is down 0..3), s3's too: only s1 is felt.
    expect(simulateOutage(h, { rule: 'HARD', origins: [0], durationHours: 3 }).failHour[4]).toBe(Infinity);
  });

  it('breaks same-hour ties by the lower wave, then the lower edge index', () => {
    /*   o ─► p ─► q ─► t ◄─ r ◄─ o     t fed at hour 0 by q (wave 2) and r (wave 1): r's edge wins */
    const h = graph(['o', 'p', 'q', 'r', 't'], [dep('p', 'o'), dep('q', 'p'), dep('t', 'q'), dep('t', 'r'), dep('r', 'o')]);
    const r = simulateOutage(h, { rule: 'HARD', origins: [0] });
    expect(h.edgeIds[r.criticalEdge[4]!]).toBe('t>r');
    expect(r.wave[4]).toBe(2);
  });

  it('seeded nodes fail at their hour unless the cascade reaches them first', () => {
    /*   o ─(2)─► a        b (seeded at 3) ─(1)─► c       a is seeded at 5 but falls at 2 through o */
    const h = graph(['o', 'a', 'b', 'c'], [dep('a', 'o', { graceHours: 2, recoveryHours: 1 }), dep('c', 'b', { graceHours: 1, recoveryHours: 1 })]);
    const r = simulateOutage(h, { rule: 'HARD', origins: [0], durationHours: 4, seeded: [{ node: 1, hour: 5 }, { node: 2, hour: 3 }, { node: 2, hour: 7 }, { node: 0, hour: 9 }] });
    expect(Array.from(r.failHour)).toEqual([0, 2, 3, 4]);
    expect(Array.from(r.wave)).toEqual([0, 1, 0, 1]);
    expect(Array.from(r.criticalEdge)).toEqual([-1, 0, -1, 1]);
    expect(Array.from(r.restoreHour)).toEqual([4, 5, 7, 8]);
    const d = simulateOutage(h, { rule: 'DISTRESS', origins: [0], seeded: [{ node: 2, hour: 3 }] });
    expect(Array.from(d.failHour)).toEqual([0, 2, 3, 4]);
    expect(Array.from(d.distress)).toEqual([1, 1, 1, 1]);
    expect(debtRankLoss(h, d)).toBe(0);
  });
});

describe('hardFailureSet', () => {
  it('reuses the buffer it is given and leaves no state behind', () => {
    const g = graph(['o', 'a', 'b', 'v'], [dep('a', 'o'), dep('v', 'a', { redundancyGroup: 'g', minAlive: 1 }), dep('v', 'b', { redundancyGroup: 'g', minAlive: 1 })]);
    const into = new Uint8Array(4);
    expect(hardFailureSet(g, [0], into)).toBe(into);
    expect(Array.from(into)).toEqual([1, 1, 0, 0]);
    expect(Array.from(hardFailureSet(g, [2], into))).toEqual([0, 0, 1, 0]);
    expect(Array.from(hardFailureSet(g, [0, 2]))).toEqual([1, 1, 1, 1]);
    expect(Array.from(hardFailureSet(g, [2], into))).toEqual([0, 0, 1, 0]);
    expect(Array.from(hardFailureSet(g, []))).toEqual([0, 0, 0, 0]);
  });

  it('equals the set simulateOutage(HARD, no duration) fails, on 300 random graphs', () => {
    let reached = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const g = buildPropagationGraph(randomGraphInput(seed, { n: 40, required: 25 + (seed % 40), groups: 15, selfLoops: 4, maxDelay: 6 }));
      const random = mulberry32(seed * 7919);
      const origins = Array.from({ length: 1 + (seed % 3) }, () => Math.floor(random() * g.n));
      const fast = hardFailureSet(g, origins);
      const timed = simulateOutage(g, { rule: 'HARD', origins });
      const timedSet = Array.from(timed.failHour, (h) => (h < Infinity ? 1 : 0));
      expect(Array.from(fast), `seed ${seed}`).toEqual(timedSet);
      reached += timed.affected.length - new Set(origins).size;
    }
    expect(reached).toBeGreaterThan(1000); // not vacuous
  });
});

describe('simulateOutage: what a dependency carries', () => {
  it('an edge that carries no availability (an update-only supplier) fails nobody', () => {
    /*   u (update server) ══(integrity only)══► h (hospital function) ◄── p (power)   */
    const g = graph(['u', node('h', 'CriticalFunction'), 'p'], [dep('h', 'u', { integrity: true, availability: false, propagation: 0.5 }), dep('h', 'p')]);
    for (const rule of ['HARD', 'THRESHOLD', 'DISTRESS'] as const) {
      const r = simulateOutage(g, { rule, origins: [0] });
      expect(names(g, r.affected), rule).toEqual(['u']);
      expect(Array.from(hardFailureSet(g, [0])), rule).toEqual([1, 0, 0]);
    }
    expect(names(g, simulateOutage(g, { rule: 'HARD', origins: [2] }).affected)).toEqual(['p', 'h']);
  });

  it('an identity outage fails its dependents after the grace, and not at all when shorter', () => {
    /*   idp ─(grace 1)─► app ─(delay 0.5)─► fn   */
    const g = graph(['idp', 'app', node('fn', 'CriticalFunction')], [dep('app', 'idp', { integrity: true, graceHours: 1, recoveryHours: 0.5 }), dep('fn', 'app', { delayHours: 0.5, recoveryHours: 0 })]);
    const long = simulateOutage(g, { rule: 'HARD', origins: [0], durationHours: 3 });
    expect(Array.from(long.failHour)).toEqual([0, 1, 1.5]);
    // app is back at 3 + 0.5 (recovery); fn at 3.5 + 0.5 (latency).
    expect(Array.from(long.restoreHour)).toEqual([3, 3.5, 4]);
    const short = simulateOutage(g, { rule: 'HARD', origins: [0], durationHours: 0.82 });
    expect(names(g, short.affected)).toEqual(['idp']);
  });

  it('delay is latency, not a buffer: a short outage is still felt, later', () => {
    const g = graph(['s', 'd'], [dep('d', 's', { delayHours: 5, recoveryHours: 1 })]);
    const r = simulateOutage(g, { rule: 'HARD', origins: [0], durationHours: 1 });
    expect(Array.from(r.failHour)).toEqual([0, 5]);
    expect(Array.from(r.restoreHour)).toEqual([1, 7]);
  });
});

describe('simulateOutage: partial capacity in redundancy groups', () => {
  /*
   *   c1 ─[cap 1]─┐
   *   c2 ─[cap 1]─┼─► island (group "cables", minAlive 1, strength 0.6)  ◄─[0.4]── grid
   *   c3 ─[cap 1]─┘
   * Losing one of three equal cables loses 1/3 of the group, i.e. 0.6 / 3 = 0.2 of the island.
   */
  const g = graph(
    ['c1', 'c2', 'c3', 'grid', node('island', 'CriticalFunction', { threshold: 0.5 })],
    [
      dep('island', 'c1', { strength: 0.6, redundancyGroup: 'cables', capacity: 1 }),
      dep('island', 'c2', { strength: 0.6, redundancyGroup: 'cables', capacity: 1 }),
      dep('island', 'c3', { strength: 0.6, redundancyGroup: 'cables', capacity: 1 }),
      dep('island', 'grid', { strength: 0.4 }),
    ],
  );
  // Group strength is the sum of its members' (1.8); total 1.8 + 0.4 = 2.2; the group's weight 1.8 / 2.2.
  const weight = 1.8 / 2.2;

  it('a 1/3 capacity loss degrades the dependent by its share under DISTRESS, THRESHOLD and HARD', () => {
    for (const rule of ['DISTRESS', 'THRESHOLD', 'HARD'] as const) {
      const r = simulateOutage(g, { rule, origins: [0] });
      expect(r.failed[4], rule).toBe(0);
      expect(r.distress[4], rule).toBeCloseTo(weight / 3, 12);
      expect(r.failHour[4], rule).toBe(0);
      expect(g.edgeIds[r.criticalEdge[4]!], rule).toBe('island>c1');
    }
  });

  it('two of three cables: THRESHOLD fails past its threshold, HARD keeps its k-of-n meaning', () => {
    const th = simulateOutage(g, { rule: 'THRESHOLD', origins: [0, 1] });
    expect(th.failed[4]).toBe(1); // 2/3 · 0.818 = 0.545 >= 0.5
    const hard = simulateOutage(g, { rule: 'HARD', origins: [0, 1] });
    expect(hard.failed[4]).toBe(0);
    expect(hard.distress[4]).toBeCloseTo((2 * weight) / 3, 12);
    const all = simulateOutage(g, { rule: 'HARD', origins: [0, 1, 2] });
    expect(all.failed[4]).toBe(1);
    expect(all.distress[4]).toBe(1);
  });

  it('unequal shares are normalised by the group total', () => {
    const h = graph(
      ['a', 'b', node('f', 'CriticalFunction')],
      [dep('f', 'a', { redundancyGroup: 'g', capacity: 0.3 }), dep('f', 'b', { redundancyGroup: 'g', capacity: 0.6 })],
    );
    expect(simulateOutage(h, { rule: 'DISTRESS', origins: [0] }).distress[2]).toBeCloseTo(1 / 3, 12);
    expect(simulateOutage(h, { rule: 'HARD', origins: [1] }).distress[2]).toBeCloseTo(2 / 3, 12);
  });

  it('rejects capacity out of range, or on only some members of a group', () => {
    expectInputError(() => graph(['a', 'b'], [dep('b', 'a', { redundancyGroup: 'g', capacity: 1.5 })]), 'capacity must be null or in (0, 1]');
    expectInputError(
      () => graph(['a', 'b', 'c'], [dep('c', 'a', { redundancyGroup: 'g', capacity: 0.5 }), dep('c', 'b', { redundancyGroup: 'g' })]),
      '1 of its 2 members carry a capacity share; either all do or none',
    );
  });
});

describe('simulateOutage: partial dependencies (a capacity share outside any group)', () => {
  /*   cdn ─(share 0.1)─► hospital ◄── power          the web presence is a tenth of the hospital's service */
  const g = graph(
    [node('cdn'), node('hospital', 'CriticalFunction'), node('power'), node('cdn2')],
    [dep('hospital', 'cdn', { capacity: 0.1, recoveryHours: 0 }), dep('hospital', 'power'), dep('hospital', 'cdn2', { capacity: 0.9 })],
  );

  it('a CDN outage degrades the web presence it serves, never fails the hospital, in every rule', () => {
    for (const rule of ['HARD', 'THRESHOLD', 'DISTRESS'] as const) {
      const r = simulateOutage(g, { rule, origins: [0], durationHours: 0.82 });
      expect(r.failed[1], rule).toBe(0);
      expect(r.distress[1], rule).toBeCloseTo(0.1, 12);
      expect(r.failHour[1], rule).toBe(0);
      expect(r.restoreHour[1], rule).toBeCloseTo(0.82, 12);
    }
    expect(Array.from(hardFailureSet(g, [0]))).toEqual([1, 0, 0, 0]);
  });

  it('partial losses that add up to all of the node fail it; a required edge still does alone', () => {
    const both = simulateOutage(g, { rule: 'HARD', origins: [0, 3] });
    expect(both.failed[1]).toBe(1);
    expect(Array.from(hardFailureSet(g, [0, 3]))).toEqual([1, 1, 0, 1]);
    expect(simulateOutage(g, { rule: 'HARD', origins: [2] }).failed[1]).toBe(1);
    // THRESHOLD 0.5: 0.9 of the node is gone.
    expect(simulateOutage(g, { rule: 'THRESHOLD', origins: [3] }).failed[1]).toBe(1);
  });
});
