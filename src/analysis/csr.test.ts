import { DirectedGraph, MultiGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { AnalysisInputError } from './errors';
import {
  buildCsr,
  csrFromGraphology,
  isSymmetric,
  toRecord,
  undirectedProjection,
  validateCsr,
  type Csr,
  type EdgeInput,
} from './csr';

/** Neighbour lists as plain arrays, for readable expectations. */
function outLists(csr: Csr): number[][] {
  return Array.from({ length: csr.n }, (_, v) => [...csr.outTargets.subarray(csr.outOffsets[v], csr.outOffsets[v + 1])]);
}
function inLists(csr: Csr): number[][] {
  return Array.from({ length: csr.n }, (_, v) => [...csr.inSources.subarray(csr.inOffsets[v], csr.inOffsets[v + 1])]);
}

function expectInvalid(f: () => unknown, argument: string): void {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(AnalysisInputError);
    expect((error as AnalysisInputError).argument).toBe(argument);
    return;
  }
  throw new Error(`expected AnalysisInputError for ${argument}`);
}

describe('buildCsr: bad input throws first', () => {
  it('rejects malformed ids', () => {
    expectInvalid(() => buildCsr('abc' as unknown as string[], []), 'ids');
    expectInvalid(() => buildCsr(['a', 1 as unknown as string], []), 'ids[1]');
    expectInvalid(() => buildCsr(['a', 'b', 'a'], []), 'ids[2]');
  });

  it('rejects malformed edges', () => {
    expectInvalid(() => buildCsr(['a'], 5 as unknown as EdgeInput[]), 'edges');
    expectInvalid(() => buildCsr(['a', 'b'], [[0, 2]]), 'edges[0]');
    expectInvalid(() => buildCsr(['a', 'b'], [[0, 1], [-1, 0]]), 'edges[1]');
    expectInvalid(() => buildCsr(['a', 'b'], [[0.5, 1]]), 'edges[0]');
    expectInvalid(() => buildCsr(['a', 'b'], [[0] as unknown as EdgeInput]), 'edges[0]');
    expectInvalid(() => buildCsr(['a', 'b'], [[0, 1, 2], [1, 0]]), 'edges[1]');
    expectInvalid(() => buildCsr(['a', 'b'], [[0, 1, NaN]]), 'edges[0]');
  });

  it('rejects malformed options', () => {
    expectInvalid(() => buildCsr(['a'], [], 3 as unknown as object), 'options');
    expectInvalid(() => buildCsr(['a'], [], { dedupe: 'yes' as unknown as boolean }), 'options.dedupe');
    expectInvalid(() => buildCsr(['a'], [], { mergeWeights: 'avg' as unknown as 'sum' }), 'options.mergeWeights');
  });
});

describe('buildCsr', () => {
  /*
   *   a ──► b ──► c        arcs given unsorted and with a duplicate a→b
   *   │           ▲        and a self-loop on c
   *   └───────────┘   c ⟲
   */
  const ids = ['a', 'b', 'c'];
  const arcs: EdgeInput[] = [[1, 2], [0, 2], [0, 1], [2, 2], [0, 1]];

  it('sorts neighbour lists and collapses parallel arcs', () => {
    const csr = buildCsr(ids, arcs);
    expect(csr.n).toBe(3);
    expect(csr.ids).toEqual(ids);
    expect(outLists(csr)).toEqual([[1, 2], [2], [2]]);
    expect(inLists(csr)).toEqual([[], [0], [0, 1, 2]]);
    expect(csr.outWeights).toBeUndefined();
    expect(() => validateCsr(csr)).not.toThrow();
  });

  it('keeps parallel arcs without dedupe and drops self-loops on request', () => {
    expect(outLists(buildCsr(ids, arcs, { dedupe: false }))).toEqual([[1, 1, 2], [2], [2]]);
    expect(outLists(buildCsr(ids, arcs, { dropSelfLoops: true }))).toEqual([[1, 2], [2], []]);
  });

  it('copies ids (later mutation of the input does not leak in)', () => {
    const mine = ['x'];
    const csr = buildCsr(mine, []);
    mine.push('y');
    expect(csr.ids).toEqual(['x']);
  });

  it('merges the weights of parallel arcs as asked, and aligns in-weights', () => {
    const weighted: EdgeInput[] = [[0, 1, 5], [1, 2, 1], [0, 1, 2], [0, 2, 7]];
    const w = (mergeWeights: 'last' | 'first' | 'sum' | 'min' | 'max'): number[] =>
      [...buildCsr(ids, weighted, { mergeWeights }).outWeights!];
    expect(w('last')).toEqual([2, 7, 1]);
    expect(w('first')).toEqual([5, 7, 1]);
    expect(w('sum')).toEqual([7, 7, 1]);
    expect(w('min')).toEqual([2, 7, 1]);
    expect(w('max')).toEqual([5, 7, 1]);
    const csr = buildCsr(ids, weighted);
    // in-lists: c ← a (7), c ← b (1); b ← a (2)
    expect(inLists(csr)).toEqual([[], [0], [0, 1]]);
    expect([...csr.inWeights!]).toEqual([2, 7, 1]);
  });

  it('handles the empty graph', () => {
    const csr = buildCsr([], []);
    expect(csr.n).toBe(0);
    expect([...csr.outOffsets]).toEqual([0]);
    expect(() => validateCsr(csr)).not.toThrow();
  });

  it('accepts any iterable of edges (e.g. a generator)', () => {
    function* gen(): Generator<EdgeInput> {
      yield [0, 1];
      yield [1, 0];
    }
    expect(outLists(buildCsr(['a', 'b'], gen()))).toEqual([[1], [0]]);
  });
});

