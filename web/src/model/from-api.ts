/** Maps the API's GraphNode and GraphDependency fragments to the web model. */
import type { GraphDependencyFragment, GraphNodeFragment } from '../api/generated';
import type { ModelEdge, ModelNode } from './graph-model';

/** The model node of a fragment; null for kinds that are not drawn (Country, Incident). */
export function nodeFromApi(n: GraphNodeFragment): ModelNode | null {
  const base = {
    id: n.id,
    name: n.name,
    importance: 1,
    illustrative: n.provenance.illustrative,
    tlp: n.provenance.tlp,
    confidence: n.provenance.confidence,
    sector: null,
    owner: null,
  };
  switch (n.__typename) {
    case 'Provider':
      return { ...base, kind: 'Provider', subKind: n.providerKind, country: n.headquarters?.id ?? null };
    case 'Facility':
      return { ...base, kind: 'Facility', subKind: n.facilityKind, country: n.country?.id ?? null, owner: n.operator?.id ?? null };
    case 'Service':
      return { ...base, kind: 'Service', subKind: n.serviceKind, country: n.location?.id ?? null, owner: n.provider?.id ?? null };
    case 'CriticalFunction':
      return { ...base, kind: 'CriticalFunction', subKind: null, sector: n.sector, importance: n.importance, country: n.country?.id ?? null };
    default:
      return null;
  }
}

export function edgeFromApi(d: GraphDependencyFragment): ModelEdge {
  return {
    id: d.id,
    dependent: d.dependent.id,
    supplier: d.supplier.id,
    channel: d.channel,
    trust: d.trustCarrying,
    crossBorder: d.crossBorder,
    illustrative: d.provenance.illustrative,
    tlp: d.provenance.tlp,
    confidence: d.provenance.confidence,
  };
}
