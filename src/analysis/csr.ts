/**
 * Compact directed graph (CSR, "compressed sparse row") for the analysis algorithms.
 *
 * Nodes are the integers 0..n-1 (`ids[i]` is the external id of node i). Arcs are stored
 * twice, once grouped by source (out-lists) and once grouped by target (in-lists):
 *
 *   out-neighbours of v = outTargets[outOffsets[v] .. outOffsets[v+1])
 *   in-neighbours of v  = inSources[inOffsets[v] .. inOffsets[v+1])
 *
 * Graphs built by `buildCsr` have every neighbour list sorted ascending and, with
 * `dedupe` (the default), no parallel arcs. An undirected graph is represented by both
 * arcs u→v and v→u (a self-loop by a single arc v→v). Optional edge weights
 * (`outWeights` / `inWeights`) are aligned with `outTargets` / `inSources`.
 *
 * Building costs O(n + m) time and memory (two stable counting sorts, no comparison sort).
 */
import type { AbstractGraph, Attributes } from 'graphology-types';
import { AnalysisInputError } from './errors';

export interface Csr {
  n: number;
  ids: string[];
  outOffsets: Int32Array;
  outTargets: Int32Array;
  inOffsets: Int32Array;
  inSources: Int32Array;
  /** Weight of arc `outTargets[k]`, present only for weighted graphs. */
  outWeights?: Float64Array;
  /** Weight of arc `inSources[k]`, present iff `outWeights` is. */
  inWeights?: Float64Array;
}

/** How the weights of parallel arcs are combined when `dedupe` collapses them. */
export type WeightMerge = 'last' | 'first' | 'sum' | 'min' | 'max';

export interface BuildCsrOptions {
  /** Collapse parallel arcs u→v into one (default true). */
  dedupe?: boolean;
  /** Drop arcs v→v (default false: self-loops are kept, as NetworkX keeps them). */
  dropSelfLoops?: boolean;
  /**
   * Weight of a collapsed arc (default `'last'`: the last one given wins, which is what
   * NetworkX's `Graph.add_edge` does when the same edge is added twice).
   */
  mergeWeights?: WeightMerge;
}

/** An arc `[source, target]` or a weighted arc `[source, target, weight]` (node indices). */
export type EdgeInput = readonly [number, number] | readonly [number, number, number];

const MAX_NODES = 0x7fffffff;

class GrowableInt32 {
  data = new Int32Array(16);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
}

class GrowableFloat64 {
  data = new Float64Array(16);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
}

function validateIds(ids: unknown, argument: string): asserts ids is readonly string[] {
  if (!Array.isArray(ids)) throw new AnalysisInputError(argument, 'must be an array of strings');
  if (ids.length > MAX_NODES) throw new AnalysisInputError(argument, `at most ${MAX_NODES} nodes`);
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    if (typeof id !== 'string') throw new AnalysisInputError(`${argument}[${i}]`, 'must be a string');
    if (seen.has(id)) throw new AnalysisInputError(`${argument}[${i}]`, `duplicate id ${JSON.stringify(id)}`);
    seen.add(id);
  }
}

function checkBoolean(value: unknown, argument: string): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new AnalysisInputError(argument, 'must be a boolean');
  }
}

const WEIGHT_MERGES: readonly WeightMerge[] = ['last', 'first', 'sum', 'min', 'max'];

function validateBuildOptions(options: unknown, argument: string): Required<BuildCsrOptions> {
  if (options === undefined) return { dedupe: true, dropSelfLoops: false, mergeWeights: 'last' };
  if (options === null || typeof options !== 'object') throw new AnalysisInputError(argument, 'must be an object');
  const o = options as BuildCsrOptions;
  checkBoolean(o.dedupe, `${argument}.dedupe`);
  checkBoolean(o.dropSelfLoops, `${argument}.dropSelfLoops`);
  if (o.mergeWeights !== undefined && !WEIGHT_MERGES.includes(o.mergeWeights)) {
    throw new AnalysisInputError(`${argument}.mergeWeights`, `must be one of ${WEIGHT_MERGES.join(', ')}`);
  }
  return {
    dedupe: o.dedupe ?? true,
    dropSelfLoops: o.dropSelfLoops ?? false,
    mergeWeights: o.mergeWeights ?? 'last',
  };
}

/** Stable counting sort of `order` by `key[order[i]]` (keys in 0..n-1). */
function countingSort(order: Int32Array, key: Int32Array, n: number): Int32Array {
  const count = new Int32Array(n + 1);
  for (let i = 0; i < order.length; i++) count[key[order[i]!]! + 1]!++;
  for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const e = order[i]!;
    out[count[key[e]!]!++] = e;
  }
  return out;
}

