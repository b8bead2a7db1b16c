/**
 * Monte Carlo stress test over a range of runs
 * ============================================
 * [Reference]: common shocks after A. W. Marshall and I. Olkin, "A multivariate
 *   exponential distribution", J. Am. Stat. Assoc. 62 (317), 30–44, 1967: besides
 *   its own independent failure (probability p), a node fails with every shock it
 *   is exposed to — one per country (probability qCountry, all nodes located
 *   there) and one per provider (probability qProvider, the provider and what it
 *   owns) — so nodes sharing a country or an owner fail together.
 *   The cascade is the propagation engine's (graph-schema/README.md).
 * Complexity: per run O(n + C) for the draws plus the cascade (HARD:
 *   `hardFailureSet`, O(n + m); other rules: `simulateOutage`; COMPROMISE:
 *   `runCompromise` for one run) plus O(F + C) bookkeeping, for C countries and F
 *   critical functions; O(n + C + (to − from)) memory.
 *
 * Run r draws only from runRandom(seed, r), in a fixed order — first one draw
 * per node whose kind is in `kinds` (ascending index; skipped when p = 0), then
 * one per country (ascending; skipped when qCountry = 0), then one per provider
 * (ascending; skipped when qProvider = 0) — so any split of the runs over
 * workers gives the same tallies. COMPROMISE runs draw inside `runCompromise`,
 * called for [r, r + 1), which draws run r from runRandom(seed, r) too.
 *
 * A function is lost in a run when its outcome is FAILED (src/analysis/outcome.ts:
 * its rule held — under DISTRESS, distress 1; a degraded function, with a partial
 * loss, is not lost, and is counted apart when its loss is at least the default
 * minLoss — in timed runs only: the untimed HARD sweep sees failures alone), or,
 * under COMPROMISE, when it is compromised or fails. A country fails in a run when its
 * lost functions carry at least `countryLossShare` of the importance of all the
 * functions it serves (compared with a 1e-12 relative tolerance for rounding).
 */
import { DEFAULT_OUTCOME_OPTIONS } from '../impact/outcome';
import { hardFailureSet, runCompromise, simulateOutage } from '../propagation';
import { LOSS_UNITS } from '../propagation/compromise';
import type { PropagationGraph } from '../propagation/types';
import { KIND_CODES } from '../propagation/types';
import { runRandom } from '../random';
import type { StressContext, StressTally, StressTestOptions } from './types';
import { checkRange, resolveStressOptions, validateStressContext, type ResolvedStressOptions } from './validate';

const FUNCTION_CODE = KIND_CODES.indexOf('CriticalFunction');
const PROVIDER_CODE = KIND_CODES.indexOf('Provider');
const RELATIVE_TOLERANCE = 1e-12;

/** The critical functions of `g`, ascending: the order of `StressTally.functionFailures`. */
export function criticalFunctions(g: PropagationGraph): Int32Array {
  let count = 0;
  for (let v = 0; v < g.n; v++) if (g.kind[v] === FUNCTION_CODE) count++;
  const out = new Int32Array(count);
  let i = 0;
  for (let v = 0; v < g.n; v++) if (g.kind[v] === FUNCTION_CODE) out[i++] = v;
  return out;
}

/** Runs [from, to) of the stress test `options`; pure and deterministic. */
export function stressTestRange(
  g: PropagationGraph,
  ctx: StressContext,
  options: StressTestOptions,
  from: number,
  to: number,
): StressTally {
  validateStressContext(g, ctx);
  const o = resolveStressOptions(g, options);
  checkRange(from, to, o.runs);
  const book = new RunBook(g, ctx, o.countryLossShare, from, to);
  if (o.mode === 'RANDOM_FAILURE') randomFailureRuns(g, ctx, o, from, to, book);
  else compromiseRuns(g, o, from, to, book);
  return book.tally;
}

type RandomFailure = Extract<ResolvedStressOptions, { mode: 'RANDOM_FAILURE' }>;
type Compromise = Extract<ResolvedStressOptions, { mode: 'COMPROMISE' }>;

