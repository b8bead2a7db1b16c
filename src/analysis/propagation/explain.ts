/**
 * Explanation path of an outage result
 * ====================================
 * Complexity: O(path length) ⊆ O(n).
 *
 * Follows `criticalEdge` back from a node to the origin (or seeded node) whose
 * failure caused it: the chain of arrivals that completed each node's rule. The
 * path runs from the origin to the node; `edges[i]` joins `nodes[i]` (supplier) to
 * `nodes[i + 1]` (dependent). An origin's path is itself with no edges; an
 * unaffected node's path is empty. `illustrativeShare` is the fraction of a
 * path's edges marked illustrative (modelling assumptions rather than public
 * record): how much of an explanation rests on them.
 */
import { AnalysisInputError, throwIfProblems } from '../errors';
import type { OutageResult, PropagationGraph } from './types';
import { checkGraph, isNodeIndex, showValue } from './validate';

export interface ExplanationPath {
  nodes: number[];
  edges: number[];
}

export function explanationPath(g: PropagationGraph, result: OutageResult, v: number): ExplanationPath {
  const problems: string[] = [];
  if (checkGraph(g, problems)) {
    if (result === null || typeof result !== 'object') problems.push('result: must be an OutageResult');
    else {
      if (!(result.criticalEdge instanceof Int32Array) || result.criticalEdge.length !== g.n) {
        problems.push(`result.criticalEdge: must be an Int32Array of length ${g.n}`);
      }
      if (!(result.wave instanceof Int32Array) || result.wave.length !== g.n) problems.push(`result.wave: must be an Int32Array of length ${g.n}`);
    }
    if (!isNodeIndex(g, v)) problems.push(`v: not a node index in 0..${g.n - 1}, got ${showValue(v)}`);
  }
  throwIfProblems(problems);
  if (result.wave[v]! < 0) return { nodes: [], edges: [] };
  const nodes = [v];
  const edges: number[] = [];
  let current = v;
  for (let e = result.criticalEdge[current]!; e >= 0; e = result.criticalEdge[current]!) {
    if (e >= g.m || g.edgeDependent[e] !== current || edges.length >= g.n) {
      throw new AnalysisInputError([`result.criticalEdge: does not lead from node ${v} back to an origin (at node ${current}, edge ${e})`]);
    }
    edges.push(e);
    current = g.edgeSupplier[e]!;
    nodes.push(current);
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}

/** Fraction of the path's edges with illustrative = 1; 0 for a path without edges. */
export function illustrativeShare(g: PropagationGraph, path: ExplanationPath): number {
  const problems: string[] = [];
  if (checkGraph(g, problems)) {
    if (path === null || typeof path !== 'object' || !Array.isArray(path.edges)) problems.push('path: must be { nodes, edges }');
    else
      path.edges.forEach((e: unknown, i) => {
        if (typeof e !== 'number' || !Number.isInteger(e) || e < 0 || e >= g.m) {
          problems.push(`path.edges[${i}]: not an edge index in 0..${g.m - 1}, got ${showValue(e)}`);
        }
      });
  }
  throwIfProblems(problems);
  if (path.edges.length === 0) return 0;
  let count = 0;
  for (const e of path.edges) count += g.illustrative[e]!;
  return count / path.edges.length;
}