/**
 * Build a Csr from node ids and arcs given as node indices. Arcs may carry a weight as a
 * third element; then every arc must (the graph is weighted iff the first arc is).
 * Throws `AnalysisInputError` on duplicate ids, out-of-range or non-integer endpoints,
 * non-finite weights or mixed weighted/unweighted arcs.
 */
export function buildCsr(
  ids: readonly string[],
  edges: Iterable<EdgeInput>,
  options?: BuildCsrOptions,
): Csr {
  validateIds(ids, 'ids');
  const edgesArg: unknown = edges;
  if (edgesArg === null || typeof edgesArg !== 'object' || !(Symbol.iterator in edgesArg)) {
    throw new AnalysisInputError('edges', 'must be an iterable of [source, target] or [source, target, weight]');
  }
  const { dedupe, dropSelfLoops, mergeWeights } = validateBuildOptions(options, 'options');
  const n = ids.length;

  const src = new GrowableInt32();
  const dst = new GrowableInt32();
  const wts = new GrowableFloat64();
  let weighted: boolean | undefined;
  let index = 0;
  for (const edge of edges) {
    const where = `edges[${index}]`;
    if (!Array.isArray(edge) || (edge.length !== 2 && edge.length !== 3)) {
      throw new AnalysisInputError(where, 'must be [source, target] or [source, target, weight]');
    }
    const hasWeight = edge.length === 3;
    if (weighted === undefined) weighted = hasWeight;
    else if (weighted !== hasWeight) {
      throw new AnalysisInputError(where, 'either every edge carries a weight or none does');
    }
    const s: unknown = edge[0];
    const t: unknown = edge[1];
    for (const [name, v] of [['source', s], ['target', t]] as const) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
        throw new AnalysisInputError(where, `${name} must be an integer node index in [0, ${n})`);
      }
    }
    let w = 1;
    if (hasWeight) {
      const raw: unknown = edge[2];
      if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        throw new AnalysisInputError(where, 'weight must be a finite number');
      }
      w = raw;
    }
    index++;
    if (dropSelfLoops && s === t) continue;
    src.push(s as number);
    dst.push(t as number);
    if (hasWeight) wts.push(w);
  }
  const isWeighted = weighted === true;
  const m0 = src.length;
  const s0 = src.data.subarray(0, m0);
  const t0 = dst.data.subarray(0, m0);
  const w0 = wts.data.subarray(0, isWeighted ? m0 : 0);

  // Sort arcs by (source, target), keeping input order among parallel arcs.
  const identity = new Int32Array(m0);
  for (let i = 0; i < m0; i++) identity[i] = i;
  const order = countingSort(countingSort(identity, t0, n), s0, n);

  const outOffsets = new Int32Array(n + 1);
  const outTargets = new Int32Array(m0);
  const outWeights = isWeighted ? new Float64Array(m0) : undefined;
  let m = 0;
  for (let i = 0; i < m0; i++) {
    const e = order[i]!;
    const s = s0[e]!;
    const t = t0[e]!;
    const duplicate = dedupe && m > 0 && outTargets[m - 1] === t && i > 0 && s0[order[i - 1]!] === s;
    if (duplicate) {
      if (outWeights) {
        const prev = outWeights[m - 1]!;
        const w = w0[e]!;
        outWeights[m - 1] =
          mergeWeights === 'last' ? w
          : mergeWeights === 'first' ? prev
          : mergeWeights === 'sum' ? prev + w
          : mergeWeights === 'min' ? Math.min(prev, w)
          : Math.max(prev, w);
      }
      continue;
    }
    outTargets[m] = t;
    if (outWeights) outWeights[m] = w0[e]!;
    outOffsets[s + 1]!++;
    m++;
  }
  for (let v = 0; v < n; v++) outOffsets[v + 1]! += outOffsets[v]!;

  const finalTargets = m === m0 ? outTargets : outTargets.slice(0, m);
  const finalOutWeights = outWeights && m !== m0 ? outWeights.slice(0, m) : outWeights;
  const csr: Csr = {
    n,
    ids: [...ids],
    outOffsets,
    outTargets: finalTargets,
    ...transpose(n, outOffsets, finalTargets, finalOutWeights),
  };
  if (finalOutWeights) csr.outWeights = finalOutWeights;
  return csr;
}

