import { describe, expect, it } from 'vitest';
import { refineLayout } from './force-refine';

const layout = (points: [number, number][], edges: number[]) => ({
  x: Float64Array.from(points.map((p) => p[0])),
  y: Float64Array.from(points.map((p) => p[1])),
  edges: Int32Array.from(edges),
});

describe('refineLayout', () => {
  it('rejects edges to nodes that do not exist and odd edge lists', () => {
    expect(() => refineLayout(layout([[0, 0]], [0, 1]))).toThrow(/not a node index/);
    expect(() => refineLayout(layout([[0, 0], [1, 1]], [0]))).toThrow(/index pairs/);
  });

  it('separates coincident nodes and brings an edge near the ideal length', () => {
    //   a ── b   (both at the origin), c alone
    const g = layout(
      [
        [0, 0],
        [0, 0],
        [5, 0],
      ],
      [0, 1, 1, 2],
    );
    refineLayout(g, { iterations: 300, idealLength: 50 });
    const d = Math.hypot(g.x[0]! - g.x[1]!, g.y[0]! - g.y[1]!);
    expect(d).toBeGreaterThan(20);
    expect(d).toBeLessThan(120);
    for (const v of [...g.x, ...g.y]) expect(Number.isFinite(v)).toBe(true);
  });

  it('is deterministic', () => {
    const run = () => {
      const g = layout(
        [
          [0, 0],
          [1, 2],
          [3, 1],
          [2, 2],
        ],
        [0, 1, 1, 2, 2, 3, 3, 0],
      );
      refineLayout(g, { iterations: 50 });
      return [...g.x, ...g.y];
    };
    expect(run()).toEqual(run());
  });
});
