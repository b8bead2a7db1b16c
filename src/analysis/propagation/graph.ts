/**
 * Propagation graph: builder, inverse, what-if overlays and origin expansion
 * ==========================================================================
 * Compiles a `GraphInput` (nodes, DEPENDS_ON edges, provider ownership) into the
 * immutable compact `PropagationGraph` every propagation algorithm runs on: typed
 * arrays, CSR adjacency by supplier and by dependent (two stable counting sorts),
 * redundancy groups keyed by (dependent, redundancyGroup) and each node's total
 * dependency strength.
 * Complexity: O(n + m + o) time and memory for n nodes, m edges and o owned pairs
 * (plus sorting each provider's owned list).
 *
 * Semantics (graph-schema/README.md): an edge runs from dependent to supplier and
 * failure travels against it. Self-loops are dropped silently before groups are
 * formed (the model rejects them at input; the engine ignores them), so a group's
 * size counts its other edges only. Everything else that is malformed is reported,
 * all problems at once, in a `PropagationInputError`.
 */
import { PropagationInputError, throwIfProblems } from './errors';
import { checkGraph, showValue } from './validate';
import { KIND_CODES, type EdgeInput, type GraphInput, type NodeInput, type Overlay, type PropagationGraph } from './types';

const DEFAULT_THRESHOLD = 0.5;
const DEFAULT_IMPORTANCE = 1;
const KIND_PROVIDER = KIND_CODES.indexOf('Provider');
const KIND_FACILITY = KIND_CODES.indexOf('Facility');
const KIND_SERVICE = KIND_CODES.indexOf('Service');
const KIND_FUNCTION = KIND_CODES.indexOf('CriticalFunction');

/** Compiles and validates `input`; throws `PropagationInputError` naming every problem. */
export function buildPropagationGraph(input: GraphInput): PropagationGraph {
  const problems: string[] = [];
  const graph = compile(input, problems);
  throwIfProblems(problems);
  return graph!;
}

/** The `GraphInput` that rebuilds `g` (self-loops, dropped at build, are not restored). */
export function graphToInput(g: PropagationGraph): GraphInput {
  const nodes: NodeInput[] = [];
  for (let v = 0; v < g.n; v++) {
    const kind = KIND_CODES[g.kind[v]!]!;
    nodes.push({
      id: g.ids[v]!,
      kind,
      threshold: g.threshold[v]!,
      importance: kind === 'CriticalFunction' ? g.importance[v]! : null,
    });
  }
  const edges: EdgeInput[] = [];
  for (let e = 0; e < g.m; e++) {
    const group = g.edgeGroup[e]!;
    const recovery = g.recovery[e]!;
    edges.push({
      id: g.edgeIds[e]!,
      dependent: g.ids[g.edgeDependent[e]!]!,
      supplier: g.ids[g.edgeSupplier[e]!]!,
      strength: g.strength[e]!,
      propagation: g.propagation[e]!,
      delayHours: g.delay[e]!,
      recoveryHours: Number.isNaN(recovery) ? null : recovery,
      integrity: g.integrity[e] === 1,
      availability: g.availability[e] === 1,
      graceHours: g.grace[e]!,
      capacity: Number.isNaN(g.capacity[e]!) ? null : g.capacity[e]!,
      illustrative: g.illustrative[e] === 1,
      redundancyGroup: group < 0 ? null : g.groupNames[group]!,
      minAlive: group < 0 ? 1 : g.groupMinAlive[group]!,
    });
  }
  const owned: (readonly [string, string])[] = [];
  for (let p = 0; p < g.n; p++) {
    for (let k = g.ownedOffsets[p]!; k < g.ownedOffsets[p + 1]!; k++) owned.push([g.ids[p]!, g.ids[g.ownedNodes[k]!]!]);
  }
  return { nodes, edges, owned };
}

/**
 * A new graph: `g` with the overlay's edges removed, regrouped, added, and (with
 * `excludeIllustrative`) every illustrative edge of `g` dropped; added edges are
 * never dropped (a what-if's edges carry their own provenance). `g`
 * is left untouched. Unknown edge ids in `removeEdges` / `regroupEdges` are errors,
 * and the result is validated like any input (e.g. a regrouping that mixes minAlive
 * values within a group, or an added edge whose id is taken).
 */
