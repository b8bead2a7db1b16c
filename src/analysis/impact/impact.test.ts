import { describe, expect, it } from 'vitest';
import { buildPropagationGraph, runCompromise, simulateOutage, summariseCompromise } from '../propagation';
import { dep, graph, node, randomGraphInput } from '../propagation/test-utils';
import type { PropagationGraph } from '../propagation/types';
import { KIND_CODES } from '../propagation/types';
import { outageCandidateLoss, rankCandidates } from '../linchpin-score';
import { predictedCountries, scoreBacktest, countriesWithFunctions } from './backtest';
import type { ImpactContext } from './context';
import { borderCrossings, crossBorderView } from './cross-border';
import { compromiseOutcomes, outageOutcomes, type NodeOutcome } from './outcome';
import { impactTotals } from './totals';

/*
 * Two countries, A (member) and B (member), and C (not a member, no functions).
 *
 *   cloud (A) ──► app (A) ──► fnA1 (A, HEALTH, importance 2)
 *        │          └─[.4]──► fnB (B, ENERGY, importance 3) ◄─[.6]── grid (B)
 *        └───────────────────► fnA2 (A, BANKING, importance 1), group {cloud 1/3, dc 2/3}
 *   dc (B)  ─────────────────► fnA2
 *   upd (C) ══integrity p=1, no availability══► fnA1
 */
const g = graph(
  [
    node('cloud', 'Facility'),
    'app',
    node('fnA1', 'CriticalFunction', { importance: 2 }),
    node('fnB', 'CriticalFunction', { importance: 3 }),
    node('grid', 'Provider'),
    node('fnA2', 'CriticalFunction', { importance: 1 }),
    node('dc', 'Facility'),
    'upd',
  ],
  [
    dep('app', 'cloud'),
    dep('fnA1', 'app'),
    dep('fnB', 'app', { strength: 0.4 }),
    dep('fnB', 'grid', { strength: 0.6 }),
    dep('fnA2', 'cloud', { redundancyGroup: 'g', capacity: 1 / 3 }),
    dep('fnA2', 'dc', { redundancyGroup: 'g', capacity: 2 / 3 }),
    dep('fnA1', 'upd', { integrity: true, availability: false, propagation: 1 }),
  ],
);
const SECTOR = { HEALTH: 4, ENERGY: 0, BANKING: 2 };
const ctx: ImpactContext = {
  countries: [
    { id: 'A', natoMember: true },
    { id: 'B', natoMember: true },
    { id: 'C', natoMember: false },
  ],
  location: Int32Array.from([0, 0, 0, 1, 1, 0, 1, 2]),
  jurisdiction: Int32Array.from([2, 2, 0, 1, 1, 0, 1, 2]),
  sector: Int32Array.from([-1, -1, SECTOR.HEALTH, SECTOR.ENERGY, -1, SECTOR.BANKING, -1, -1]),
};
const id = (o: NodeOutcome) => g.ids[o.node]!;

describe('outcomes: one definition', () => {
  it('HARD: cloud down fails app and fnA1; fnB fails (required edge); fnA2 is degraded by the lost third', () => {
    const r = simulateOutage(g, { rule: 'HARD', origins: [0] });
    const { nodes, belowThreshold } = outageOutcomes(g, r, [0]);
    expect(nodes.map((o) => [id(o), o.state, o.effect, +o.loss.toFixed(6)])).toEqual([
      ['cloud', 'ORIGIN', 'FAILED', 1],
      ['app', 'FAILED', 'FAILED', 1],
      ['fnA2', 'DEGRADED', 'DEGRADED', 0.333333],
      ['fnA1', 'FAILED', 'FAILED', 1],
      ['fnB', 'FAILED', 'FAILED', 1],
    ]);
    expect(belowThreshold).toBe(0);
  });

  it('DISTRESS: partial losses are DEGRADED, never FAILED; a loss below minLoss is not reported', () => {
    const r = simulateOutage(g, { rule: 'DISTRESS', origins: [0] });
    const all = outageOutcomes(g, r, [0]);
    const fnB = all.nodes.find((o) => id(o) === 'fnB')!;
    expect(fnB.state).toBe('DEGRADED');
    expect(fnB.loss).toBeCloseTo(0.4, 12);
    const strict = outageOutcomes(g, r, [0], { minLoss: 0.5 });
    expect(strict.nodes.map(id)).toEqual(['cloud', 'app', 'fnA1']);
    expect(strict.belowThreshold).toBe(2); // fnB 0.4 and fnA2 1/3
  });

  it('an update-only supplier going down fails nobody; its compromise reaches fnA1', () => {
    const r = simulateOutage(g, { rule: 'HARD', origins: [7] });
    expect(outageOutcomes(g, r, [7]).nodes.map(id)).toEqual(['upd']);
    const s = summariseCompromise(g, runCompromise(g, { origins: [7], effect: 'ACCESS', rule: 'HARD', runs: 20, seed: 1 }));
    const c = compromiseOutcomes(g, s, [7], false);
    expect(c.nodes.map((o) => [id(o), o.state, o.effect])).toEqual([
      ['fnA1', 'COMPROMISED', 'COMPROMISED'],
      ['upd', 'ORIGIN', 'COMPROMISED'],
    ]);
  });

  it('probabilistic outcomes count at lossProbability', () => {
    const h = graph(['o', node('f', 'CriticalFunction')], [dep('f', 'o', { integrity: true, propagation: 0.3 })]);
    const s = summariseCompromise(h, runCompromise(h, { origins: [0], effect: 'ACCESS', rule: 'HARD', runs: 2000, seed: 3 }));
    expect(s.compromisedProbability[1]).toBeGreaterThan(0.25);
    expect(s.compromisedProbability[1]).toBeLessThan(0.35);
    expect(compromiseOutcomes(h, s, [0], false).nodes.map((o) => h.ids[o.node])).toEqual(['o']);
    expect(compromiseOutcomes(h, s, [0], false, { lossProbability: 0.2 }).nodes.map((o) => h.ids[o.node])).toEqual(['o', 'f']);
  });
});

