/**
 * The whole model in drawing form (graph-view.graphql), built from one
 * snapshot: the nodes, DEPENDS_ON and countries flattened to ids, plus the
 * whole-model layout as ./graph-layouts has it. No database read: the
 * snapshot already holds the model, so the view costs one pass over it.
 */
import { DEFAULTS } from '../../../graph-schema/vocabulary';
import type { Channel, Confidence, NodeKind, Sector, Tlp } from '../../../graph-schema/vocabulary';
import { KIND_CODES } from '../../analysis/propagation/types';
import type { Snapshot } from '../../projection/snapshot';
import type { LayoutAnswer, LayoutStatus } from './graph-layouts';

export interface GraphViewNode {
  id: string;
  name: string;
  kind: NodeKind;
  subKind: string | null;
  sector: Sector | null;
  country: string | null;
  owner: string | null;
  importance: number;
  illustrative: boolean;
  tlp: Tlp;
  confidence: Confidence;
}

export interface GraphViewDependency {
  id: string;
  dependent: string;
  supplier: string;
  channel: Channel;
  trustCarrying: boolean;
  crossBorder: boolean;
  illustrative: boolean;
  tlp: Tlp;
  confidence: Confidence;
}

export interface GraphViewCountry {
  id: string;
  name: string;
  numeric: string;
  natoMember: boolean;
  latitude: number | null;
  longitude: number | null;
}

export interface GraphView {
  version: number;
  countries: GraphViewCountry[];
  nodes: GraphViewNode[];
  dependencies: GraphViewDependency[];
  layout: {
    status: LayoutStatus;
    snapshotVersion: number | null;
    computedAt: string | null;
    computeMs: number | null;
    error: string | null;
    positions: { id: string; x: number; y: number }[];
  };
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function graphView(snapshot: Snapshot, answer: LayoutAnswer): GraphView {
  const g = snapshot.propagation;
  const countryId = (index: number): string | null => snapshot.countries[index]?.id ?? null;
  const nodes: GraphViewNode[] = new Array<GraphViewNode>(g.n);
  for (let v = 0; v < g.n; v++) {
    const id = g.ids[v]!;
    const attrs = snapshot.graph.getNodeAttributes(id) as Record<string, unknown>;
    // (The attribute `kind` is the sub-kind — providerKind etc. — as stored; the label is in the propagation graph.)
    const kind = KIND_CODES[g.kind[v]!] as NodeKind;
    const owner = snapshot.owner[v]!;
    nodes[v] = {
      id,
      name: snapshot.names[v]!,
      kind,
      subKind: snapshot.subKind[v] || null,
      sector: kind === 'CriticalFunction' ? ((attrs.sector as Sector | undefined) ?? null) : null,
      country: countryId(snapshot.location[v]!),
      owner: owner >= 0 && owner !== v ? g.ids[owner]! : null,
      importance: kind === 'CriticalFunction' ? g.importance[v]! : 1,
      illustrative: snapshot.illustrativeNode[v] === 1,
      tlp: (attrs.tlp as Tlp | undefined) ?? DEFAULTS.tlp,
      confidence: (attrs.confidence as Confidence | undefined) ?? DEFAULTS.confidence,
    };
  }
  const dependencies: GraphViewDependency[] = new Array<GraphViewDependency>(g.m);
  for (let e = 0; e < g.m; e++) {
    const id = g.edgeIds[e]!;
    const attrs = snapshot.graph.getEdgeAttributes(id) as Record<string, unknown>;
    const a = snapshot.location[g.edgeDependent[e]!]!;
    const b = snapshot.location[g.edgeSupplier[e]!]!;
    dependencies[e] = {
      id,
      dependent: g.ids[g.edgeDependent[e]!]!,
      supplier: g.ids[g.edgeSupplier[e]!]!,
      channel: snapshot.channel[e]!,
      trustCarrying: g.integrity[e] === 1,
      crossBorder: a >= 0 && b >= 0 && a !== b,
      illustrative: g.illustrative[e] === 1,
      tlp: (attrs.tlp as Tlp | undefined) ?? DEFAULTS.tlp,
      confidence: (attrs.confidence as Confidence | undefined) ?? DEFAULTS.confidence,
    };
  }
  const layout = answer.layout;
  const positions: GraphView['layout']['positions'] = [];
  if (layout) {
    for (let i = 0; i < layout.ids.length; i++) {
      const id = layout.ids[i]!;
      if (g.index.has(id)) positions.push({ id, x: layout.x[i]!, y: layout.y[i]! });
    }
  }
  return {
    version: snapshot.version,
    countries: snapshot.countries.map((c) => ({
      id: c.id,
      name: c.name,
      numeric: c.numeric,
      natoMember: c.natoMember,
      latitude: finite(c.latitude),
      longitude: finite(c.longitude),
    })),
    nodes,
    dependencies,
    layout: {
      status: answer.status,
      snapshotVersion: layout?.snapshotVersion ?? null,
      computedAt: layout?.computedAt ?? null,
      computeMs: layout?.computeMs ?? null,
      error: answer.error,
      positions,
    },
  };
}
