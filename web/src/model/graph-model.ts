/**
 * The graph as the web app holds it: the four kinds that sit on DEPENDS_ON,
 * the DEPENDS_ON edges (dependent → supplier) and the countries that place
 * them. Filled from the API (../api/load-graph.ts) or generated
 * (generated-graph.ts); everything else in the app reads only this.
 */
import type { Channel, Confidence, DependencyKind, Sector, Tlp } from '../../../graph-schema/vocabulary';

export interface ModelNode {
  id: string;
  name: string;
  kind: DependencyKind;
  /** providerKind, facilityKind or serviceKind; null for functions. */
  subKind: string | null;
  /** CriticalFunction only. */
  sector: Sector | null;
  /** Where the node is located: a facility's country, a provider's (or a service's provider's) headquarters, the country a function serves. */
  country: string | null;
  /** The provider that operates (facility) or offers (service) it. */
  owner: string | null;
  importance: number;
  illustrative: boolean;
  tlp: Tlp;
  confidence: Confidence;
}

/** A DEPENDS_ON, from the dependent to its supplier (failure travels the other way). */
export interface ModelEdge {
  id: string;
  dependent: string;
  supplier: string;
  channel: Channel;
  trust: boolean;
  crossBorder: boolean;
  illustrative: boolean;
  tlp: Tlp;
  confidence: Confidence;
}

export interface ModelCountry {
  id: string;
  name: string;
  /** ISO 3166-1 numeric, as world-atlas keys its shapes. */
  numeric: string;
  natoMember: boolean;
  latitude: number;
  longitude: number;
}

export interface GraphModel {
  nodes: Map<string, ModelNode>;
  edges: Map<string, ModelEdge>;
  countries: Map<string, ModelCountry>;
  /** 'api' when loaded from the server, 'generated' for ?generated=N. */
  source: 'api' | 'generated';
  /** The server's write version the model was read at (null for a generated graph). */
  version: number | null;
}

export function emptyModel(source: GraphModel['source']): GraphModel {
  return { nodes: new Map(), edges: new Map(), countries: new Map(), source, version: null };
}

/** Supplier lists and dependent lists by node id, built once per model. */
export interface Adjacency {
  suppliers: Map<string, ModelEdge[]>;
  dependents: Map<string, ModelEdge[]>;
}

export function adjacencyOf(model: GraphModel): Adjacency {
  const suppliers = new Map<string, ModelEdge[]>();
  const dependents = new Map<string, ModelEdge[]>();
  for (const edge of model.edges.values()) {
    let out = suppliers.get(edge.dependent);
    if (!out) suppliers.set(edge.dependent, (out = []));
    out.push(edge);
    let into = dependents.get(edge.supplier);
    if (!into) dependents.set(edge.supplier, (into = []));
    into.push(edge);
  }
  return { suppliers, dependents };
}
