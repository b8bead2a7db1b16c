import { describe, expect, it } from 'vitest';
import { isAllowedDependency } from '../../../graph-schema/vocabulary';
import { generateGraph, mulberry32 } from './generated-graph';

describe('generateGraph', () => {
  it('rejects sizes it cannot build', () => {
    expect(() => generateGraph({ nodes: 3 })).toThrow(RangeError);
    expect(() => generateGraph({ nodes: 10.5 })).toThrow(RangeError);
  });

  it('builds exactly N nodes, with allowed dependencies between existing nodes', () => {
    const g = generateGraph({ nodes: 500, seed: 7 });
    expect(g.nodes.size).toBe(500);
    expect(g.edges.size).toBeGreaterThan(500);
    for (const e of g.edges.values()) {
      const dependent = g.nodes.get(e.dependent);
      const supplier = g.nodes.get(e.supplier);
      expect(dependent && supplier).toBeTruthy();
      expect(isAllowedDependency(dependent!.kind, supplier!.kind)).toBe(true);
      expect(e.crossBorder).toBe(dependent!.country !== supplier!.country);
    }
  });

  it('is the same graph for the same seed, another for another seed', () => {
    const ids = (seed: number) => [...generateGraph({ nodes: 200, seed }).edges.keys()].join();
    expect(ids(3)).toBe(ids(3));
    expect(ids(3)).not.toBe(ids(4));
  });
});

describe('mulberry32', () => {
  it('draws in [0, 1), reproducibly', () => {
    const r = mulberry32(42);
    const first = [r(), r(), r()];
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const again = mulberry32(42);
    expect([again(), again(), again()]).toEqual(first);
  });
});
