import { describe, expect, it } from 'vitest';
import { explanationPath, illustrativeShare } from './explain';
import { simulateOutage } from './outage';
import { dep, expectInputError, graph } from './test-utils';
import type { OutageResult } from './types';

/*
 *   o ──► a ──► c ──► w ──► y        edges a>o and w>c are illustrative
 *   o ──► b ──► c                    (c's critical cause is a: same hour and wave, lower edge index)
 *   q                                (unaffected)
 */
const g = graph(
  ['o', 'a', 'b', 'c', 'w', 'y', 'q'],
  [dep('a', 'o', { illustrative: true }), dep('b', 'o'), dep('c', 'a'), dep('c', 'b'), dep('w', 'c', { illustrative: true }), dep('y', 'w')],
);
const result = simulateOutage(g, { rule: 'HARD', origins: [0] });

describe('explanationPath / illustrativeShare: bad input throws first', () => {
  it('rejects bad nodes, results and paths', () => {
    expectInputError(() => explanationPath(g, result, 7), 'v: not a node index in 0..6, got 7');
    expectInputError(() => explanationPath(g, { ...result, wave: new Int32Array(2) }, 0), 'result.wave');
    expectInputError(() => explanationPath(g, null as unknown as OutageResult, 0), 'result: must be an OutageResult');
    expectInputError(() => illustrativeShare(g, { nodes: [], edges: [0, 6, -1] }), 'path.edges[1]: not an edge index in 0..5, got 6', 'path.edges[2]');
  });

  it('rejects critical edges that do not lead back to an origin', () => {
    const broken: OutageResult = { ...result, criticalEdge: Int32Array.from([-1, 0, 1, 2, 5, 5, -1]) };
    expectInputError(() => explanationPath(g, broken, 4), 'result.criticalEdge: does not lead from node 4 back to an origin');
  });
});

describe('explanationPath', () => {
  it('follows critical edges from the origin to the node', () => {
    expect(explanationPath(g, result, 5)).toEqual({ nodes: [0, 1, 3, 4, 5], edges: [0, 2, 4, 5] });
    expect(explanationPath(g, result, 2)).toEqual({ nodes: [0, 2], edges: [1] });
  });

  it('gives an origin itself and an unaffected node nothing', () => {
    expect(explanationPath(g, result, 0)).toEqual({ nodes: [0], edges: [] });
    expect(explanationPath(g, result, 6)).toEqual({ nodes: [], edges: [] });
  });
});

describe('illustrativeShare', () => {
  it('is the share of illustrative edges on the path', () => {
    expect(illustrativeShare(g, explanationPath(g, result, 5))).toBe(0.5); // a>o and w>c of 4
    expect(illustrativeShare(g, explanationPath(g, result, 1))).toBe(1);
    expect(illustrativeShare(g, explanationPath(g, result, 2))).toBe(0);
    expect(illustrativeShare(g, explanationPath(g, result, 0))).toBe(0);
    expect(illustrativeShare(g, { nodes: [], edges: [] })).toBe(0);
  });
});