/** In-lists from out-lists; iterating sources in order leaves every in-list sorted. */
function transpose(
  n: number,
  outOffsets: Int32Array,
  outTargets: Int32Array,
  outWeights: Float64Array | undefined,
): { inOffsets: Int32Array; inSources: Int32Array; inWeights?: Float64Array } {
  const m = outTargets.length;
  const inOffsets = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) inOffsets[outTargets[k]! + 1]!++;
  for (let v = 0; v < n; v++) inOffsets[v + 1]! += inOffsets[v]!;
  const cursor = inOffsets.slice(0, n);
  const inSources = new Int32Array(m);
  const inWeights = outWeights ? new Float64Array(m) : undefined;
  for (let s = 0; s < n; s++) {
    for (let k = outOffsets[s]!; k < outOffsets[s + 1]!; k++) {
      const pos = cursor[outTargets[k]!]!++;
      inSources[pos] = s;
      if (inWeights) inWeights[pos] = outWeights![k]!;
    }
  }
  return inWeights ? { inOffsets, inSources, inWeights } : { inOffsets, inSources };
}

function checkOffsets(offsets: unknown, n: number, m: number, argument: string): void {
  if (!(offsets instanceof Int32Array)) throw new AnalysisInputError(argument, 'must be an Int32Array');
  if (offsets.length !== n + 1) throw new AnalysisInputError(argument, `must have length n + 1 = ${n + 1}`);
  if (offsets[0] !== 0) throw new AnalysisInputError(argument, 'must start at 0');
  for (let v = 0; v < n; v++) {
    if (offsets[v + 1]! < offsets[v]!) throw new AnalysisInputError(argument, `decreases at index ${v + 1}`);
  }
  if (offsets[n] !== m) throw new AnalysisInputError(argument, `must end at the arc count ${m}`);
}

function checkEndpoints(list: unknown, n: number, argument: string): asserts list is Int32Array {
  if (!(list instanceof Int32Array)) throw new AnalysisInputError(argument, 'must be an Int32Array');
  for (let k = 0; k < list.length; k++) {
    const v = list[k]!;
    if (v < 0 || v >= n) throw new AnalysisInputError(`${argument}[${k}]`, `node index ${v} outside [0, ${n})`);
  }
}

/**
 * Check the structural invariants of a Csr in O(n + m): array types and lengths,
 * monotone offsets, endpoints in range, and that the in-lists have the degrees the
 * out-lists imply. Throws `AnalysisInputError` naming `argument`.
 */
export function validateCsr(csr: unknown, argument = 'csr'): asserts csr is Csr {
  if (csr === null || typeof csr !== 'object') throw new AnalysisInputError(argument, 'must be a Csr object');
  const g = csr as Partial<Csr>;
  const n = g.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_NODES) {
    throw new AnalysisInputError(`${argument}.n`, 'must be a non-negative integer');
  }
  if (!Array.isArray(g.ids) || g.ids.length !== n) {
    throw new AnalysisInputError(`${argument}.ids`, `must be an array of n = ${n} ids`);
  }
  checkEndpoints(g.outTargets, n, `${argument}.outTargets`);
  checkEndpoints(g.inSources, n, `${argument}.inSources`);
  const m = g.outTargets.length;
  if (g.inSources.length !== m) {
    throw new AnalysisInputError(`${argument}.inSources`, `must have as many arcs as outTargets (${m})`);
  }
  checkOffsets(g.outOffsets, n, m, `${argument}.outOffsets`);
  checkOffsets(g.inOffsets, n, m, `${argument}.inOffsets`);
  const inDegree = new Int32Array(n);
  for (let k = 0; k < m; k++) inDegree[g.outTargets[k]!]!++;
  const inOffsets = g.inOffsets as Int32Array;
  for (let v = 0; v < n; v++) {
    if (inOffsets[v + 1]! - inOffsets[v]! !== inDegree[v]) {
      throw new AnalysisInputError(`${argument}.inOffsets`, `in-degree of node ${v} disagrees with the out-lists`);
    }
  }
  if ((g.outWeights === undefined) !== (g.inWeights === undefined)) {
    throw new AnalysisInputError(`${argument}.inWeights`, 'outWeights and inWeights must be both present or both absent');
  }
  for (const key of ['outWeights', 'inWeights'] as const) {
    const w = g[key];
    if (w === undefined) continue;
    if (!(w instanceof Float64Array) || w.length !== m) {
      throw new AnalysisInputError(`${argument}.${key}`, `must be a Float64Array of length ${m}`);
    }
    for (let k = 0; k < m; k++) {
      if (!Number.isFinite(w[k]!)) throw new AnalysisInputError(`${argument}.${key}[${k}]`, 'must be finite');
    }
  }
}

