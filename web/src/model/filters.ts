/**
 * Which nodes and edges the graph view shows, as a pure function of the model,
 * the filters and the neighbourhoods the user expanded.
 *
 * Filters on one kind's property narrow that kind only (sector: functions;
 * provider kind: providers and the facilities and services they own). The
 * country filter shows what is located in the country plus everything its
 * critical functions depend on, transitively (its dependency picture). TLP
 * shows elements up to the chosen level; confidence, at least the chosen one.
 */
import { CONFIDENCE_LEVELS, TLP_LEVELS } from '../../../graph-schema/vocabulary';
import type { Confidence, Tlp } from '../../../graph-schema/vocabulary';
import type { Adjacency, GraphModel, ModelEdge, ModelNode } from './graph-model';

export interface Filters {
  /** ISO alpha-2, '' = all. */
  country: string;
  /** Sector of critical functions, '' = all. */
  sector: string;
  /** Provider kind, '' = all. */
  providerKind: string;
  nato: '' | 'true' | 'false';
  /** Highest TLP shown, '' = all. */
  tlp: '' | Tlp;
  /** Lowest confidence shown, '' = all. */
  confidence: '' | Confidence;
  /** Hide illustrative (non-public-record) nodes and dependencies. */
  hideIllustrative: boolean;
}

export const NO_FILTERS: Filters = { country: '', sector: '', providerKind: '', nato: '', tlp: '', confidence: '', hideIllustrative: false };

/** Whether any filter narrows the view (expanding neighbourhoods is offered then). */
export function isFiltered(f: Filters): boolean {
  return f.country !== '' || f.sector !== '' || f.providerKind !== '' || f.nato !== '' || f.tlp !== '' || f.confidence !== '' || f.hideIllustrative;
}

export interface Expansion {
  nodes: Set<string>;
  edges: Set<string>;
}

export interface VisibleSet {
  nodes: Set<string>;
  edges: Set<string>;
}

function provenancePasses(el: { illustrative: boolean; tlp: Tlp; confidence: Confidence }, f: Filters): boolean {
  if (f.hideIllustrative && el.illustrative) return false;
  if (f.tlp !== '' && TLP_LEVELS.indexOf(el.tlp) > TLP_LEVELS.indexOf(f.tlp)) return false;
  // CONFIDENCE_LEVELS runs from HIGH to LOW.
  if (f.confidence !== '' && CONFIDENCE_LEVELS.indexOf(el.confidence) > CONFIDENCE_LEVELS.indexOf(f.confidence)) return false;
  return true;
}

export function nodePasses(model: GraphModel, n: ModelNode, f: Filters): boolean {
  if (!provenancePasses(n, f)) return false;
  if (f.nato !== '') {
    const country = n.country ? model.countries.get(n.country) : undefined;
    if (!country || country.natoMember !== (f.nato === 'true')) return false;
  }
  if (f.sector !== '' && n.kind === 'CriticalFunction' && n.sector !== f.sector) return false;
  if (f.providerKind !== '' && n.kind !== 'CriticalFunction') {
    const provider = n.kind === 'Provider' ? n : n.owner ? model.nodes.get(n.owner) : undefined;
    if (!provider || provider.subKind !== f.providerKind) return false;
  }
  return true;
}

export function edgePasses(e: ModelEdge, f: Filters): boolean {
  return provenancePasses(e, f);
}

export function visibleElements(model: GraphModel, adjacency: Adjacency, f: Filters, expansion?: Expansion): VisibleSet {
  const passing = new Set<string>();
  for (const n of model.nodes.values()) if (nodePasses(model, n, f)) passing.add(n.id);

  let nodes: Set<string>;
  if (f.country === '') {
    nodes = passing;
  } else {
    nodes = new Set<string>();
    const queue: string[] = [];
    for (const id of passing) {
      const n = model.nodes.get(id)!;
      if (n.country !== f.country) continue;
      nodes.add(id);
      if (n.kind === 'CriticalFunction') queue.push(id);
    }
    // The country's functions' suppliers, transitively, through passing nodes and edges.
    while (queue.length > 0) {
      for (const e of adjacency.suppliers.get(queue.pop()!) ?? []) {
        if (nodes.has(e.supplier) || !passing.has(e.supplier) || !edgePasses(e, f)) continue;
        nodes.add(e.supplier);
        queue.push(e.supplier);
      }
    }
  }
  if (expansion) for (const id of expansion.nodes) if (model.nodes.has(id)) nodes.add(id);

  const edges = new Set<string>();
  for (const e of model.edges.values()) {
    if (nodes.has(e.dependent) && nodes.has(e.supplier) && (edgePasses(e, f) || expansion?.edges.has(e.id))) edges.add(e.id);
  }
  return { nodes, edges };
}