describe('totals, breakdowns and cross-border views', () => {
  const r = simulateOutage(g, { rule: 'HARD', origins: [0] });
  const { nodes } = outageOutcomes(g, r, [0]);
  const t = impactTotals(g, ctx, nodes);

  it('counts by effect, with importance × loss', () => {
    expect([t.functionsFailed, t.functionsDegraded, t.functionsCompromised, t.functionsLost]).toEqual([2, 1, 0, 2]);
    expect(t.importanceLost).toBeCloseTo(2 + 3 + 1 / 3, 12);
    expect(t.functionsLostByCountry.map((c) => [c.country, c.failed, c.degraded, +c.importanceLost.toFixed(6)])).toEqual([
      ['B', 1, 0, 3],
      ['A', 1, 1, 2.333333],
    ]);
    expect(t.bySector.map((s) => s.sector)).toEqual(['ENERGY', 'HEALTH', 'BANKING']);
  });

  it('cross-border by location and jurisdiction; border crossings are critical edges between countries', () => {
    const loc = crossBorderView(g, ctx, [0], nodes, 'LOCATION');
    expect(loc.originCountries).toEqual(['A']);
    expect(loc.countries.map((c) => [c.country, c.affected, c.functions])).toEqual([
      ['A', 4, 2],
      ['B', 1, 1],
    ]);
    expect([loc.foreignNato, loc.foreignNonNato]).toEqual([1, 0]);
    const jur = crossBorderView(g, ctx, [0], nodes, 'JURISDICTION');
    expect(jur.originCountries).toEqual(['C']);
    expect(jur.foreignNato).toBe(5 - 2); // cloud and app are under C
    expect(borderCrossings(g, ctx, nodes.map((o) => o.criticalEdge).filter((e) => e >= 0)).map((e) => g.edgeIds[e])).toEqual(['fnB>app']);
  });
});

describe('back-test scoring', () => {
  it('scores modelled members only and reports the others as not modelled', () => {
    const { nodes } = outageOutcomes(g, simulateOutage(g, { rule: 'HARD', origins: [6] }), [6]);
    const predicted = predictedCountries(g, ctx, nodes);
    expect(predicted).toEqual(['A']); // fnA2 degraded by 2/3
    const score = scoreBacktest(predicted, countriesWithFunctions(g, ctx), ['A', 'C', 'B']);
    expect(score).toEqual({
      namedCountries: ['A', 'B', 'C'],
      modelledCountries: ['A', 'B'],
      notModelled: ['C'],
      predictedCountries: ['A'],
      truePositives: ['A'],
      precision: 1,
      recall: 0.5,
    });
    expect(scoreBacktest([], new Set(['A']), ['C']).recall).toBeNull();
  });
});

describe('linchpin scores', () => {
  it('score the loss by the same outcome definition, for a bounded outage', () => {
    const losses = [0, 4, 6, 7].map((v) => outageCandidateLoss(g, v));
    const rows = rankCandidates(g, ctx, losses);
    // cloud: fnA1 2 + fnB 3 + fnA2 · 1/3; grid: fnB (a required edge) 3; dc: fnA2 · 2/3; upd: nothing (no availability).
    expect(rows.map((r) => [r.id, +r.score.toFixed(6), r.functionsLost])).toEqual([
      ['cloud', 5.333333, 3],
      ['grid', 3, 1],
      ['dc', 0.666667, 1],
      ['upd', 0, 0],
    ]);
  });

  it('a grace longer than the outage fails nobody', () => {
    const h = graph([node('ups', 'Provider'), node('f', 'CriticalFunction')], [dep('f', 'ups', { graceHours: 48 })]);
    expect(outageCandidateLoss(h, 0).functions.length).toBe(0); // default 24 h
    expect(outageCandidateLoss(h, 0, { durationHours: 72 }).functions.length).toBe(1);
    expect(outageCandidateLoss(h, 0, { durationHours: null }).functions.length).toBe(1);
  });
});

