/** Helpers shared by the propagation and single-points-of-failure unit tests (not part of the public API). */
import { expect } from 'vitest';
import { AnalysisInputError } from '../errors';
import { buildPropagationGraph } from './graph';
import type { EdgeInput, GraphInput, KindName, NodeInput, PropagationGraph } from './types';
import { mulberry32 } from '../random';

/** A Service node, or a node of another kind with `kind`. */
export function node(id: string, kind: KindName = 'Service', extra: Partial<NodeInput> = {}): NodeInput {
  return { id, kind, ...extra };
}

/** A DEPENDS_ON from `dependent` to `supplier`, id `dependent>supplier`: strength 1, no delay, required. */
export function dep(dependent: string, supplier: string, extra: Partial<EdgeInput> = {}): EdgeInput {
  return {
    id: `${dependent}>${supplier}`,
    dependent,
    supplier,
    strength: 1,
    propagation: 0,
    delayHours: 0,
    recoveryHours: null,
    integrity: false,
    illustrative: false,
    redundancyGroup: null,
    minAlive: 1,
    ...extra,
  };
}

/** A graph from nodes (plain ids are Services), edges and owned pairs. */
export function graph(nodes: readonly (string | NodeInput)[], edges: readonly EdgeInput[], owned: GraphInput['owned'] = []): PropagationGraph {
  return buildPropagationGraph({ nodes: nodes.map((v) => (typeof v === 'string' ? node(v) : v)), edges, owned });
}

/** Runs `f`, expecting a AnalysisInputError whose details include every pattern. */
export function expectInputError(f: () => unknown, ...patterns: (string | RegExp)[]): AnalysisInputError {
  let caught: unknown;
  try {
    f();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AnalysisInputError);
  const error = caught as AnalysisInputError;
  for (const p of patterns) {
    expect(error.problems.some((d) => (typeof p === 'string' ? d.includes(p) : p.test(d))), `${String(p)} in ${error.problems.join(' | ')}`).toBe(true);
  }
  return error;
}

export interface RandomGraphOptions {
  n: number;
  /** Required edges (some become self-loops, dropped by the builder). */
  required: number;
  /** Redundancy groups, each of 2..maxGroupSize edges with a random minAlive. */
  groups: number;
  maxGroupSize?: number;
  selfLoops?: number;
  /** Share of edges on trust channels, with random propagation. */
  trustShare?: number;
  /** Maximum delay in whole hours (0 = no delays). */
  maxDelay?: number;
}

/** A seeded random GraphInput mixing required edges, k-of-n groups, cycles and self-loops. */
export function randomGraphInput(seed: number, o: RandomGraphOptions): GraphInput {
  const random = mulberry32(seed);
  const pick = (k: number): number => Math.floor(random() * k);
  const kinds: KindName[] = ['Provider', 'Facility', 'Service', 'CriticalFunction'];
  const nodes: NodeInput[] = [];
  for (let v = 0; v < o.n; v++) nodes.push({ id: `v${v}`, kind: kinds[pick(kinds.length)]!, threshold: Math.round(random() * 10) / 10 });
  const edges: EdgeInput[] = [];
  const edge = (d: number, s: number, group: string | null, minAlive: number): void => {
    const integrity = random() < (o.trustShare ?? 0.3);
    edges.push({
      id: `e${edges.length}`,
      dependent: `v${d}`,
      supplier: `v${s}`,
      strength: Math.round(random() * 100) / 100,
      propagation: integrity ? Math.round(random() * 100) / 100 : 0,
      delayHours: pick((o.maxDelay ?? 0) + 1),
      recoveryHours: random() < 0.2 ? null : pick(24),
      integrity,
      illustrative: random() < 0.3,
      redundancyGroup: group,
      minAlive,
    });
  };
  for (let i = 0; i < o.required; i++) {
    const d = pick(o.n);
    let s = pick(o.n - 1);
    if (s >= d) s++;
    edge(d, s, null, 1);
  }
  for (let i = 0; i < o.groups; i++) {
    const d = pick(o.n);
    const size = 2 + pick((o.maxGroupSize ?? 4) - 1);
    const minAlive = 1 + pick(size);
    for (let j = 0; j < size; j++) {
      let s = pick(o.n - 1);
      if (s >= d) s++;
      edge(d, s, `g${i}`, minAlive);
    }
  }
  for (let i = 0; i < (o.selfLoops ?? 0); i++) {
    const v = pick(o.n);
    edge(v, v, null, 1);
  }
  return { nodes, edges, owned: [] };
}
