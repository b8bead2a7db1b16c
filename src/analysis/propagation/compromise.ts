/**
 * Compromise propagation (independent cascade; the SolarWinds case)
 * ================================================================
 * [Reference]: D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of
 *   influence through a social network", KDD 2003 (independent cascade model).
 * Complexity: per run O(c log c + t) for c compromised nodes and t trust edges out
 *   of them (ACCESS), plus one `simulateOutage` (DISRUPT); O(n + runs) memory
 *   plus the hour lists (one entry per affected node per run).
 *
 * Run r draws only from `runRandom(seed, r)`, so any split of the runs over
 * workers gives the same tallies. The origins (ascending) are compromised at hour
 * 0; compromises are then processed by (hour, edge index) from a binary heap. When
 * a node s is processed, each trust-carrying edge e out of s (ascending edge
 * index) gets exactly one attempt and one draw u: it succeeds when
 * u < propagation_e, compromising the dependent at T_s + delay_e (the earliest
 * success wins). Only edges that carry integrity carry a compromise, an edge with
 * propagation 0 never does, and redundancy does not protect against one.
 *   ACCESS: compromised nodes keep running; affected = compromised.
 *   DISRUPT: every compromised node other than the origins fails at its
 *     compromise hour and stays down `durationHours` (null: until further notice);
 *     the outage cascade continues from them over the edges that carry
 *     availability, under `rule` (`simulateOutage` with those nodes `seeded`).
 *     The origins themselves go down only with `originOutage: true` (their own
 *     availability is a separate input: a poisoned update server keeps serving).
 *     affected = compromised ∪ failed ∪ degraded, at the earlier hour.
 * Per run the tally keeps the importance of the critical functions affected (a
 * compromised function counts fully; a failed or degraded one by its loss share,
 * which is 1 for a failed one) and their number, and per node the runs in which it
 * was compromised, failed and degraded and the sum of its loss shares.
 *
 * Tallies over [from, to) merge exactly and in either order (`mergeCompromiseTallies`:
 * counts add, hour lists are merged sorted, per-run values concatenate in run
 * order), so a split over workers summarises identically to a single call.
 * `summariseCompromise` reports per node the probability of being compromised and
 * of failing, the median affected hour, and over runs the mean, sample standard
 * deviation (n − 1) and 5th / 50th / 95th percentiles (linear interpolation between
 * order statistics, Hyndman & Fan type 7) of the importance affected.
 */
import { EventHeap } from './event-heap';
import { AnalysisInputError, throwIfProblems } from '../errors';
import { simulateOutage } from './outage';
import { KIND_CODES, type CompromiseOptions, type CompromiseTally, type PropagationGraph } from './types';
import { checkGraph, checkNodeList, checkOneOf, showValue } from './validate';
import { COMPROMISE_EFFECTS, OUTAGE_RULES } from '../../../graph-schema/vocabulary';
import { runRandom } from '../random';

export const MAX_RUNS = 100_000;
/** Loss shares are tallied in units of 1e-9 (exact integer sums in a double for up to 100,000 runs). */
export const LOSS_UNITS = 1e9;

export interface ImportanceStatistics {
  mean: number;
  /** Sample standard deviation over runs (0 for a single run). */
  std: number;
  p5: number;
  p50: number;
  p95: number;
}

export interface CompromiseSummary {
  runs: number;
  /** Per node: share of runs in which it was compromised. */
  compromisedProbability: Float64Array;
  /** Per node: share of runs in which it failed (DISRUPT; 0 with ACCESS). */
  failedProbability: Float64Array;
  /** Per node: share of runs in which it was degraded, not failed (DISRUPT). */
  degradedProbability: Float64Array;
  /** Per node: its mean loss share over all runs (DISRUPT; 0 with ACCESS). */
  expectedLoss: Float64Array;
  /** Per node: median hour it was affected, over the runs where it was; NaN where it never was. */
  medianHour: Float64Array;
  /** Importance of the critical functions affected, over runs. */
  importance: ImportanceStatistics;
  /** Mean number of critical functions affected per run. */
  meanFunctions: number;
}

