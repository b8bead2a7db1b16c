/**
 * Mitigations: rerun a scenario with hypothetical changes and report the
 * difference; and suggest, greedily, the k single changes from a stated
 * candidate set that most reduce the importance-weighted loss (the search and
 * the greedy choice: src/analysis/mitigations.ts; here, the translation into
 * overrides and the evaluation by re-running the scenario).
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
import { greedySelect, mitigationCandidates } from '../../analysis/mitigations';
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

/** The search's candidates (src/analysis/mitigations.ts) as what-if overrides, with descriptions. */
function candidates(snapshot: Snapshot, before: BlastResultIds): Candidate[] {
  const g = snapshot.propagation;
  const affected = new Set(before.affected.map((a) => g.index.get(a.id)).filter((v) => v !== undefined));
  const chains = before.affected
    .filter((a) => a.kind === 'CriticalFunction')
    .map((a) => a.explanation.dependencies.map((d) => g.edgeIndex.get(d)).filter((e) => e !== undefined));
  return mitigationCandidates(g, snapshot, chains, affected, MAX_CANDIDATES).map((c) => {
    const e = c.edge;
    const depId = g.edgeIds[e]!;
    const dependent = g.edgeDependent[e]!;
    const supplier = g.edgeSupplier[e]!;
    if (c.kind === 'CUT_TRUST_CHANNEL') {
      return {
        kind: c.kind,
        dependency: depId,
        alternative: null,
        description: `remove the ${snapshot.channel[e]} dependency of ${snapshot.names[dependent]} on ${snapshot.names[supplier]}`,
        changes: { removeDependencies: [depId] },
        uses: c.uses,
      };
    }
    const best = c.alternative;
    const grouped = g.edgeGroup[e]! >= 0;
    const group = grouped ? g.groupNames[g.edgeGroup[e]!]! : `mitigation-${depId}`;
    const minAlive = grouped ? g.groupMinAlive[g.edgeGroup[e]!]! : 1;
    const capacity = g.capacity[e]!;
    // The alternative carries what the dependency it backs up carries.
    return {
      kind: c.kind,
      dependency: depId,
      alternative: g.ids[best]!,
      description: `give ${snapshot.names[dependent]} ${snapshot.names[best]} as an alternative to ${snapshot.names[supplier]} (${snapshot.channel[e]})`,
      changes: {
        regroupDependencies: grouped ? [] : [{ dependency: depId, redundancyGroup: group, minAlive }],
        addDependencies: [
          {
            dependent: g.ids[dependent]!,
            supplier: g.ids[best]!,
            channel: snapshot.channel[e]!,
            strength: g.strength[e]!,
            propagation: g.propagation[e]!,
            delayHours: g.delay[e]!,
            recoveryHours: Number.isNaN(g.recovery[e]!) ? null : g.recovery[e]!,
            graceHours: g.grace[e]!,
            carriesAvailability: g.availability[e] === 1,
            carriesIntegrity: g.integrity[e] === 1,
            capacityShare: grouped && !Number.isNaN(capacity) ? capacity : null,
            redundancyGroup: group,
            minAlive,
          },
        ],
      },
      uses: c.uses,
    };
  });
}

export function suggest(snapshot: Snapshot, request: NormalisedRequest, k: number) {
  if (!Number.isInteger(k) || k < 1 || k > MAX_SUGGESTIONS) throw new ValidationError(`k must be an integer from 1 to ${MAX_SUGGESTIONS} (got ${k})`);
  const base = runBlastRadius(snapshot, normaliseRequest(request, snapshot));
  const pool = candidates(snapshot, base);
  const steps = greedySelect(pool, base.totals.importanceLost, k, (chosen, c) => {
    const overrides = [...chosen, c].reduce((o, x) => mergeOverrides(o, x.changes), request.overrides);
    try {
      return runBlastRadius(snapshot, normaliseRequest({ ...request, overrides }, snapshot)).totals.importanceLost;
    } catch (error) {
      if (error instanceof ValidationError) return null; // a candidate that clashes with earlier changes is skipped
      throw error;
    }
  });
  return steps.map((s) => ({ step: s.step, candidate: pool[s.index]!, reduction: s.reduction, remaining: s.remaining }));
}
