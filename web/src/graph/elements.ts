/**
 * The pure mapping from the web model and the view state to Cytoscape
 * element definitions. The adapter diffs these against the instance by id.
 */
import type { ElementDefinition } from 'cytoscape';
import type { GraphModel } from '../model/graph-model';
import type { CascadeMark } from '../model/playback';
import type { VisibleSet } from '../model/filters';

export type ViewMode = 'graph' | 'country';

export interface ElementsInput {
  model: GraphModel;
  visible: VisibleSet;
  view: ViewMode;
  /** Raw metric values by node id for sizing; null: every node the same size. */
  metric: ReadonlyMap<string, number> | null;
  /** Affected nodes at the playback position; null when no result is shown. */
  cascade: ReadonlyMap<string, CascadeMark> | null;
  /** An explanation path to draw over everything. */
  path: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | null;
}

export const MIN_SIZE = 14;
export const MAX_SIZE = 58;

/** Node diameter for a metric value: area grows with the value (sqrt scale), MIN_SIZE at 0, MAX_SIZE at the maximum. */
export function sizeFor(value: number | undefined, max: number): number {
  if (value === undefined || !(max > 0) || !(value > 0)) return MIN_SIZE;
  return Math.round((MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(Math.min(1, value / max))) * 10) / 10;
}

/** Longest node label, in characters; longer names end in an ellipsis (the details panel has them whole). */
export const MAX_LABEL = 26;

/**
 * A node's label: its name cut to MAX_LABEL characters. Cut here rather than
 * by Cytoscape's `text-wrap: ellipsis`, which measures a label character by
 * character and took a quarter of a second on the seed graph's first draw.
 */
export function labelFor(name: string): string {
  return name.length <= MAX_LABEL ? name : `${name.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}

export function toElements({ model, visible, view, metric, cascade, path }: ElementsInput): ElementDefinition[] {
  let max = 0;
  if (metric) for (const id of visible.nodes) max = Math.max(max, metric.get(id) ?? 0);
  const out: ElementDefinition[] = [];

  if (view === 'country') {
    const used = new Set<string>();
    for (const id of visible.nodes) {
      const country = model.nodes.get(id)?.country;
      if (country && model.countries.has(country)) used.add(country);
    }
    for (const id of [...used].sort()) {
      const c = model.countries.get(id)!;
      out.push({ group: 'nodes', data: { id: c.id, label: c.name, kind: 'Country', nato: c.natoMember ? 1 : 0 } });
    }
  }

  for (const id of visible.nodes) {
    const n = model.nodes.get(id)!;
    const mark = cascade?.get(id);
    const data: Record<string, unknown> = {
      id,
      label: labelFor(n.name),
      kind: n.kind,
      illustrative: n.illustrative ? 1 : 0,
      size: sizeFor(metric?.get(id), max),
      cascade: cascade ? (mark?.state ?? 'none') : '',
      probability: mark?.probability ?? 0,
      path: path?.nodes.has(id) ? 1 : 0,
    };
    if (view === 'country' && n.country && model.countries.has(n.country)) data.parent = n.country;
    out.push({ group: 'nodes', data });
  }

  for (const id of visible.edges) {
    const e = model.edges.get(id)!;
    const affected = cascade ? cascade.has(e.dependent) && cascade.has(e.supplier) : false;
    out.push({
      group: 'edges',
      data: {
        id,
        source: e.dependent,
        target: e.supplier,
        crossBorder: e.crossBorder ? 1 : 0,
        trust: e.trust ? 1 : 0,
        illustrative: e.illustrative ? 1 : 0,
        cascade: cascade ? (affected ? 'hit' : 'none') : '',
        path: path?.edges.has(id) ? 1 : 0,
      },
    });
  }
  return out;
}