const KIND_FUNCTION = KIND_CODES.indexOf('CriticalFunction');

export function runCompromise(g: PropagationGraph, options: CompromiseOptions): CompromiseTally {
  const { origins, from, to } = checkCompromiseOptions(g, options);
  const { n, edgeDependent, bySupplierOffsets, bySupplierEdges, integrity, propagation, delay } = g;
  const durationHours = options.durationHours ?? null;
  const disrupt = options.effect === 'DISRUPT';
  const compromisedCount = new Int32Array(n);
  const failedCount = new Int32Array(n);
  const degradedCount = new Int32Array(n);
  const lossSum = new Float64Array(n);
  const originOutage = options.originOutage === true;
  const isOrigin = new Uint8Array(n);
  for (const o of origins) isOrigin[o] = 1;
  const hourLists: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const runImportance = new Float64Array(to - from);
  const runFunctions = new Int32Array(to - from);

  const stamp = new Int32Array(n); // stamp[v] === run + 1: v compromised in this run
  const hour = new Float64Array(n);
  const compromised: number[] = [];
  const heap = new EventHeap();
  const record = (v: number, h: number): void => {
    (hourLists[v] ??= []).push(h);
  };

  for (let run = from; run < to; run++) {
    const random = runRandom(options.seed, run);
    const mark = run + 1;
    compromised.length = 0;
    heap.clear();
    const compromise = (s: number, t: number): void => {
      stamp[s] = mark;
      hour[s] = t;
      compromised.push(s);
      for (let k = bySupplierOffsets[s]!; k < bySupplierOffsets[s + 1]!; k++) {
        const e = bySupplierEdges[k]!;
        if (integrity[e] !== 1) continue;
        const u = random(); // one draw per integrity edge, whatever its probability, so runs stay aligned
        if (u < propagation[e]! && stamp[edgeDependent[e]!] !== mark) heap.push(t + delay[e]!, 0, e);
      }
    };
    for (const o of origins) compromise(o, 0);
    while (heap.size > 0) {
      const t = heap.peekHour();
      const e = heap.peekId();
      heap.pop();
      const v = edgeDependent[e]!;
      if (stamp[v] !== mark) compromise(v, t);
    }

    let importance = 0;
    let functions = 0;
    if (!disrupt) {
      for (const v of compromised) {
        compromisedCount[v]!++;
        record(v, hour[v]!);
        if (g.kind[v] === KIND_FUNCTION) {
          importance += g.importance[v]!;
          functions++;
        }
      }
    } else {
      const seeded = compromised.filter((v) => isOrigin[v] === 0).map((v) => ({ node: v, hour: hour[v]! }));
      const outage = simulateOutage(g, { rule: options.rule, origins: originOutage ? origins : [], seeded, durationHours });
      const touched = new Set<number>(compromised);
      for (const v of outage.affected) touched.add(v);
      for (const v of touched) {
        const isCompromised = stamp[v] === mark;
        const share = outage.distress[v]!;
        if (isCompromised) compromisedCount[v]!++;
        if (outage.failed[v] === 1) failedCount[v]!++;
        else if (share > 0) degradedCount[v]!++;
        lossSum[v]! += Math.round(share * LOSS_UNITS); // whole units: sums are exact, so any split of the runs merges identically
        const failHour = share > 0 ? outage.failHour[v]! : Infinity;
        record(v, isCompromised ? Math.min(hour[v]!, failHour) : failHour);
        if (g.kind[v] === KIND_FUNCTION) {
          importance += g.importance[v]! * (isCompromised ? 1 : share);
          functions++;
        }
      }
    }
    runImportance[run - from] = importance;
    runFunctions[run - from] = functions;
  }

  const hours = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const list = hourLists[v];
    if (list !== undefined) hours.set(v, list.sort((a, b) => a - b));
  }
  return { runsFrom: from, runsTo: to, compromisedCount, failedCount, degradedCount, lossSum, hours, runImportance, runFunctions };
}

