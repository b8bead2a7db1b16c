/**
 * Single points of failure: minimal cut sets of order 1 and 2
 * ============================================================
 * [Reference]: W. E. Vesely, F. F. Goldberg, N. H. Roberts and D. F. Haasl,
 *   "Fault Tree Handbook", NUREG-0492, U.S. Nuclear Regulatory Commission, 1981,
 *   ch. VII (minimal cut sets).
 * Complexity: O(A (n_A + m_A)) for order 1 and O(A² (n_A + m_A)) with order 2,
 *   where A is the number of the function's ancestors and n_A, m_A the size of the
 *   subgraph they span; O(n + m) memory.
 *
 * Under the HARD rule, untimed and over the edges that carry availability
 * (`hardFailureSet`, an outage with no end): order 1 is every node v other
 * than the function whose failure alone (origins [v], no provider expansion)
 * takes the function down; order 2 is every pair {u, v}, neither of order 1,
 * whose joint failure does. That sweep over all nodes is the definition. Only the
 * function's ancestors (nodes with a DEPENDS_ON path to it) are tried, and each
 * propagation stays among them and stops once the function fails: whether a node
 * fails depends only on its ancestors, which are ancestors of the function, so a
 * non-ancestor in a cut set changes nothing and the pair would reduce to an order-1
 * cut (the test beside this file checks the restricted sweep against the full one
 * on random graphs).
 */
import { throwIfProblems } from '../propagation/errors';
import type { PropagationGraph } from '../propagation/types';
import { checkGraph, isNodeIndex, showValue } from '../propagation/validate';

export interface SinglePointsOfFailureOptions {
  /** Also list the cut sets of order 2 (default false). */
  order2?: boolean;
}

export interface SinglePointsOfFailure {
  /** Nodes whose lone failure takes the function down, ascending. */
  order1: number[];
  /** Pairs [u, v] (u < v, neither of order 1) whose joint failure does, ascending. */
  order2: [number, number][];
}

export function singlePointsOfFailure(
  g: PropagationGraph,
  functionIndex: number,
  options: SinglePointsOfFailureOptions = {},
): SinglePointsOfFailure {
  const problems: string[] = [];
  if (checkGraph(g, problems) && !isNodeIndex(g, functionIndex)) {
    problems.push(`functionIndex: not a node index in 0..${g.n - 1}, got ${showValue(functionIndex)}`);
  }
  if (options === null || typeof options !== 'object') problems.push('options: must be an object');
  else if (options.order2 !== undefined && typeof options.order2 !== 'boolean') {
    problems.push(`options.order2: must be a boolean, got ${showValue(options.order2)}`);
  }
  throwIfProblems(problems);

  const target = functionIndex;
  const scope = ancestors(g, target);
  const candidates: number[] = [];
  for (let v = 0; v < g.n; v++) if (scope[v] === 1 && v !== target) candidates.push(v);
  const search = new CutSearch(g, target, scope);

  const order1: number[] = [];
  const single = new Uint8Array(g.n);
  for (const v of candidates) {
    if (search.takesDown([v])) {
      order1.push(v);
      single[v] = 1;
    }
  }
  const order2: [number, number][] = [];
  if (options.order2 === true) {
    const rest = candidates.filter((v) => single[v] === 0);
    for (let i = 0; i < rest.length; i++) {
      for (let j = i + 1; j < rest.length; j++) {
        const u = rest[i]!;
        const v = rest[j]!;
        if (search.takesDown([u, v])) order2.push([u, v]);
      }
    }
  }
  return { order1, order2 };
}

/** 1 for the nodes with a DEPENDS_ON path to `target` (and `target` itself). */
function ancestors(g: PropagationGraph, target: number): Uint8Array {
  const seen = new Uint8Array(g.n);
  const stack = [target];
  seen[target] = 1;
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let k = g.byDependentOffsets[v]!; k < g.byDependentOffsets[v + 1]!; k++) {
      const s = g.edgeSupplier[g.byDependentEdges[k]!]!;
      if (seen[s] === 0) {
        seen[s] = 1;
        stack.push(s);
      }
    }
  }
  return seen;
}

/** HARD propagation restricted to `scope`, stopping once `target` fails; buffers reused and cleaned. */
class CutSearch {
  private readonly failed: Uint8Array;
  private readonly queue: Int32Array;
  private readonly arrivals: Int32Array;

  constructor(
    private readonly g: PropagationGraph,
    private readonly target: number,
    private readonly scope: Uint8Array,
  ) {
    this.failed = new Uint8Array(g.n);
    this.queue = new Int32Array(g.n);
    this.arrivals = new Int32Array(g.groupCount);
  }

  takesDown(origins: readonly number[]): boolean {
    const { g, failed, queue, arrivals, scope, target } = this;
    let tail = 0;
    for (const o of origins) {
      if (failed[o] === 1) continue;
      failed[o] = 1;
      queue[tail++] = o;
    }
    let down = failed[target] === 1;
    for (let head = 0; head < tail && !down; head++) {
      const s = queue[head]!;
      for (let k = g.bySupplierOffsets[s]!; k < g.bySupplierOffsets[s + 1]!; k++) {
        const e = g.bySupplierEdges[k]!;
        const v = g.edgeDependent[e]!;
        if (failed[v] === 1 || scope[v] === 0 || g.availability[e] !== 1) continue; // only availability carries an outage
        const q = g.edgeGroup[e]!;
        if (q >= 0 && ++arrivals[q]! < g.groupSize[q]! - g.groupMinAlive[q]! + 1) continue;
        failed[v] = 1;
        queue[tail++] = v;
        if (v === target) {
          down = true;
          break;
        }
      }
    }
    for (let i = 0; i < tail; i++) {
      const s = queue[i]!;
      failed[s] = 0;
      for (let k = g.bySupplierOffsets[s]!; k < g.bySupplierOffsets[s + 1]!; k++) {
        const q = g.edgeGroup[g.bySupplierEdges[k]!]!;
        if (q >= 0) arrivals[q] = 0;
      }
    }
    return down;
  }
}