export function applyOverlay(g: PropagationGraph, overlay: Overlay): PropagationGraph {
  const problems: string[] = [];
  if (!checkGraph(g, problems)) throwIfProblems(problems);
  if (overlay === null || typeof overlay !== 'object') {
    throw new PropagationInputError(['overlay: must be an object']);
  }
  const removed = new Set<string>();
  if (overlay.removeEdges !== undefined) {
    if (!Array.isArray(overlay.removeEdges)) problems.push('overlay.removeEdges: must be an array of edge ids');
    else
      overlay.removeEdges.forEach((id, i) => {
        if (typeof id !== 'string' || !g.edgeIndex.has(id)) problems.push(`overlay.removeEdges[${i}]: unknown edge id ${showValue(id)}`);
        else removed.add(id);
      });
  }
  const regroup = new Map<string, { redundancyGroup: string | null; minAlive: number }>();
  if (overlay.regroupEdges !== undefined) {
    if (!Array.isArray(overlay.regroupEdges)) problems.push('overlay.regroupEdges: must be an array');
    else
      (overlay.regroupEdges as NonNullable<Overlay['regroupEdges']>).forEach((r, i) => {
        const id: unknown = r !== null && typeof r === 'object' ? r.id : undefined;
        if (typeof id !== 'string' || !g.edgeIndex.has(id)) problems.push(`overlay.regroupEdges[${i}]: unknown edge id ${showValue(id)}`);
        else if (regroup.has(id)) problems.push(`overlay.regroupEdges[${i}]: edge "${id}" is regrouped twice`);
        else regroup.set(id, { redundancyGroup: r.redundancyGroup, minAlive: r.minAlive });
      });
  }
  let added: readonly EdgeInput[] = [];
  if (overlay.addEdges !== undefined) {
    if (!Array.isArray(overlay.addEdges)) problems.push('overlay.addEdges: must be an array of edges');
    else added = overlay.addEdges;
  }
  const exclude = overlay.excludeIllustrative ?? false;
  if (typeof exclude !== 'boolean') problems.push(`overlay.excludeIllustrative: must be a boolean, got ${showValue(exclude)}`);

  const base = graphToInput(g);
  const edges: EdgeInput[] = [];
  for (const e of base.edges) {
    if (removed.has(e.id)) continue;
    const r = regroup.get(e.id);
    edges.push(r === undefined ? e : { ...e, redundancyGroup: r.redundancyGroup, minAlive: r.minAlive });
  }
  const kept = exclude === true ? edges.filter((e) => e.illustrative !== true) : edges;
  kept.push(...added); // added edges carry their own provenance: excludeIllustrative never drops them
  const graph = compile({ nodes: base.nodes, edges: kept, owned: base.owned }, problems);
  throwIfProblems(problems);
  return graph!;
}

/**
 * Node indices of the scenario origins `originIds`: a Provider origin also brings
 * every facility and service it owns unless `providerOnly`. Deduplicated, ascending.
 */
export function expandOrigins(g: PropagationGraph, originIds: readonly string[], providerOnly: boolean): number[] {
  const problems: string[] = [];
  checkGraph(g, problems);
  if (!Array.isArray(originIds)) problems.push('originIds: must be an array of node ids');
  if (typeof providerOnly !== 'boolean') problems.push(`providerOnly: must be a boolean, got ${showValue(providerOnly)}`);
  throwIfProblems(problems);
  const chosen = new Uint8Array(g.n);
  originIds.forEach((id, i) => {
    const v = typeof id === 'string' ? g.index.get(id) : undefined;
    if (v === undefined) {
      problems.push(`originIds[${i}]: unknown node id ${showValue(id)}`);
      return;
    }
    chosen[v] = 1;
    if (!providerOnly && g.kind[v] === KIND_PROVIDER) {
      for (let k = g.ownedOffsets[v]!; k < g.ownedOffsets[v + 1]!; k++) chosen[g.ownedNodes[k]!] = 1;
    }
  });
  throwIfProblems(problems);
  const out: number[] = [];
  for (let v = 0; v < g.n; v++) if (chosen[v] === 1) out.push(v);
  return out;
}

/* ------------------------------------------------------------------ internals */

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

function inUnit(x: unknown): x is number {
  return typeof x === 'number' && x >= 0 && x <= 1;
}

function nonNegative(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}

/** Edges grouped by `key[e]` in 0..n-1, stable (ascending edge index within a list). */
function countingSort(key: Int32Array, n: number): { offsets: Int32Array; items: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < key.length; e++) offsets[key[e]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const cursor = offsets.slice(0, n);
  const items = new Int32Array(key.length);
  for (let e = 0; e < key.length; e++) items[cursor[key[e]!]!++] = e;
  return { offsets, items };
}

