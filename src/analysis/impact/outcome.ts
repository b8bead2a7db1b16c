/**
 * One definition of an outcome
 * ============================
 * Every answer Linchpin gives — blast-radius totals and breakdowns, back-tests,
 * linchpin scores, stress tests, exports and the web app — classifies a node the
 * same way, with explicit thresholds:
 *
 *   FAILED       its rule held: it stopped (loss share 1).
 *   DEGRADED     it keeps running with a loss share minLoss ≤ loss < 1 (partial
 *                capacity, THRESHOLD below its threshold, DISTRESS h < 1).
 *   COMPROMISED  an attacker holds it (COMPROMISE), and it did not fail.
 *   (none)       anything less: a loss below minLoss, or, where runs are
 *                probabilistic, an outcome reached in fewer than
 *                lossProbability of the runs. Such nodes are not reported as
 *                affected; `belowThreshold` counts them.
 *
 * Probabilistic runs (COMPROMISE): a node is FAILED when it failed in at least
 * lossProbability of the runs; else COMPROMISED when compromised in at least that
 * share; else DEGRADED when failed or degraded together in at least that share
 * and its mean loss over those runs is ≥ minLoss. Expected values (Σ
 * probabilities, Σ importance × expected loss) are reported beside these counts.
 *
 * Origins keep the state ORIGIN for display, and count by their effect: FAILED
 * under OUTAGE (and DISRUPT with originOutage), COMPROMISED under COMPROMISE.
 */
import { PropagationInputError, throwIfProblems } from '../propagation/errors';
import type { OutageResult, PropagationGraph } from '../propagation/types';
import type { CompromiseSummary } from '../propagation/compromise';

export type OutcomeEffect = 'FAILED' | 'DEGRADED' | 'COMPROMISED';
export type OutcomeState = 'ORIGIN' | OutcomeEffect;

export interface OutcomeOptions {
  /** Share of runs at which a probabilistic outcome counts (0 < p ≤ 1); default 0.5. */
  lossProbability: number;
  /** Smallest loss share reported as DEGRADED (0 < x ≤ 1); default 0.05. */
  minLoss: number;
}

/**
 * Defaults: an outcome counts when it is more likely than not (0.5), and a
 * degradation when it removes at least 5% of the node's supply — below that the
 * figures are within the precision of the strengths they rest on.
 */
export const DEFAULT_OUTCOME_OPTIONS: OutcomeOptions = { lossProbability: 0.5, minLoss: 0.05 };

export interface NodeOutcome {
  node: number;
  state: OutcomeState;
  effect: OutcomeEffect;
  /** Loss share in [0, 1] (COMPROMISE: the mean over the runs where it failed or degraded; 0 when only compromised). */
  loss: number;
  /** Share of runs with this effect (1 in deterministic modes). */
  probability: number;
  /** COMPROMISE: the shares of runs in which it was compromised, failed, and failed or degraded. */
  compromisedProbability: number;
  failedProbability: number;
  /** Hour it was affected (COMPROMISE: the median over runs where it was). */
  hour: number;
  /** Hour it is restored: finite, Infinity (not within the scenario) or NaN (unknown). */
  restoredHour: number;
  /** Index of the edge that caused it (-1 for origins; COMPROMISE: filled by the caller). */
  criticalEdge: number;
  wave: number;
}

export interface Outcomes {
  /** Nodes with an outcome, in order of hour, then wave, then index. */
  nodes: NodeOutcome[];
  /** Nodes touched by the run whose outcome fell below the thresholds. */
  belowThreshold: number;
}

export function checkOutcomeOptions(options: Partial<OutcomeOptions> | undefined): OutcomeOptions {
  const o = {
    lossProbability: options?.lossProbability ?? DEFAULT_OUTCOME_OPTIONS.lossProbability,
    minLoss: options?.minLoss ?? DEFAULT_OUTCOME_OPTIONS.minLoss,
  };
  const problems: string[] = [];
  if (typeof o.lossProbability !== 'number' || !(o.lossProbability > 0 && o.lossProbability <= 1)) {
    problems.push(`lossProbability: must be in (0, 1], got ${String(o.lossProbability)}`);
  }
  if (typeof o.minLoss !== 'number' || !(o.minLoss > 0 && o.minLoss <= 1)) problems.push(`minLoss: must be in (0, 1], got ${String(o.minLoss)}`);
  throwIfProblems(problems);
  return o;
}

