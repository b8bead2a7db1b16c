/**
 * A tiny named model for the web unit tests:
 *
 *   fn:ee-health (EE) ──▶ svc:mail (US; of prov:cloud) ──▶ fac:dc (DE; of prov:cloud)
 *        │
 *        └──▶ fn:ee-energy (EE, illustrative) ──▶ prov:grid (EE, ENERGY)
 *
 *   fn:fr-bank (FR) ──▶ prov:cloud (US, CLOUD)        prov:swiss (CH, CLOUD, TLP:AMBER), alone
 *
 * Edges (dependent ▶ supplier): fn:ee-health▶svc:mail, svc:mail▶fac:dc,
 * fn:ee-health▶fn:ee-energy, fn:ee-energy▶prov:grid, fn:fr-bank▶prov:cloud.
 * The edge fn:ee-health ▶ fn:ee-energy is illustrative; fac:dc has LOW confidence;
 * CH is not a NATO member.
 */
import { emptyModel } from './graph-model';
import type { GraphModel, ModelEdge, ModelNode } from './graph-model';

function node(partial: Partial<ModelNode> & Pick<ModelNode, 'id' | 'kind'>): ModelNode {
  return { name: partial.id, subKind: null, sector: null, country: null, owner: null, importance: 1, illustrative: false, tlp: 'CLEAR', confidence: 'HIGH', ...partial };
}

function edge(dependent: string, supplier: string, partial: Partial<ModelEdge> = {}): ModelEdge {
  return { id: `dep:${dependent}->${supplier}`, dependent, supplier, channel: 'HOSTING', trust: false, crossBorder: false, illustrative: false, tlp: 'CLEAR', confidence: 'HIGH', ...partial };
}

export function tinyModel(): GraphModel {
  const m = emptyModel('api');
  for (const [id, natoMember] of [
    ['EE', true],
    ['US', true],
    ['DE', true],
    ['FR', true],
    ['CH', false],
  ] as const) {
    m.countries.set(id, { id, name: id, numeric: '000', natoMember, latitude: 50, longitude: 10 });
  }
  const nodes = [
    node({ id: 'prov:cloud', kind: 'Provider', subKind: 'CLOUD', country: 'US' }),
    node({ id: 'prov:grid', kind: 'Provider', subKind: 'ENERGY', country: 'EE' }),
    node({ id: 'prov:swiss', kind: 'Provider', subKind: 'CLOUD', country: 'CH', tlp: 'AMBER' }),
    node({ id: 'fac:dc', kind: 'Facility', subKind: 'CLOUD_REGION', country: 'DE', owner: 'prov:cloud', confidence: 'LOW' }),
    node({ id: 'svc:mail', kind: 'Service', subKind: 'PLATFORM_SERVICE', country: 'US', owner: 'prov:cloud' }),
    node({ id: 'fn:ee-health', kind: 'CriticalFunction', sector: 'HEALTH', country: 'EE' }),
    node({ id: 'fn:ee-energy', kind: 'CriticalFunction', sector: 'ENERGY', country: 'EE', illustrative: true }),
    node({ id: 'fn:fr-bank', kind: 'CriticalFunction', sector: 'BANKING', country: 'FR' }),
  ];
  for (const n of nodes) m.nodes.set(n.id, n);
  const edges = [
    edge('fn:ee-health', 'svc:mail', { crossBorder: true }),
    edge('svc:mail', 'fac:dc', { crossBorder: true }),
    edge('fn:ee-health', 'fn:ee-energy', { illustrative: true }),
    edge('fn:ee-energy', 'prov:grid', { channel: 'POWER' }),
    edge('fn:fr-bank', 'prov:cloud', { crossBorder: true, channel: 'IDENTITY', trust: true }),
  ];
  for (const e of edges) m.edges.set(e.id, e);
  return m;
}