interface GroupDraft {
  name: string;
  dependent: number;
  minAlive: number;
  mixed: Set<number> | null;
  size: number;
  strength: number;
  capacity: number;
  withCapacity: number;
}

/** Validates `input` into `problems`; returns the graph when there were none. */
function compile(input: GraphInput, problems: string[]): PropagationGraph | null {
  if (!isObject(input)) {
    problems.push('input: must be an object with nodes, edges and owned');
    return null;
  }
  const { nodes, edges, owned } = input as Partial<GraphInput>;
  if (!Array.isArray(nodes)) problems.push('input.nodes: must be an array');
  if (!Array.isArray(edges)) problems.push('input.edges: must be an array');
  if (!Array.isArray(owned)) problems.push('input.owned: must be an array of [provider id, node id] pairs');
  if (!Array.isArray(nodes) || !Array.isArray(edges) || !Array.isArray(owned)) return null;
  const start = problems.length;

  /* nodes */
  const n = nodes.length;
  const ids: string[] = [];
  const index = new Map<string, number>();
  const kind = new Uint8Array(n);
  const threshold = new Float64Array(n);
  const importance = new Float64Array(n);
  nodes.forEach((node: unknown, v) => {
    if (!isObject(node)) {
      problems.push(`nodes[${v}]: must be an object`);
      ids.push('');
      return;
    }
    const id = node.id;
    const where = typeof id === 'string' ? `node "${id}"` : `nodes[${v}]`;
    if (typeof id !== 'string' || id === '') problems.push(`nodes[${v}]: id must be a non-empty string, got ${showValue(id)}`);
    else if (index.has(id)) problems.push(`${where}: duplicate node id (nodes[${index.get(id)}] and nodes[${v}])`);
    else index.set(id, v);
    ids.push(typeof id === 'string' ? id : '');
    const k = KIND_CODES.indexOf(node.kind as (typeof KIND_CODES)[number]);
    if (k < 0) problems.push(`${where}: unknown kind ${showValue(node.kind)}`);
    else kind[v] = k;
    const t = node.threshold ?? DEFAULT_THRESHOLD;
    if (!inUnit(t)) problems.push(`${where}: threshold must be in 0..1, got ${showValue(node.threshold)}`);
    else threshold[v] = t;
    if (k === KIND_FUNCTION) {
      const w = node.importance ?? DEFAULT_IMPORTANCE;
      // 0 is analysable (a function that weighs nothing in totals); the model's validation asks for > 0.
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
        problems.push(`${where}: importance must be a finite number >= 0, got ${showValue(node.importance)}`);
      } else importance[v] = w;
    }
  });

  /* edges */
  const edgeSeen = new Map<string, number>();
  const keptInputs: EdgeInput[] = [];
  const keptDependent: number[] = [];
  const keptSupplier: number[] = [];
  const incomplete = new Set<string>(); // groups that lost a member to an unknown supplier: size unknown
  edges.forEach((edge: unknown, j) => {
    if (!isObject(edge)) {
      problems.push(`edges[${j}]: must be an object`);
      return;
    }
    const id = edge.id;
    const where = typeof id === 'string' ? `edge "${id}"` : `edges[${j}]`;
    if (typeof id !== 'string' || id === '') problems.push(`edges[${j}]: id must be a non-empty string, got ${showValue(id)}`);
    else if (edgeSeen.has(id)) problems.push(`${where}: duplicate edge id (edges[${edgeSeen.get(id)}] and edges[${j}])`);
    else edgeSeen.set(id, j);
    const d = typeof edge.dependent === 'string' ? index.get(edge.dependent) : undefined;
    const s = typeof edge.supplier === 'string' ? index.get(edge.supplier) : undefined;
    if (d === undefined) problems.push(`${where}: unknown dependent node id ${showValue(edge.dependent)}`);
    if (s === undefined) problems.push(`${where}: unknown supplier node id ${showValue(edge.supplier)}`);
    if (!inUnit(edge.strength)) problems.push(`${where}: strength must be in 0..1, got ${showValue(edge.strength)}`);
    if (!inUnit(edge.propagation)) problems.push(`${where}: propagation must be in 0..1, got ${showValue(edge.propagation)}`);
    if (!nonNegative(edge.delayHours)) problems.push(`${where}: delayHours must be a finite number >= 0, got ${showValue(edge.delayHours)}`);
    if (edge.recoveryHours !== null && !nonNegative(edge.recoveryHours)) {
      problems.push(`${where}: recoveryHours must be null or a finite number >= 0, got ${showValue(edge.recoveryHours)}`);
    }
    if (typeof edge.integrity !== 'boolean') problems.push(`${where}: integrity must be a boolean, got ${showValue(edge.integrity)}`);
    if (edge.availability !== undefined && typeof edge.availability !== 'boolean') {
      problems.push(`${where}: availability must be a boolean, got ${showValue(edge.availability)}`);
    }
    if (edge.graceHours !== undefined && !nonNegative(edge.graceHours)) {
      problems.push(`${where}: graceHours must be a finite number >= 0, got ${showValue(edge.graceHours)}`);
    }
    const cap = edge.capacity ?? null;
    if (cap !== null) {
      if (typeof cap !== 'number' || !Number.isFinite(cap) || cap <= 0 || cap > 1) problems.push(`${where}: capacity must be null or in (0, 1], got ${showValue(cap)}`);
      else if (edge.redundancyGroup === null) problems.push(`${where}: capacity is only meaningful in a redundancy group`);
    }
    if (typeof edge.illustrative !== 'boolean') problems.push(`${where}: illustrative must be a boolean, got ${showValue(edge.illustrative)}`);
    const group = edge.redundancyGroup;
    if (group !== null && (typeof group !== 'string' || group === '')) {
      problems.push(`${where}: redundancyGroup must be null or a non-empty string, got ${showValue(group)}`);
    }
    if (!Number.isInteger(edge.minAlive)) problems.push(`${where}: minAlive must be an integer, got ${showValue(edge.minAlive)}`);
    else if (group === null && edge.minAlive !== 1) {
      problems.push(`${where}: minAlive must be 1 outside a redundancy group, got ${showValue(edge.minAlive)}`);
    }
    if (d !== undefined && s === undefined && typeof group === 'string') incomplete.add(groupKey(d, group));
    if (d === undefined || s === undefined || d === s) return; // self-loops are dropped
    keptInputs.push(edge as unknown as EdgeInput);
    keptDependent.push(d);
    keptSupplier.push(s);
  });

  /* owned */
  const ownedPairs: [number, number][] = [];
  owned.forEach((pair: unknown, j) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      problems.push(`owned[${j}]: must be a [provider id, node id] pair`);
      return;
    }
    const [pid, xid] = pair as unknown[];
    const p = typeof pid === 'string' ? index.get(pid) : undefined;
    const x = typeof xid === 'string' ? index.get(xid) : undefined;
    if (p === undefined) problems.push(`owned[${j}]: unknown provider node id ${showValue(pid)}`);
    else if (kind[p] !== KIND_PROVIDER) problems.push(`owned[${j}]: owner ${showValue(pid)} is not a Provider`);
    if (x === undefined) problems.push(`owned[${j}]: unknown owned node id ${showValue(xid)}`);
    else if (kind[x] !== KIND_FACILITY && kind[x] !== KIND_SERVICE) problems.push(`owned[${j}]: owned node ${showValue(xid)} is not a Facility or Service`);
    if (p !== undefined && x !== undefined) ownedPairs.push([p, x]);
  });
  if (problems.length > start) {
    checkGroups(keptInputs, keptDependent, ids, problems, incomplete);
    return null;
  }

  /* groups (over the kept edges) */
  const m = keptInputs.length;
  const { drafts, edgeGroup } = checkGroups(keptInputs, keptDependent, ids, problems);
  if (problems.length > start) return null;
  const groupCount = drafts.length;

  const edgeIds: string[] = [];
  const edgeIndex = new Map<string, number>();
  const edgeDependent = Int32Array.from(keptDependent);
  const edgeSupplier = Int32Array.from(keptSupplier);
  const strength = new Float64Array(m);
  const propagation = new Float64Array(m);
  const delay = new Float64Array(m);
  const recovery = new Float64Array(m);
  const integrity = new Uint8Array(m);
  const availability = new Uint8Array(m);
  const grace = new Float64Array(m);
  const capacity = new Float64Array(m);
  const illustrative = new Uint8Array(m);
  const totalStrength = new Float64Array(n);
  for (let e = 0; e < m; e++) {
    const edge = keptInputs[e]!;
    edgeIds.push(edge.id);
    edgeIndex.set(edge.id, e);
    strength[e] = edge.strength;
    propagation[e] = edge.propagation;
    delay[e] = edge.delayHours;
    recovery[e] = edge.recoveryHours ?? NaN;
    integrity[e] = edge.integrity ? 1 : 0;
    availability[e] = edge.availability === false ? 0 : 1;
    grace[e] = edge.graceHours ?? 0;
    capacity[e] = edge.capacity ?? NaN;
    illustrative[e] = edge.illustrative ? 1 : 0;
    totalStrength[keptDependent[e]!]! += edge.strength;
  }
  const bySupplier = countingSort(edgeSupplier, n);
  const byDependent = countingSort(edgeDependent, n);

  const ownerKey = Int32Array.from(ownedPairs, ([p]) => p);
  const byOwner = countingSort(ownerKey, n);
  const ownedOffsets = new Int32Array(n + 1);
  const ownedList: number[] = [];
  for (let p = 0; p < n; p++) {
    const items = new Set<number>();
    for (let k = byOwner.offsets[p]!; k < byOwner.offsets[p + 1]!; k++) items.add(ownedPairs[byOwner.items[k]!]![1]);
    ownedList.push(...[...items].sort((a, b) => a - b));
    ownedOffsets[p + 1] = ownedList.length;
  }

  return {
    n,
    ids,
    index,
    kind,
    threshold,
    importance,
    m,
    edgeIds,
    edgeIndex,
    edgeDependent,
    edgeSupplier,
    strength,
    propagation,
    delay,
    recovery,
    integrity,
    availability,
    grace,
    capacity,
    illustrative,
    edgeGroup,
    groupCount,
    groupNames: drafts.map((d) => d.name),
    groupDependent: Int32Array.from(drafts, (d) => d.dependent),
    groupMinAlive: Int32Array.from(drafts, (d) => d.minAlive),
    groupSize: Int32Array.from(drafts, (d) => d.size),
    groupStrength: Float64Array.from(drafts, (d) => d.strength),
    groupCapacity: Float64Array.from(drafts, (d) => d.capacity),
    bySupplierOffsets: bySupplier.offsets,
    bySupplierEdges: bySupplier.items,
    byDependentOffsets: byDependent.offsets,
    byDependentEdges: byDependent.items,
    totalStrength,
    ownedOffsets,
    ownedNodes: Int32Array.from(ownedList),
  };
}

