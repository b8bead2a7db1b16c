/**
 * A clearance's view of a snapshot: the model without the nodes and
 * dependencies its TLP markings hide from that clearance (src/auth/clearance.ts),
 * so that every analysis runs on what the caller may see and its answers
 * cannot reveal a hidden element through a total or a path.
 *
 * A dependency is hidden when it or either end is; ownership and parent links
 * to a hidden provider are dropped (the owned node stays, unowned). A view is
 * built once per base snapshot and hidden set, and shared by every caller that
 * hides the same elements (most callers hide nothing and get the base itself);
 * it dies with its base snapshot.
 */
import { createHash } from 'node:crypto';
import { canSee, clearanceKey, markingOf } from '../auth/clearance';
import type { Clearance } from '../auth/clearance';
import { buildSnapshot } from './snapshot';
import type { Collected, Snapshot } from './snapshot';

interface ViewCache {
  byClearance: Map<string, Snapshot>;
  byHidden: Map<string, Snapshot>;
}

const caches = new WeakMap<Snapshot, ViewCache>();
/** Distinct clearances remembered per snapshot (views themselves are deduplicated by what they hide). */
const MAX_CLEARANCES = 1000;

export function visibleView(base: Snapshot, clearance: Clearance): Snapshot {
  let cache = caches.get(base);
  if (!cache) caches.set(base, (cache = { byClearance: new Map(), byHidden: new Map() }));
  const ckey = clearanceKey(clearance);
  const known = cache.byClearance.get(ckey);
  if (known) return known;

  const rows = base.rows;
  const hiddenNodes = new Set<string>();
  for (const n of rows.nodes) if (!canSee(clearance, markingOf(n.props))) hiddenNodes.add(n.id);
  const hiddenEdges: string[] = [];
  const edges = rows.edges.filter((e) => {
    const visible = !hiddenNodes.has(e.from) && !hiddenNodes.has(e.to) && canSee(clearance, markingOf(e.props));
    if (!visible) hiddenEdges.push(e.id);
    return visible;
  });

  let view = base;
  if (hiddenNodes.size > 0 || hiddenEdges.length > 0) {
    const hkey = createHash('sha256').update([...hiddenNodes].sort().join('\n')).update('\u0000').update(hiddenEdges.sort().join('\n')).digest('base64url');
    view = cache.byHidden.get(hkey) ?? buildView(base, rows, hiddenNodes, edges, hkey, hiddenEdges.length);
    cache.byHidden.set(hkey, view);
  }
  if (cache.byClearance.size >= MAX_CLEARANCES) cache.byClearance.delete(cache.byClearance.keys().next().value!);
  cache.byClearance.set(ckey, view);
  return view;
}

function buildView(base: Snapshot, rows: Collected, hidden: ReadonlySet<string>, edges: Collected['edges'], viewKey: string, hiddenEdges: number): Snapshot {
  const started = performance.now();
  const parent = new Map([...rows.parent].filter(([from, to]) => !hidden.has(from) && !hidden.has(to)));
  const subset: Collected = {
    version: base.version,
    nodes: rows.nodes.filter((n) => !hidden.has(n.id)),
    edges,
    owned: rows.owned.filter(([p, x]) => !hidden.has(p) && !hidden.has(x)),
    parent,
  };
  return buildSnapshot(subset, started, { hidden: { nodes: hidden.size, dependencies: hiddenEdges }, viewKey });
}