/** The tally of the union of two adjacent run ranges (in either order); exact. */
export function mergeCompromiseTallies(a: CompromiseTally, b: CompromiseTally): CompromiseTally {
  const problems: string[] = [];
  checkTally(a, 'a', problems);
  checkTally(b, 'b', problems);
  throwIfProblems(problems);
  if (a.compromisedCount.length !== b.compromisedCount.length) {
    throw new AnalysisInputError([`tallies are for graphs of different sizes (${a.compromisedCount.length} and ${b.compromisedCount.length} nodes)`]);
  }
  let first: CompromiseTally;
  let second: CompromiseTally;
  if (a.runsTo === b.runsFrom) [first, second] = [a, b];
  else if (b.runsTo === a.runsFrom) [first, second] = [b, a];
  else throw new AnalysisInputError([`run ranges [${a.runsFrom}, ${a.runsTo}) and [${b.runsFrom}, ${b.runsTo}) are not adjacent`]);

  const n = a.compromisedCount.length;
  const compromisedCount = new Int32Array(n);
  const failedCount = new Int32Array(n);
  const degradedCount = new Int32Array(n);
  const lossSum = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    compromisedCount[v] = a.compromisedCount[v]! + b.compromisedCount[v]!;
    failedCount[v] = a.failedCount[v]! + b.failedCount[v]!;
    degradedCount[v] = a.degradedCount[v]! + b.degradedCount[v]!;
    lossSum[v] = a.lossSum[v]! + b.lossSum[v]!;
  }
  const keys = [...new Set([...a.hours.keys(), ...b.hours.keys()])].sort((x, y) => x - y);
  const hours = new Map<number, number[]>();
  for (const v of keys) hours.set(v, mergeSorted(a.hours.get(v) ?? [], b.hours.get(v) ?? []));
  const runImportance = new Float64Array(first.runImportance.length + second.runImportance.length);
  runImportance.set(first.runImportance);
  runImportance.set(second.runImportance, first.runImportance.length);
  const runFunctions = new Int32Array(runImportance.length);
  runFunctions.set(first.runFunctions);
  runFunctions.set(second.runFunctions, first.runFunctions.length);
  return { runsFrom: first.runsFrom, runsTo: second.runsTo, compromisedCount, failedCount, degradedCount, lossSum, hours, runImportance, runFunctions };
}

export function summariseCompromise(g: PropagationGraph, tally: CompromiseTally): CompromiseSummary {
  const problems: string[] = [];
  if (checkGraph(g, problems) && checkTally(tally, 'tally', problems)) {
    if (tally.compromisedCount.length !== g.n) problems.push(`tally: has ${tally.compromisedCount.length} nodes, the graph ${g.n}`);
    if (tally.runsTo <= tally.runsFrom) problems.push('tally: covers no runs');
  }
  throwIfProblems(problems);
  const runs = tally.runsTo - tally.runsFrom;
  const compromisedProbability = new Float64Array(g.n);
  const failedProbability = new Float64Array(g.n);
  const degradedProbability = new Float64Array(g.n);
  const expectedLoss = new Float64Array(g.n);
  const medianHour = new Float64Array(g.n).fill(NaN);
  for (let v = 0; v < g.n; v++) {
    compromisedProbability[v] = tally.compromisedCount[v]! / runs;
    failedProbability[v] = tally.failedCount[v]! / runs;
    degradedProbability[v] = tally.degradedCount[v]! / runs;
    expectedLoss[v] = tally.lossSum[v]! / LOSS_UNITS / runs;
  }
  for (const [v, list] of tally.hours) if (list.length > 0) medianHour[v] = quantile(list, 0.5);

  const values = [...tally.runImportance].sort((x, y) => x - y);
  let sum = 0;
  for (const x of tally.runImportance) sum += x;
  const mean = sum / runs;
  let squares = 0;
  for (const x of tally.runImportance) squares += (x - mean) ** 2;
  let functions = 0;
  for (const c of tally.runFunctions) functions += c;
  return {
    runs,
    compromisedProbability,
    failedProbability,
    degradedProbability,
    expectedLoss,
    medianHour,
    importance: {
      mean,
      std: runs > 1 ? Math.sqrt(squares / (runs - 1)) : 0,
      p5: quantile(values, 0.05),
      p50: quantile(values, 0.5),
      p95: quantile(values, 0.95),
    },
    meanFunctions: functions / runs,
  };
}