function groupKey(dependent: number, name: string): string {
  return `${dependent}\u0000${name}`;
}

/** Groups of the kept edges in order of first appearance, reporting mixed or out-of-range minAlive. */
function checkGroups(
  edges: readonly EdgeInput[],
  dependents: readonly number[],
  ids: readonly string[],
  problems: string[],
  incomplete: ReadonlySet<string> = new Set(),
): { drafts: GroupDraft[]; edgeGroup: Int32Array } {
  const byKey = new Map<string, number>();
  const drafts: GroupDraft[] = [];
  const edgeGroup = new Int32Array(edges.length).fill(-1);
  edges.forEach((edge, e) => {
    const name = edge.redundancyGroup;
    if (typeof name !== 'string' || name === '') return;
    const dependent = dependents[e]!;
    const key = groupKey(dependent, name);
    let group = byKey.get(key);
    if (group === undefined) {
      group = drafts.length;
      byKey.set(key, group);
      drafts.push({ name, dependent, minAlive: edge.minAlive, mixed: null, size: 0, strength: 0, capacity: 0, withCapacity: 0 });
    }
    edgeGroup[e] = group;
    const draft = drafts[group]!;
    if (edge.minAlive !== draft.minAlive) {
      draft.mixed ??= new Set([draft.minAlive]);
      draft.mixed.add(edge.minAlive);
    }
    draft.size++;
    draft.strength += typeof edge.strength === 'number' ? edge.strength : 0;
    if (typeof edge.capacity === 'number') {
      draft.capacity += edge.capacity;
      draft.withCapacity++;
    }
  });
  for (const d of drafts) {
    const where = `group "${d.name}" of node "${ids[d.dependent]}"`;
    if (d.mixed !== null) problems.push(`${where}: mixed minAlive values ${[...d.mixed].map(showValue).join(', ')}`);
    else if (d.withCapacity > 0 && d.withCapacity < d.size) {
      problems.push(`${where}: ${d.withCapacity} of its ${d.size} members carry a capacity share; either all do or none`);
    }
    else if (Number.isInteger(d.minAlive) && !incomplete.has(groupKey(d.dependent, d.name)) && (d.minAlive < 1 || d.minAlive > d.size)) {
      problems.push(`${where}: minAlive ${d.minAlive} outside 1..${d.size} (the group's size)`);
    }
  }
  return { drafts, edgeGroup };
}
