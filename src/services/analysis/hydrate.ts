/**
 * Turns an id-based blast result into the objects GraphQL returns: every node
 * and dependency it names is loaded in one batched read each (hypothetical
 * what-if edges come from the result itself).
 */
import type { DependencyModel, NodeModel } from '../../store/models';
import { elementsOrSnapshot } from '../snapshot-reads';
import type { ReadSources } from '../snapshot-reads';
import type { AffectedIds, BlastResultIds, CrossBorderIds, ExplanationIds } from './blast-result';

export interface Lookup {
  node(id: string): NodeModel;
  dependency(id: string): DependencyModel;
}

/**
 * Loads every node and dependency id in one read each (from the snapshot when
 * Neo4j is unreachable). Unknown ids become placeholders naming the id.
 */
export async function lookupFor(reads: ReadSources, nodeIds: Iterable<string>, dependencyIds: Iterable<string>, hypothetical: BlastResultIds['hypothetical'] = []): Promise<Lookup> {
  const [nodes, deps] = await elementsOrSnapshot(reads, [...new Set(nodeIds)], [...new Set(dependencyIds)]);
  const extra = new Map(hypothetical.map((record) => [record.id, { record }]));
  return {
    node(id) {
      const found = nodes.get(id);
      if (found) return found;
      // Deleted since the analysis ran (a stored scenario can outlive its nodes).
      return { kind: 'Provider', id, refs: {}, props: { id, name: `${id} (no longer stored)`, kind: 'CLOUD', source: 'deleted', confidence: 'LOW', illustrative: true, updatedAt: '' } };
    },
    dependency(id) {
      const found = deps.get(id) ?? extra.get(id);
      if (found) return found;
      return { record: { id, dependent: '', supplier: '', type: 'CYBER', channel: 'DATA', strength: 0, redundancyGroup: null, minAlive: 1, propagation: 0, delayHours: 0, recoveryHours: null, source: 'deleted', confidence: 'LOW', illustrative: true, updatedAt: '' } };
    },
  };
}

export function idsOf(result: BlastResultIds): { nodes: Set<string>; dependencies: Set<string> } {
  const nodes = new Set<string>(result.origins);
  const dependencies = new Set<string>(result.crossBorder.borderCrossings);
  for (const a of result.affected) {
    nodes.add(a.id);
    for (const n of a.explanation.nodes) nodes.add(n);
    for (const d of a.explanation.dependencies) dependencies.add(d);
  }
  for (const c of result.totals.byCountry) nodes.add(c.country);
  for (const c of result.functionsLostByCountry) nodes.add(c.country);
  for (const v of [result.crossBorder.byLocation, result.crossBorder.byJurisdiction]) {
    for (const c of v.originCountries) nodes.add(c);
    for (const c of v.countries) nodes.add(c.country);
  }
  for (const h of result.hypothetical) {
    nodes.add(h.dependent);
    nodes.add(h.supplier);
  }
  return { nodes, dependencies };
}

const explanation = (x: ExplanationIds, l: Lookup) => ({
  nodes: x.nodes.map((id) => l.node(id)),
  dependencies: x.dependencies.map((id) => l.dependency(id)),
  illustrativeShare: x.illustrativeShare,
});

const view = (v: CrossBorderIds, l: Lookup) => ({
  basis: v.basis,
  originCountries: v.originCountries.map((id) => l.node(id)),
  countries: v.countries.map((c) => ({ ...c, country: l.node(c.country) })),
  foreignNato: v.foreignNato,
  foreignNonNato: v.foreignNonNato,
});

export function hydrateWith(result: BlastResultIds, l: Lookup) {
  return {
    snapshotVersion: result.snapshotVersion,
    mode: result.mode,
    rule: result.rule,
    effect: result.effect,
    origins: result.origins.map((id) => l.node(id)),
    affected: result.affected.map((a: AffectedIds) => {
      // Results stored before outcomes had an effect and a loss: derive them from state and distress.
      const effect = a.effect ?? (a.state === 'ORIGIN' ? (result.mode === 'COMPROMISE' ? 'COMPROMISED' : 'FAILED') : a.state);
      return {
        node: l.node(a.id),
        state: a.state,
        effect,
        loss: a.loss ?? a.distress,
        hour: a.hour,
        restoredHour: a.restoredHour,
        wave: a.wave,
        distress: a.distress,
        probability: a.probability,
        compromisedProbability: a.compromisedProbability ?? (result.mode === 'COMPROMISE' ? a.probability : 0),
        failedProbability: a.failedProbability ?? (effect === 'FAILED' ? a.probability : 0),
        explanation: explanation(a.explanation, l),
      };
    }),
    totals: {
      ...result.totals,
      functionsFailed: result.totals.functionsFailed ?? result.totals.functionsLost,
      functionsDegraded: result.totals.functionsDegraded ?? 0,
      functionsCompromised: result.totals.functionsCompromised ?? 0,
      importanceCompromised: result.totals.importanceCompromised ?? 0,
      belowThreshold: result.totals.belowThreshold ?? 0,
      bySector: result.totals.bySector.map((r) => ({
        ...r,
        failed: r.failed ?? r.count,
        degraded: r.degraded ?? 0,
        compromised: r.compromised ?? 0,
        importanceLost: r.importanceLost ?? r.importance,
        importanceCompromised: r.importanceCompromised ?? 0,
      })),
      byCountry: result.totals.byCountry.map((c) => ({ country: l.node(c.country), count: c.count })),
    },
    functionsLostByCountry: result.functionsLostByCountry.map((c) => ({
      country: l.node(c.country),
      functions: c.functions.map((id) => l.node(id)),
      count: c.count,
      failed: c.failed ?? c.count,
      degraded: c.degraded ?? 0,
      compromised: c.compromised ?? 0,
      importance: c.importance,
      importanceLost: c.importanceLost ?? c.importance,
      importanceCompromised: c.importanceCompromised ?? 0,
    })),
    crossBorder: {
      byLocation: view(result.crossBorder.byLocation, l),
      byJurisdiction: view(result.crossBorder.byJurisdiction, l),
      borderCrossings: result.crossBorder.borderCrossings.map((id) => l.dependency(id)),
    },
    compromise: result.compromise && {
      ...result.compromise,
      expectedFunctionsFailed: result.compromise.expectedFunctionsFailed ?? 0,
      expectedFunctionsCompromised: result.compromise.expectedFunctionsCompromised ?? result.compromise.expectedFunctions,
      expectedImportanceLost: result.compromise.expectedImportanceLost ?? 0,
    },
    debtRank: result.debtRank,
    illustrativeShare: result.illustrativeShare,
  };
}

export async function hydrate(reads: ReadSources, result: BlastResultIds) {
  const ids = idsOf(result);
  return hydrateWith(result, await lookupFor(reads, ids.nodes, ids.dependencies, result.hypothetical));
}