const LOSS_TOLERANCE = 1e-12;

/** Outcomes of one deterministic outage run. */
export function outageOutcomes(g: PropagationGraph, result: OutageResult, origins: readonly number[], options?: Partial<OutcomeOptions>): Outcomes {
  const o = checkOutcomeOptions(options);
  if (result.failed.length !== g.n) throw new PropagationInputError([`result: has ${result.failed.length} nodes, the graph ${g.n}`]);
  const isOrigin = new Uint8Array(g.n);
  for (const v of origins) isOrigin[v] = 1;
  const nodes: NodeOutcome[] = [];
  let belowThreshold = 0;
  for (const v of result.affected) {
    const loss = result.distress[v]!;
    const failed = result.failed[v] === 1 || isOrigin[v] === 1;
    if (!failed && loss < o.minLoss - LOSS_TOLERANCE) {
      belowThreshold++;
      continue;
    }
    nodes.push({
      node: v,
      state: isOrigin[v] === 1 ? 'ORIGIN' : failed ? 'FAILED' : 'DEGRADED',
      effect: failed ? 'FAILED' : 'DEGRADED',
      loss: failed ? 1 : loss,
      probability: 1,
      compromisedProbability: 0,
      failedProbability: failed ? 1 : 0,
      hour: result.failHour[v]!,
      restoredHour: result.restoreHour[v]!,
      criticalEdge: result.criticalEdge[v]!,
      wave: result.wave[v]!,
    });
  }
  return { nodes, belowThreshold };
}

/** Outcomes of a Monte Carlo compromise (`summariseCompromise`); critical edges and waves are left to the caller (-1, 0). */
export function compromiseOutcomes(
  g: PropagationGraph,
  summary: CompromiseSummary,
  origins: readonly number[],
  originOutage: boolean,
  options?: Partial<OutcomeOptions>,
): Outcomes {
  const o = checkOutcomeOptions(options);
  if (summary.compromisedProbability.length !== g.n) throw new PropagationInputError([`summary: has ${summary.compromisedProbability.length} nodes, the graph ${g.n}`]);
  const isOrigin = new Uint8Array(g.n);
  for (const v of origins) isOrigin[v] = 1;
  const nodes: NodeOutcome[] = [];
  let belowThreshold = 0;
  const p = o.lossProbability - LOSS_TOLERANCE;
  for (let v = 0; v < g.n; v++) {
    const pc = summary.compromisedProbability[v]!;
    const pf = summary.failedProbability[v]!;
    const pd = summary.degradedProbability[v]!;
    const origin = isOrigin[v] === 1;
    if (!origin && pc <= 0 && pf <= 0 && pd <= 0) continue;
    const touched = pf + pd;
    const meanLoss = touched > 0 ? summary.expectedLoss[v]! / touched : 0;
    let effect: OutcomeEffect | null;
    let probability: number;
    if (origin) {
      effect = originOutage ? 'FAILED' : 'COMPROMISED';
      probability = 1;
    } else if (pf >= p) {
      effect = 'FAILED';
      probability = pf;
    } else if (pc >= p) {
      effect = 'COMPROMISED';
      probability = pc;
    } else if (touched >= p && meanLoss >= o.minLoss - LOSS_TOLERANCE) {
      effect = 'DEGRADED';
      probability = touched;
    } else {
      effect = null;
      probability = 0;
    }
    if (effect === null) {
      belowThreshold++;
      continue;
    }
    nodes.push({
      node: v,
      state: origin ? 'ORIGIN' : effect,
      effect,
      loss: effect === 'FAILED' ? 1 : effect === 'DEGRADED' ? meanLoss : 0,
      probability,
      compromisedProbability: origin ? 1 : pc,
      failedProbability: origin && originOutage ? 1 : pf,
      hour: origin ? 0 : summary.medianHour[v]!,
      restoredHour: NaN,
      criticalEdge: -1,
      wave: 0,
    });
  }
  nodes.sort((a, b) => a.hour - b.hour || a.node - b.node);
  return { nodes, belowThreshold };
}