describe('totals agree with the per-country and per-sector breakdowns in every mode (random graphs)', () => {
  const FUNCTION = KIND_CODES.indexOf('CriticalFunction');
  const contextFor = (r: PropagationGraph, seed: number): ImpactContext => {
    const countries = Array.from({ length: 5 }, (_, i) => ({ id: `C${i}`, natoMember: i < 4 }));
    return {
      countries,
      location: Int32Array.from({ length: r.n }, (_, v) => (v * 7 + seed) % 6 === 5 ? -1 : ((v * 7 + seed) % 6) % 5),
      jurisdiction: Int32Array.from({ length: r.n }, (_, v) => (v + seed) % 5),
      sector: Int32Array.from({ length: r.n }, (_, v) => (r.kind[v] === FUNCTION ? v % 20 : -1)),
    };
  };
  it('on 60 seeded graphs under HARD, THRESHOLD, DISTRESS, ACCESS and DISRUPT', () => {
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = buildPropagationGraph(randomGraphInput(seed, { n: 40, required: 70, groups: 12, trustShare: 0.5, maxDelay: 3 }));
      const c = contextFor(r, seed);
      const runs: NodeOutcome[][] = [];
      for (const rule of ['HARD', 'THRESHOLD', 'DISTRESS'] as const) runs.push(outageOutcomes(r, simulateOutage(r, { rule, origins: [seed % 40], durationHours: 24 }), [seed % 40]).nodes);
      for (const effect of ['ACCESS', 'DISRUPT'] as const) {
        const s = summariseCompromise(r, runCompromise(r, { origins: [seed % 40], effect, rule: 'HARD', runs: 50, seed }));
        runs.push(compromiseOutcomes(r, s, [seed % 40], false, { lossProbability: 0.3 }).nodes);
      }
      for (const outcomes of runs) {
        const t = impactTotals(r, c, outcomes);
        const located = outcomes.filter((o) => r.kind[o.node] === FUNCTION && c.location[o.node]! >= 0);
        const sum = (f: (x: (typeof t.functionsLostByCountry)[number]) => number) => t.functionsLostByCountry.reduce((a, x) => a + f(x), 0);
        expect(sum((x) => x.failed) + sum((x) => x.degraded) + sum((x) => x.compromised)).toBe(located.length);
        const unlocated = outcomes.filter((o) => r.kind[o.node] === FUNCTION && c.location[o.node]! < 0);
        const lostUnlocated = unlocated.filter((o) => o.effect === 'FAILED').length;
        expect(sum((x) => x.failed) + lostUnlocated).toBe(t.functionsFailed);
        expect(t.bySector.reduce((a, x) => a + x.failed, 0)).toBe(t.functionsFailed);
        expect(t.bySector.reduce((a, x) => a + x.degraded, 0)).toBe(t.functionsDegraded);
        expect(t.bySector.reduce((a, x) => a + x.compromised, 0)).toBe(t.functionsCompromised);
        expect(t.bySector.reduce((a, x) => a + x.importanceLost, 0)).toBeCloseTo(t.importanceLost, 9);
        expect(t.functionsFailed + t.functionsDegraded + t.functionsCompromised).toBe(outcomes.filter((o) => r.kind[o.node] === FUNCTION).length);
        checked += outcomes.length;
      }
    }
    expect(checked).toBeGreaterThan(500); // not vacuous
  });
});

describe('linear assets in cross-border views', () => {
  it('a cable counts in each landing country; an edge from a cable landing in the dependent’s country is no crossing', () => {
    const h = graph([node('cable', 'Facility'), node('f', 'CriticalFunction')], [dep('f', 'cable')]);
    const lands = [Int32Array.from([0, 1]), Int32Array.from([1])];
    const c: ImpactContext = {
      countries: [
        { id: 'A', natoMember: true },
        { id: 'B', natoMember: true },
      ],
      location: Int32Array.from([0, 1]),
      jurisdiction: Int32Array.from([0, 1]),
      sector: Int32Array.from([-1, 0]),
      locations: { of: (v) => lands[v]! },
    };
    const { nodes } = outageOutcomes(h, simulateOutage(h, { rule: 'HARD', origins: [0] }), [0]);
    expect(crossBorderView(h, c, [0], nodes, 'LOCATION').countries.map((x) => [x.country, x.affected])).toEqual([
      ['B', 2],
      ['A', 1],
    ]);
    expect(borderCrossings(h, c, [0])).toEqual([]);
    expect(borderCrossings(h, { ...c, locations: undefined }, [0])).toEqual([0]);
  });
});
