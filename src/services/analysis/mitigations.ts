/**
 * Mitigations: rerun a scenario with hypothetical changes and report the
 * difference; and suggest, greedily, the k single changes from a stated
 * candidate set that most reduce the importance-weighted loss.
 *
 * Candidate set (for the scenario's result on the current graph):
 *  - CUT_TRUST_CHANNEL: remove one trust-carrying dependency that lies on an
 *    affected critical function's explanation chain;
 *  - ADD_ALTERNATIVE: for one dependency on such a chain, an alternative
 *    supplier of the same node kind and provider/facility/service kind that the
 *    scenario leaves unaffected (for facilities the nearest one by great-circle
 *    distance; otherwise the first by id), joined with the existing supplier in a
 *    1-of-n redundancy group (or added to the dependency's existing group).
 * Candidates are ranked by how many affected functions' chains use the
 * dependency and the first MAX_CANDIDATES are evaluated; each step keeps the
 * change with the largest reduction given the earlier ones (greedy).
 */
import { greatCircleKm } from '../../analysis/great-circle';
import { ValidationError } from '../../errors';
import type { Snapshot } from '../../projection/snapshot';
import type { BlastResultIds } from './blast-result';
import { normaliseRequest, runBlastRadius } from './blast-radius';
import type { NormalisedRequest, OverridesRequest } from './blast-radius';

export const MAX_CANDIDATES = 40;
export const MAX_SUGGESTIONS = 10;

export function mergeOverrides(a: OverridesRequest, b: OverridesRequest): OverridesRequest {
  return {
    removeNodes: [...(a.removeNodes ?? []), ...(b.removeNodes ?? [])],
    removeDependencies: [...(a.removeDependencies ?? []), ...(b.removeDependencies ?? [])],
    addDependencies: [...(a.addDependencies ?? []), ...(b.addDependencies ?? [])],
    regroupDependencies: [...(a.regroupDependencies ?? []), ...(b.regroupDependencies ?? [])],
  };
}

export function rerun(snapshot: Snapshot, request: NormalisedRequest, changes: OverridesRequest): { before: BlastResultIds; after: BlastResultIds } {
  const before = runBlastRadius(snapshot, normaliseRequest(request, snapshot));
  const after = runBlastRadius(snapshot, normaliseRequest({ ...request, overrides: mergeOverrides(request.overrides, changes) }, snapshot));
  return { before, after };
}

export function difference(before: BlastResultIds, after: BlastResultIds) {
  const a = new Set(before.affected.map((x) => x.id));
  const b = new Set(after.affected.map((x) => x.id));
  return {
    importanceBefore: before.totals.importanceLost,
    importanceAfter: after.totals.importanceLost,
    reduction: before.totals.importanceLost - after.totals.importanceLost,
    spared: [...a].filter((id) => !b.has(id)).sort(),
    newlyAffected: [...b].filter((id) => !a.has(id)).sort(),
  };
}

interface Candidate {
  kind: 'CUT_TRUST_CHANNEL' | 'ADD_ALTERNATIVE';
  dependency: string;
  alternative: string | null;
  description: string;
  changes: OverridesRequest;
  uses: number;
}