function randomFailureRuns(
  g: PropagationGraph,
  ctx: StressContext,
  o: RandomFailure,
  from: number,
  to: number,
  book: RunBook,
): void {
  const eligible: number[] = [];
  const providers: number[] = [];
  for (let v = 0; v < g.n; v++) {
    if (o.kindCodes.has(g.kind[v]!)) eligible.push(v);
    if (g.kind[v] === PROVIDER_CODE) providers.push(v);
  }
  const byCountry = groupByCountry(ctx.nodeCountry, ctx.countries.length);
  const countryCount = ctx.countries.length;
  const chosen = new Uint8Array(g.n);
  const origins: number[] = [];
  const add = (v: number): void => {
    if (chosen[v] === 0) {
      chosen[v] = 1;
      origins.push(v);
    }
  };
  const useHard = o.rule === 'HARD' && o.durationHours === null;
  let failed: Uint8Array = new Uint8Array(g.n);

  for (let r = from; r < to; r++) {
    const random = runRandom(o.seed, r);
    if (o.p > 0) {
      for (const v of eligible) if (random() < o.p) add(v);
    }
    if (o.qCountry > 0) {
      for (let c = 0; c < countryCount; c++) {
        if (random() < o.qCountry) {
          for (let k = byCountry.offsets[c]!; k < byCountry.offsets[c + 1]!; k++) add(byCountry.nodes[k]!);
        }
      }
    }
    if (o.qProvider > 0) {
      for (const p of providers) {
        if (random() < o.qProvider) {
          add(p);
          for (let k = g.ownedOffsets[p]!; k < g.ownedOffsets[p + 1]!; k++) add(g.ownedNodes[k]!);
        }
      }
    }

    if (origins.length === 0) {
      book.record(r, () => false);
    } else if (useHard) {
      failed = hardFailureSet(g, origins, failed);
      const set = failed;
      book.record(r, (f) => set[f] === 1);
    } else {
      const result = simulateOutage(g, { rule: o.rule, origins, durationHours: o.durationHours });
      const failedNow = result.failed;
      const loss = result.distress;
      book.record(r, (f) => failedNow[f] === 1, (f) => loss[f]! >= DEFAULT_OUTCOME_OPTIONS.minLoss - 1e-12);
    }
    for (const v of origins) chosen[v] = 0;
    origins.length = 0;
  }
}

function compromiseRuns(g: PropagationGraph, o: Compromise, from: number, to: number, book: RunBook): void {
  for (let r = from; r < to; r++) {
    const t = runCompromise(g, {
      origins: o.origins,
      effect: o.effect,
      rule: o.rule,
      runs: o.runs,
      seed: o.seed,
      from: r,
      to: r + 1,
    });
    const { compromisedCount, failedCount, degradedCount, lossSum } = t;
    book.record(
      r,
      (f) => compromisedCount[f]! > 0 || failedCount[f]! > 0,
      (f) => degradedCount[f]! > 0 && lossSum[f]! / LOSS_UNITS >= DEFAULT_OUTCOME_OPTIONS.minLoss - 1e-12,
    );
  }
}

/** Nodes of each country: nodes[offsets[c] .. offsets[c+1]), ascending. */
function groupByCountry(country: Int32Array, countries: number): { offsets: Int32Array; nodes: Int32Array } {
  const offsets = new Int32Array(countries + 1);
  for (let v = 0; v < country.length; v++) if (country[v]! >= 0) offsets[country[v]! + 1]!++;
  for (let c = 0; c < countries; c++) offsets[c + 1]! += offsets[c]!;
  const cursor = offsets.slice(0, countries);
  const nodes = new Int32Array(offsets[countries]!);
  for (let v = 0; v < country.length; v++) if (country[v]! >= 0) nodes[cursor[country[v]!]!++] = v;
  return { offsets, nodes };
}

/** Per-run bookkeeping: which functions and countries were lost. */
class RunBook {
  readonly tally: StressTally;
  private readonly functions: Int32Array;
  private readonly functionCountry: Int32Array;
  private readonly importance: Float64Array;
  private readonly countryTotal: Float64Array;
  private readonly countryLost: Float64Array;
  private readonly lossShare: number;

  constructor(g: PropagationGraph, ctx: StressContext, lossShare: number, from: number, to: number) {
    this.functions = criticalFunctions(g);
    const f = this.functions.length;
    const c = ctx.countries.length;
    this.functionCountry = new Int32Array(f);
    this.importance = new Float64Array(f);
    this.countryTotal = new Float64Array(c);
    this.countryLost = new Float64Array(c);
    for (let i = 0; i < f; i++) {
      const v = this.functions[i]!;
      const country = ctx.functionCountry[v]!;
      this.functionCountry[i] = country;
      this.importance[i] = g.importance[v]!;
      if (country >= 0) this.countryTotal[country]! += g.importance[v]!;
    }
    this.lossShare = lossShare;
    this.tally = {
      runsFrom: from,
      runsTo: to,
      functionFailures: new Int32Array(f),
      functionDegradations: new Int32Array(f),
      countryFailures: new Int32Array(c),
      runFunctions: new Int32Array(to - from),
      runImportance: new Float64Array(to - from),
    };
  }

  record(run: number, lost: (node: number) => boolean, degraded: (node: number) => boolean = () => false): void {
    const { tally, functions, importance, functionCountry, countryLost, countryTotal } = this;
    let count = 0;
    let weight = 0;
    for (let i = 0; i < functions.length; i++) {
      if (!lost(functions[i]!)) {
        if (degraded(functions[i]!)) tally.functionDegradations[i]! += 1;
        continue;
      }
      tally.functionFailures[i]! += 1;
      count++;
      weight += importance[i]!;
      const c = functionCountry[i]!;
      if (c >= 0) countryLost[c]! += importance[i]!;
    }
    tally.runFunctions[run - tally.runsFrom] = count;
    tally.runImportance[run - tally.runsFrom] = weight;
    if (count === 0) return;
    for (let c = 0; c < countryLost.length; c++) {
      const total = countryTotal[c]!;
      if (total > 0 && countryLost[c]! >= this.lossShare * total * (1 - RELATIVE_TOLERANCE)) tally.countryFailures[c]! += 1;
      countryLost[c] = 0;
    }
  }
}