/** Number of arcs. */
export function arcCount(csr: Csr): number {
  return csr.outTargets.length;
}

/**
 * The undirected projection: an arc u→v in either direction becomes the pair u→v, v→u;
 * reciprocal and parallel arcs collapse to one pair (like NetworkX `G.to_undirected()`).
 * Self-loops are kept as a single arc. Weights are dropped: the projection is unweighted.
 */
export function undirectedProjection(csr: Csr): Csr {
  validateCsr(csr);
  const { n, outOffsets, outTargets } = csr;
  function* arcs(): Generator<EdgeInput> {
    for (let u = 0; u < n; u++) {
      for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) {
        const v = outTargets[k]!;
        yield [u, v];
        if (u !== v) yield [v, u];
      }
    }
  }
  return buildCsr(csr.ids, arcs(), { dedupe: true, dropSelfLoops: false });
}

export interface CsrFromGraphologyOptions extends BuildCsrOptions {
  /**
   * Edge attribute to read weights from. When given, the Csr is weighted; an edge without
   * the attribute gets weight 1 (the NetworkX and graphology convention).
   */
  weightAttribute?: string;
}

/**
 * Map a graphology graph (directed, undirected or mixed; simple or multi) to a Csr.
 * Node order is `graph.nodes()`. A directed edge gives one arc; an undirected edge gives
 * both arcs (a single arc for an undirected self-loop).
 */
export function csrFromGraphology<N extends Attributes, E extends Attributes, G extends Attributes>(
  graph: AbstractGraph<N, E, G>,
  options?: CsrFromGraphologyOptions,
): Csr {
  if (
    graph === null ||
    typeof graph !== 'object' ||
    typeof (graph as { nodes?: unknown }).nodes !== 'function' ||
    typeof (graph as { forEachEdge?: unknown }).forEachEdge !== 'function'
  ) {
    throw new AnalysisInputError('graph', 'must be a graphology graph');
  }
  const weightAttribute = options?.weightAttribute;
  if (weightAttribute !== undefined && typeof weightAttribute !== 'string') {
    throw new AnalysisInputError('options.weightAttribute', 'must be a string');
  }
  const buildOptions = validateBuildOptions(
    options === undefined
      ? undefined
      : { dedupe: options.dedupe, dropSelfLoops: options.dropSelfLoops, mergeWeights: options.mergeWeights },
    'options',
  );
  const ids = graph.nodes();
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const arcs: EdgeInput[] = [];
  graph.forEachEdge((edge, attributes, source, target, _sa, _ta, undirected) => {
    const s = index.get(source)!;
    const t = index.get(target)!;
    if (weightAttribute === undefined) {
      arcs.push([s, t]);
      if (undirected && s !== t) arcs.push([t, s]);
      return;
    }
    const raw: unknown = (attributes as Attributes)[weightAttribute];
    const w = raw === undefined ? 1 : raw;
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new AnalysisInputError(`graph edge ${edge}`, `attribute ${weightAttribute} must be a finite number`);
    }
    arcs.push([s, t, w]);
    if (undirected && s !== t) arcs.push([t, s, w]);
  });
  return buildCsr(ids, arcs, buildOptions);
}

/** `values[i]` keyed by `csr.ids[i]`. */
export function toRecord(csr: Csr, values: ArrayLike<number>): Record<string, number> {
  if (values.length !== csr.n) throw new AnalysisInputError('values', `must have length n = ${csr.n}`);
  // fromEntries defines own properties, so an id such as "__proto__" is stored safely.
  return Object.fromEntries(csr.ids.map((id, i) => [id, values[i]!]));
}

function sortedSegment(list: Int32Array, from: number, to: number): Int32Array {
  const seg = list.subarray(from, to);
  for (let k = 1; k < seg.length; k++) if (seg[k - 1]! > seg[k]!) return seg.slice().sort();
  return seg;
}

/**
 * True iff every arc u→v has a reverse arc v→u with the same multiplicity, i.e. the Csr
 * represents an undirected graph. (out(v) and in(v) are then equal multisets.) O(n + m)
 * for sorted neighbour lists.
 */
export function isSymmetric(csr: Csr): boolean {
  validateCsr(csr);
  const { n, outOffsets, outTargets, inOffsets, inSources } = csr;
  for (let v = 0; v < n; v++) {
    const a = sortedSegment(outTargets, outOffsets[v]!, outOffsets[v + 1]!);
    const b = sortedSegment(inSources, inOffsets[v]!, inOffsets[v + 1]!);
    if (a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  }
  return true;
}