describe('validateCsr', () => {
  const good = (): Csr => buildCsr(['a', 'b', 'c'], [[0, 1], [1, 2]]);

  it('rejects structurally broken graphs', () => {
    expectInvalid(() => validateCsr(null), 'csr');
    expectInvalid(() => validateCsr({ ...good(), n: -1 }), 'csr.n');
    expectInvalid(() => validateCsr({ ...good(), ids: ['a'] }), 'csr.ids');
    expectInvalid(() => validateCsr({ ...good(), outTargets: Int32Array.of(1, 7) }), 'csr.outTargets[1]');
    expectInvalid(() => validateCsr({ ...good(), outOffsets: Int32Array.of(0, 2, 1, 2) }), 'csr.outOffsets');
    expectInvalid(() => validateCsr({ ...good(), inOffsets: Int32Array.of(0, 1, 1, 2) }), 'csr.inOffsets');
    expectInvalid(() => validateCsr({ ...good(), outWeights: Float64Array.of(1, 1) }), 'csr.inWeights');
    expectInvalid(
      () => validateCsr({ ...good(), outWeights: Float64Array.of(1, Infinity), inWeights: Float64Array.of(1, 1) }),
      'csr.outWeights[1]',
    );
  });
});

describe('undirectedProjection and isSymmetric', () => {
  /*
   *   a ──► b      a ─── b
   *   ▲   ╱        │   ╱
   *   │  ╱    ⇒    │  ╱       reciprocal arcs b→c, c→b collapse to one edge
   *   c ◄►         c          the self-loop on a stays one arc
   *   a ⟲          a ⟲
   */
  const csr = buildCsr(['a', 'b', 'c'], [[0, 1], [1, 2], [2, 1], [2, 0], [0, 0]]);

  it('merges reciprocal arcs and keeps self-loops once', () => {
    const u = undirectedProjection(csr);
    expect(outLists(u)).toEqual([[0, 1, 2], [0, 2], [0, 1]]);
    expect(inLists(u)).toEqual(outLists(u));
    expect(isSymmetric(u)).toBe(true);
    expect(isSymmetric(csr)).toBe(false);
  });

  it('drops weights', () => {
    const w = buildCsr(['a', 'b'], [[0, 1, 3]]);
    expect(undirectedProjection(w).outWeights).toBeUndefined();
  });

  it('validates its input', () => {
    expectInvalid(() => undirectedProjection({} as Csr), 'csr.n');
  });
});

describe('csrFromGraphology', () => {
  it('rejects non-graphs', () => {
    expectInvalid(() => csrFromGraphology({} as DirectedGraph), 'graph');
  });

  it('maps a directed graph arc for arc', () => {
    const g = new DirectedGraph();
    g.mergeEdge('x', 'y');
    g.mergeEdge('y', 'z');
    g.mergeEdge('x', 'z');
    const csr = csrFromGraphology(g);
    expect(csr.ids).toEqual(['x', 'y', 'z']);
    expect(outLists(csr)).toEqual([[1, 2], [2], []]);
  });

  it('maps undirected edges to both arcs, a self-loop to one arc', () => {
    const g = new UndirectedGraph({ allowSelfLoops: true });
    g.mergeEdge('x', 'y');
    g.mergeEdge('y', 'y');
    const csr = csrFromGraphology(g);
    expect(outLists(csr)).toEqual([[1], [0, 1]]);
    expect(isSymmetric(csr)).toBe(true);
  });

  it('mixed multigraph: parallel edges collapse unless dedupe is off; weights read from an attribute', () => {
    const g = new MultiGraph();
    g.addNode('x');
    g.addNode('y');
    g.addDirectedEdge('x', 'y', { w: 2 });
    g.addDirectedEdge('x', 'y', { w: 3 });
    g.addUndirectedEdge('x', 'y');
    const plain = csrFromGraphology(g);
    expect(outLists(plain)).toEqual([[1], [0]]);
    expect(outLists(csrFromGraphology(g, { dedupe: false }))).toEqual([[1, 1, 1], [0]]);
    const weighted = csrFromGraphology(g, { weightAttribute: 'w', mergeWeights: 'sum' });
    expect([...weighted.outWeights!]).toEqual([2 + 3 + 1, 1]); // missing attribute → weight 1
    g.addDirectedEdge('y', 'x', { w: 'heavy' });
    expectInvalid(() => csrFromGraphology(g, { weightAttribute: 'w' }), `graph edge ${g.edges('y', 'x').find((e) => g.getEdgeAttribute(e, 'w') === 'heavy')!}`);
  });
});

describe('toRecord', () => {
  it('keys values by id, safely for any id', () => {
    const csr = buildCsr(['__proto__', 'b'], []);
    const r = toRecord(csr, [1, 2]);
    expect(Object.keys(r)).toEqual(['__proto__', 'b']);
    expect(r.b).toBe(2);
    expectInvalid(() => toRecord(csr, [1]), 'values');
  });
});