/* ------------------------------------------------------------------ internals */

function checkCompromiseOptions(g: PropagationGraph, options: CompromiseOptions): { origins: number[]; from: number; to: number } {
  const problems: string[] = [];
  if (!checkGraph(g, problems)) throwIfProblems(problems);
  if (options === null || typeof options !== 'object') {
    problems.push('options: must be an object');
    throwIfProblems(problems);
  }
  const origins = checkNodeList(g, options.origins, 'options.origins', problems);
  checkOneOf(options.effect, COMPROMISE_EFFECTS, 'options.effect', problems);
  checkOneOf(options.rule, OUTAGE_RULES, 'options.rule', problems);
  const { runs, seed } = options;
  const runsOk = Number.isInteger(runs) && runs >= 1 && runs <= MAX_RUNS;
  if (!runsOk) problems.push(`options.runs: must be an integer in 1..${MAX_RUNS}, got ${showValue(runs)}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    problems.push(`options.seed: must be a 32-bit unsigned integer, got ${showValue(seed)}`);
  }
  if (options.originOutage !== undefined && typeof options.originOutage !== 'boolean') {
    problems.push(`options.originOutage: must be a boolean, got ${showValue(options.originOutage)}`);
  }
  const d = options.durationHours;
  if (d !== undefined && d !== null && (typeof d !== 'number' || !Number.isFinite(d) || d < 0)) {
    problems.push(`options.durationHours: must be null or a finite number >= 0, got ${showValue(d)}`);
  }
  const from = options.from ?? 0;
  const to = options.to ?? runs;
  if (!Number.isInteger(from) || from < 0) problems.push(`options.from: must be an integer >= 0, got ${showValue(options.from)}`);
  else if (!Number.isInteger(to) || to < from || (runsOk && to > runs)) {
    problems.push(`options.to: must be an integer in ${from}..${showValue(runs)}, got ${showValue(options.to)}`);
  }
  throwIfProblems(problems);
  return { origins, from, to };
}

function checkTally(t: CompromiseTally, name: string, problems: string[]): boolean {
  const start = problems.length;
  if (t === null || typeof t !== 'object') {
    problems.push(`${name}: must be a CompromiseTally`);
    return false;
  }
  if (!Number.isInteger(t.runsFrom) || !Number.isInteger(t.runsTo) || t.runsTo < t.runsFrom) {
    problems.push(`${name}: runsFrom / runsTo must be integers with runsFrom <= runsTo`);
  }
  if (
    !(t.compromisedCount instanceof Int32Array) ||
    !(t.failedCount instanceof Int32Array) ||
    !(t.degradedCount instanceof Int32Array) ||
    !(t.lossSum instanceof Float64Array) ||
    t.failedCount.length !== t.compromisedCount.length ||
    t.degradedCount.length !== t.compromisedCount.length ||
    t.lossSum.length !== t.compromisedCount.length
  ) {
    problems.push(`${name}: compromisedCount, failedCount, degradedCount and lossSum must be arrays of one length`);
  }
  if (!(t.hours instanceof Map)) problems.push(`${name}: hours must be a Map`);
  const runs = t.runsTo - t.runsFrom;
  if (!(t.runImportance instanceof Float64Array) || t.runImportance.length !== runs || !(t.runFunctions instanceof Int32Array) || t.runFunctions.length !== runs) {
    problems.push(`${name}: runImportance and runFunctions must hold one value per run`);
  }
  return problems.length === start;
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! <= b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** Hyndman & Fan type 7 quantile of an ascending list (linear interpolation). */
function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower]!;
  return a + (sorted[upper]! - a) * (position - lower);
}