function candidates(snapshot: Snapshot, before: BlastResultIds): Candidate[] {
  const g = snapshot.propagation;
  const affected = new Set(before.affected.map((a) => a.id));
  const uses = new Map<string, number>();
  for (const a of before.affected) {
    if (a.kind !== 'CriticalFunction') continue;
    for (const d of new Set(a.explanation.dependencies)) uses.set(d, (uses.get(d) ?? 0) + 1);
  }
  const out: Candidate[] = [];
  for (const [depId, count] of uses) {
    const e = g.edgeIndex.get(depId);
    if (e === undefined) continue;
    const dependent = g.edgeDependent[e]!;
    const supplier = g.edgeSupplier[e]!;
    if (g.integrity[e]) {
      out.push({
        kind: 'CUT_TRUST_CHANNEL',
        dependency: depId,
        alternative: null,
        description: `remove the ${snapshot.channel[e]} dependency of ${snapshot.names[dependent]} on ${snapshot.names[supplier]}`,
        changes: { removeDependencies: [depId] },
        uses: count,
      });
    }
    const existing = new Set<number>();
    for (let k = g.byDependentOffsets[dependent]!; k < g.byDependentOffsets[dependent + 1]!; k++) existing.add(g.edgeSupplier[g.byDependentEdges[k]!]!);
    let best = -1;
    let bestDistance = Infinity;
    for (let v = 0; v < g.n; v++) {
      if (v === dependent || existing.has(v) || affected.has(g.ids[v]!)) continue;
      if (g.kind[v] !== g.kind[supplier] || snapshot.subKind[v] !== snapshot.subKind[supplier]) continue;
      const d = Number.isFinite(snapshot.latitude[supplier]!) && Number.isFinite(snapshot.latitude[v]!)
        ? greatCircleKm(snapshot.latitude[supplier]!, snapshot.longitude[supplier]!, snapshot.latitude[v]!, snapshot.longitude[v]!)
        : 0;
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
      }
    }
    if (best < 0) continue;
    const group = g.edgeGroup[e]! >= 0 ? g.groupNames[g.edgeGroup[e]!]! : `mitigation-${depId}`;
    const minAlive = g.edgeGroup[e]! >= 0 ? g.groupMinAlive[g.edgeGroup[e]!]! : 1;
    out.push({
      kind: 'ADD_ALTERNATIVE',
      dependency: depId,
      alternative: g.ids[best]!,
      description: `give ${snapshot.names[dependent]} ${snapshot.names[best]} as an alternative to ${snapshot.names[supplier]} (${snapshot.channel[e]})`,
      changes: {
        regroupDependencies: g.edgeGroup[e]! >= 0 ? [] : [{ dependency: depId, redundancyGroup: group, minAlive }],
        addDependencies: [
          {
            dependent: g.ids[dependent]!,
            supplier: g.ids[best]!,
            channel: snapshot.channel[e]!,
            strength: g.strength[e]!,
            propagation: g.propagation[e]!,
            delayHours: g.delay[e]!,
            recoveryHours: Number.isNaN(g.recovery[e]!) ? null : g.recovery[e]!,
            redundancyGroup: group,
            minAlive,
          },
        ],
      },
      uses: count,
    });
  }
  return out
    .sort((a, b) => b.uses - a.uses || (a.dependency < b.dependency ? -1 : a.dependency > b.dependency ? 1 : a.kind < b.kind ? -1 : 1))
    .slice(0, MAX_CANDIDATES);
}

export function suggest(snapshot: Snapshot, request: NormalisedRequest, k: number) {
  if (!Number.isInteger(k) || k < 1 || k > MAX_SUGGESTIONS) throw new ValidationError(`k must be an integer from 1 to ${MAX_SUGGESTIONS} (got ${k})`);
  const base = runBlastRadius(snapshot, normaliseRequest(request, snapshot));
  const pool = candidates(snapshot, base);
  let applied: OverridesRequest = request.overrides;
  let current = base.totals.importanceLost;
  const chosen: { step: number; candidate: Candidate; reduction: number; remaining: number }[] = [];
  const used = new Set<number>();
  for (let step = 1; step <= k; step++) {
    let best: { index: number; loss: number } | null = null;
    pool.forEach((c, i) => {
      if (used.has(i)) return;
      let loss: number;
      try {
        loss = runBlastRadius(snapshot, normaliseRequest({ ...request, overrides: mergeOverrides(applied, c.changes) }, snapshot)).totals.importanceLost;
      } catch {
        return; // a candidate that clashes with earlier changes is skipped
      }
      if (!best || loss < best.loss - 1e-12) best = { index: i, loss };
    });
    if (!best) break;
    const { index, loss } = best as { index: number; loss: number };
    if (current - loss <= 1e-12) break;
    used.add(index);
    applied = mergeOverrides(applied, pool[index]!.changes);
    chosen.push({ step, candidate: pool[index]!, reduction: current - loss, remaining: loss });
    current = loss;
  }
  return chosen;
}
