/**
 * Loads the whole model for the graph view in one query (graphView: read from
 * the server's analysis snapshot, flattened to ids) together with the
 * server's whole-model positions when it has them.
 */
import type { Point } from '../graph/country-layout';
import { emptyModel } from '../model/graph-model';
import type { GraphModel } from '../model/graph-model';
import type { GraphViewQuery, LayoutStatus } from './generated';
import { operations } from './operations';
import type { Operations } from './operations';

/** Positions the server computed for the whole model (of `snapshotVersion`, which may be older than the model). */
export interface ServerLayout {
  status: LayoutStatus;
  snapshotVersion: number | null;
  computeMs: number | null;
  positions: Map<string, Point>;
}

export interface LoadedGraph {
  model: GraphModel;
  layout: ServerLayout;
}

export function graphFromView(view: GraphViewQuery['graphView']): LoadedGraph {
  const model = emptyModel('api');
  model.version = view.version;
  for (const c of view.countries) {
    model.countries.set(c.id, { id: c.id, name: c.name, numeric: c.numeric, natoMember: c.natoMember, latitude: c.latitude ?? NaN, longitude: c.longitude ?? NaN });
  }
  for (const n of view.nodes) {
    if (n.kind === 'Country' || n.kind === 'Incident') continue;
    model.nodes.set(n.id, {
      id: n.id,
      name: n.name,
      kind: n.kind,
      subKind: n.subKind ?? null,
      sector: (n.sector) ?? null,
      country: n.country ?? null,
      owner: n.owner ?? null,
      importance: n.importance,
      illustrative: n.illustrative,
      tlp: n.tlp,
      confidence: n.confidence,
    });
  }
  for (const d of view.dependencies) {
    model.edges.set(d.id, {
      id: d.id,
      dependent: d.dependent,
      supplier: d.supplier,
      channel: d.channel,
      trust: d.trustCarrying,
      crossBorder: d.crossBorder,
      illustrative: d.illustrative,
      tlp: d.tlp,
      confidence: d.confidence,
    });
  }
  const positions = new Map<string, Point>();
  for (const p of view.layout.positions) positions.set(p.id, { x: p.x, y: p.y });
  return {
    model,
    layout: { status: view.layout.status, snapshotVersion: view.layout.snapshotVersion ?? null, computeMs: view.layout.computeMs ?? null, positions },
  };
}

export async function loadGraph(api: Operations = operations): Promise<LoadedGraph> {
  return graphFromView((await api.graphView()).graphView);
}
