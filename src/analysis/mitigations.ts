/**
 * Mitigation search
 * =================
 * The candidate changes for a scenario and the greedy choice among them, as pure
 * functions; the service (src/services/analysis/mitigations.ts) turns them into
 * what-if overrides and runs the scenario again to evaluate each one.
 *
 * Candidates, for the dependencies on the explanation chains of the affected
 * critical functions, ranked by how many chains use them (ties by edge id, then
 * kind), the first `max` kept:
 *  - CUT_TRUST_CHANNEL: remove one dependency that carries integrity;
 *  - ADD_ALTERNATIVE: an alternative supplier of the same node kind and sub-kind
 *    that the scenario leaves unaffected and the dependent does not already use
 *    (for located suppliers the nearest by great-circle distance; otherwise the
 *    first by index), joined with the existing supplier in a 1-of-n group (or
 *    the dependency's own group).
 * Greedy choice: each step keeps the candidate whose evaluation leaves the least
 * loss given the earlier ones (ties: the earlier candidate), and stops when none
 * reduces the loss by more than 1e-12.
 */
import { AnalysisInputError } from './errors';
import { greatCircleKm } from './great-circle';
import type { PropagationGraph } from './propagation/types';

export interface MitigationGeo {
  /** Per node: provider, facility or service kind ('' for functions). */
  readonly subKind: readonly string[];
  /** Per node: coordinates (NaN when unknown). */
  readonly latitude: Float64Array;
  readonly longitude: Float64Array;
}

export interface MitigationCandidate {
  kind: 'CUT_TRUST_CHANNEL' | 'ADD_ALTERNATIVE';
  /** The dependency (edge index) the change is about. */
  edge: number;
  /** ADD_ALTERNATIVE: the alternative supplier (node index); -1 otherwise. */
  alternative: number;
  /** How many affected functions' explanation chains use the dependency. */
  uses: number;
}

export function mitigationCandidates(
  g: PropagationGraph,
  geo: MitigationGeo,
  chains: readonly (readonly number[])[],
  affected: ReadonlySet<number>,
  max: number,
): MitigationCandidate[] {
  if (!Number.isInteger(max) || max < 0) throw new AnalysisInputError('max', `must be an integer >= 0, got ${String(max)}`);
  const uses = new Map<number, number>();
  for (const chain of chains) for (const e of new Set(chain)) uses.set(e, (uses.get(e) ?? 0) + 1);
  const out: MitigationCandidate[] = [];
  for (const [e, count] of uses) {
    const dependent = g.edgeDependent[e]!;
    const supplier = g.edgeSupplier[e]!;
    if (g.integrity[e] === 1) out.push({ kind: 'CUT_TRUST_CHANNEL', edge: e, alternative: -1, uses: count });
    const existing = new Set<number>();
    for (let k = g.byDependentOffsets[dependent]!; k < g.byDependentOffsets[dependent + 1]!; k++) existing.add(g.edgeSupplier[g.byDependentEdges[k]!]!);
    let best = -1;
    let bestDistance = Infinity;
    for (let v = 0; v < g.n; v++) {
      if (v === dependent || existing.has(v) || affected.has(v)) continue;
      if (g.kind[v] !== g.kind[supplier] || geo.subKind[v] !== geo.subKind[supplier]) continue;
      const located = Number.isFinite(geo.latitude[supplier]!) && Number.isFinite(geo.latitude[v]!);
      const d = located ? greatCircleKm(geo.latitude[supplier]!, geo.longitude[supplier]!, geo.latitude[v]!, geo.longitude[v]!) : 0;
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
      }
    }
    if (best >= 0) out.push({ kind: 'ADD_ALTERNATIVE', edge: e, alternative: best, uses: count });
  }
  const id = (e: number) => g.edgeIds[e]!;
  return out
    .sort((a, b) => b.uses - a.uses || (id(a.edge) < id(b.edge) ? -1 : id(a.edge) > id(b.edge) ? 1 : a.kind < b.kind ? -1 : 1))
    .slice(0, max);
}

export interface GreedyStep {
  step: number;
  /** Index into the pool. */
  index: number;
  reduction: number;
  remaining: number;
}

/**
 * Greedy selection of up to k pool entries. `evaluate(chosen, candidate)` gives the
 * loss with the chosen entries and the candidate applied, or null when the
 * candidate cannot be applied on top of them (it is skipped).
 */
export function greedySelect<T>(pool: readonly T[], baseLoss: number, k: number, evaluate: (chosen: readonly T[], candidate: T) => number | null): GreedyStep[] {
  if (!Number.isInteger(k) || k < 0) throw new AnalysisInputError('k', `must be an integer >= 0, got ${String(k)}`);
  const chosen: T[] = [];
  const steps: GreedyStep[] = [];
  const used = new Set<number>();
  let current = baseLoss;
  for (let step = 1; step <= k; step++) {
    let best: { index: number; loss: number } | null = null;
    for (let i = 0; i < pool.length; i++) {
      if (used.has(i)) continue;
      const loss = evaluate(chosen, pool[i]!);
      if (loss === null) continue;
      if (best === null || loss < best.loss - 1e-12) best = { index: i, loss };
    }
    if (best === null || current - best.loss <= 1e-12) break;
    used.add(best.index);
    chosen.push(pool[best.index]!);
    steps.push({ step, index: best.index, reduction: current - best.loss, remaining: best.loss });
    current = best.loss;
  }
  return steps;
}
