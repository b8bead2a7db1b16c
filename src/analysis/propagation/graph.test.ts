import { describe, expect, it } from 'vitest';
import { applyOverlay, buildPropagationGraph, expandOrigins, graphToInput } from './graph';
import { dep, expectInputError, graph, node, randomGraphInput } from './test-utils';
import type { GraphInput } from './types';

describe('buildPropagationGraph: bad input throws first, naming every problem', () => {
  it('rejects a malformed container', () => {
    expectInputError(() => buildPropagationGraph(null as unknown as GraphInput), 'input: must be an object');
    expectInputError(() => buildPropagationGraph({ nodes: [], edges: 3, owned: [] } as unknown as GraphInput), 'input.edges');
  });

  it('lists every problem of a bad graph at once', () => {
    const error = expectInputError(
      () =>
        buildPropagationGraph({
          nodes: [node('a'), node('a'), node('b', 'Service', { threshold: 1.5 }), node('f', 'CriticalFunction', { importance: -1 }), node('p', 'Provider'), node('x', 'Spaceship' as 'Service')],
          edges: [
            dep('a', 'ghost'),
            dep('nobody', 'b', { id: 'e2' }),
            dep('b', 'a', { strength: 2, propagation: -0.1, delayHours: -1, recoveryHours: -2 }),
            dep('b', 'a', { id: 'e4', minAlive: 2 }),
            dep('b', 'a', { id: 'e5', redundancyGroup: 'g', minAlive: 1.5 }),
            dep('f', 'a', { redundancyGroup: 'm', minAlive: 1 }),
            dep('f', 'b', { redundancyGroup: 'm', minAlive: 2 }),
            dep('f', 'p', { redundancyGroup: 'big', minAlive: 2 }),
            dep('p', 'a', { redundancyGroup: 'zero', minAlive: 0 }),
            dep('b', 'a', { id: 'e4' }),
          ],
          owned: [
            ['p', 'nowhere'],
            ['a', 'b'],
            ['p', 'f'],
          ],
        }),
      'node "a": duplicate node id',
      'node "b": threshold must be in 0..1',
      'node "f": importance must be a finite number >= 0, got -1',
      'node "x": unknown kind',
      'edge "a>ghost": unknown supplier node id "ghost"',
      'edge "e2": unknown dependent node id "nobody"',
      'edge "b>a": strength must be in 0..1, got 2',
      'edge "b>a": propagation must be in 0..1, got -0.1',
      'edge "b>a": delayHours must be a finite number >= 0, got -1',
      'edge "b>a": recoveryHours must be null or a finite number >= 0, got -2',
      'edge "e4": minAlive must be 1 outside a redundancy group, got 2',
      'edge "e5": minAlive must be an integer, got 1.5',
      'group "m" of node "f": mixed minAlive values 1, 2',
      'group "big" of node "f": minAlive 2 outside 1..1',
      'group "zero" of node "p": minAlive 0 outside 1..1',
      'edge "e4": duplicate edge id',
      'owned[0]: unknown owned node id "nowhere"',
      'owned[1]: owner "a" is not a Provider',
      'owned[2]: owned node "f" is not a Facility or Service',
    );
    expect(error.details).toHaveLength(19);
    expect(error.message).toMatch(/^invalid propagation input: /);
  });

  it('does not judge the size of a group that lost a member to an unknown supplier', () => {
    const error = expectInputError(
      () => graph(['a', 'b'], [dep('b', 'a', { redundancyGroup: 'g', minAlive: 2 }), dep('b', 'ghost', { redundancyGroup: 'g', minAlive: 2 })]),
      'edge "b>ghost": unknown supplier node id "ghost"',
    );
    expect(error.details).toHaveLength(1);
  });

  it('accepts a threshold of exactly 0 or 1 and null threshold / importance', () => {
    const g = graph([node('a', 'Service', { threshold: 0 }), node('b', 'Service', { threshold: 1 }), node('f', 'CriticalFunction', { threshold: null, importance: null })], []);
    expect([...g.threshold]).toEqual([0, 1, 0.5]);
    expect([...g.importance]).toEqual([0, 0, 1]);
  });
});

describe('buildPropagationGraph', () => {
  /*
   *   edges drawn supplier ──► dependent (the way failure travels):
   *
   *      a ──► c ◄── b          c: required on a (strength 0.5),
   *      │     ▲                   group "g" on b and d (minAlive 1, strengths 0.25 + 0.25)
   *      │     └── d            e: group "g" on a (a different group: keyed by dependent)
   *      └──► e   ⟲ e           e ⟲ e: a self-loop, dropped
   */
  const g = graph(
    ['a', 'b', node('c', 'CriticalFunction', { importance: 3, threshold: 0.7 }), 'd', 'e', node('p', 'Provider'), node('fac', 'Facility')],
    [
      dep('c', 'a', { strength: 0.5, delayHours: 2, recoveryHours: 4, illustrative: true }),
      dep('c', 'b', { strength: 0.25, redundancyGroup: 'g' }),
      dep('e', 'e'),
      dep('c', 'd', { strength: 0.25, redundancyGroup: 'g', integrity: true, propagation: 0.4 }),
      dep('e', 'a', { redundancyGroup: 'g' }),
    ],
    [
      ['p', 'fac'],
      ['p', 'a'],
      ['p', 'fac'],
    ],
  );

  it('keeps node order and defaults', () => {
    expect(g.n).toBe(7);
    expect(g.ids).toEqual(['a', 'b', 'c', 'd', 'e', 'p', 'fac']);
    expect(g.index.get('fac')).toBe(6);
    expect([...g.kind]).toEqual([3, 3, 4, 3, 3, 1, 2]); // Service, CriticalFunction, Provider, Facility
    expect([...g.threshold]).toEqual([0.5, 0.5, 0.7, 0.5, 0.5, 0.5, 0.5]);
    expect([...g.importance]).toEqual([0, 0, 3, 0, 0, 0, 0]);
  });

  it('drops the self-loop and keeps edge attributes in input order', () => {
    expect(g.m).toBe(4);
    expect(g.edgeIds).toEqual(['c>a', 'c>b', 'c>d', 'e>a']);
    expect(g.edgeIndex.get('c>d')).toBe(2);
    expect([...g.edgeDependent]).toEqual([2, 2, 2, 4]);
    expect([...g.edgeSupplier]).toEqual([0, 1, 3, 0]);
    expect([...g.strength]).toEqual([0.5, 0.25, 0.25, 1]);
    expect([...g.propagation]).toEqual([0, 0, 0.4, 0]);
    expect([...g.delay]).toEqual([2, 0, 0, 0]);
    expect([...g.recovery]).toEqual([4, NaN, NaN, NaN]);
    expect([...g.integrity]).toEqual([0, 0, 1, 0]);
    expect([...g.illustrative]).toEqual([1, 0, 0, 0]);
  });

  it('keys groups by (dependent, name)', () => {
    expect([...g.edgeGroup]).toEqual([-1, 0, 0, 1]);
    expect(g.groupCount).toBe(2);
    expect(g.groupNames).toEqual(['g', 'g']);
    expect([...g.groupDependent]).toEqual([2, 4]);
    expect([...g.groupMinAlive]).toEqual([1, 1]);
    expect([...g.groupSize]).toEqual([2, 1]);
    expect([...g.groupStrength]).toEqual([0.5, 1]);
    expect([...g.totalStrength]).toEqual([0, 0, 1, 0, 1, 0, 0]);
  });

  it('builds CSR lists by supplier and by dependent', () => {
    expect([...g.bySupplierOffsets]).toEqual([0, 2, 3, 3, 4, 4, 4, 4]);
    expect([...g.bySupplierEdges]).toEqual([0, 3, 1, 2]);
    expect([...g.byDependentOffsets]).toEqual([0, 0, 0, 3, 3, 4, 4, 4]);
    expect([...g.byDependentEdges]).toEqual([0, 1, 2, 3]);
  });

  it('deduplicates and sorts owned lists', () => {
    expect([...g.ownedOffsets]).toEqual([0, 0, 0, 0, 0, 0, 2, 2]);
    expect([...g.ownedNodes]).toEqual([0, 6]);
  });

  it('validates groups after dropping self-loops', () => {
    // b's group "g": a self-loop (dropped) and a; minAlive 2 exceeds the remaining size 1.
    expectInputError(
      () => graph(['a', 'b'], [dep('b', 'b', { redundancyGroup: 'g', minAlive: 2 }), dep('b', 'a', { redundancyGroup: 'g', minAlive: 2 })]),
      'group "g" of node "b": minAlive 2 outside 1..1',
    );
  });
});

describe('graphToInput', () => {
  it('is the inverse of buildPropagationGraph', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const g = buildPropagationGraph(randomGraphInput(seed, { n: 30, required: 60, groups: 10, selfLoops: 3 }));
      const again = buildPropagationGraph(graphToInput(g));
      expect(again).toEqual(g);
    }
  });
});

describe('applyOverlay', () => {
  /*
   *   a ──► c ◄── b      c: required on a ("c>a", illustrative) and on b ("c>b")
   */
  const base = graph(['a', 'b', 'c'], [dep('c', 'a', { illustrative: true }), dep('c', 'b')]);
  const snapshot = JSON.stringify(graphToInput(base));

  it('rejects unknown edge ids, all at once, and leaves the base untouched', () => {
    expectInputError(
      () => applyOverlay(base, { removeEdges: ['nope'], regroupEdges: [{ id: 'gone', redundancyGroup: 'g', minAlive: 1 }] }),
      'overlay.removeEdges[0]: unknown edge id "nope"',
      'overlay.regroupEdges[0]: unknown edge id "gone"',
    );
    expectInputError(() => applyOverlay(base, null as unknown as object), 'overlay: must be an object');
    expect(JSON.stringify(graphToInput(base))).toBe(snapshot);
  });

  it('validates the result like any input', () => {
    expectInputError(
      () => applyOverlay(base, { regroupEdges: [{ id: 'c>a', redundancyGroup: 'g', minAlive: 2 }, { id: 'c>b', redundancyGroup: 'g', minAlive: 1 }] }),
      'group "g" of node "c": mixed minAlive values 2, 1',
    );
    expectInputError(() => applyOverlay(base, { addEdges: [dep('c', 'b')] }), 'edge "c>b": duplicate edge id');
    expectInputError(() => applyOverlay(base, { addEdges: [dep('c', 'zz')] }), 'unknown supplier node id "zz"');
  });

  it('removes, regroups, adds and excludes illustrative base edges (never added ones) into a new graph', () => {
    const g = applyOverlay(base, {
      removeEdges: ['c>b'],
      addEdges: [dep('c', 'b', { id: 'alt', redundancyGroup: 'g', minAlive: 1 }), dep('b', 'a', { illustrative: true })],
      regroupEdges: [{ id: 'c>a', redundancyGroup: 'g', minAlive: 1 }],
    });
    expect(g).not.toBe(base);
    expect(g.edgeIds).toEqual(['c>a', 'alt', 'b>a']);
    expect([...g.edgeGroup]).toEqual([0, 0, -1]);
    expect([...g.groupSize]).toEqual([2]);
    expect(JSON.stringify(graphToInput(base))).toBe(snapshot);

    // excludeIllustrative drops the base's illustrative edges, never a what-if's added ones.
    const real = applyOverlay(base, { excludeIllustrative: true, addEdges: [dep('b', 'a', { illustrative: true })] });
    expect(real.edgeIds).toEqual(['c>b', 'b>a']);
    expect(applyOverlay(base, {}).edgeIds).toEqual(['c>a', 'c>b']);
  });
});

describe('expandOrigins', () => {
  /* provider p operates fac and offers svc; q owns nothing */
  const g = graph([node('p', 'Provider'), node('fac', 'Facility'), 'svc', node('q', 'Provider'), 'x'], [], [
    ['p', 'svc'],
    ['p', 'fac'],
  ]);

  it('rejects unknown ids', () => {
    expectInputError(() => expandOrigins(g, ['p', 'nope', 'nada'], false), 'originIds[1]: unknown node id "nope"', 'originIds[2]');
    expectInputError(() => expandOrigins(g, 'p' as unknown as string[], false), 'originIds: must be an array');
  });

  it('brings a provider’s facilities and services unless providerOnly; dedupes and sorts', () => {
    expect(expandOrigins(g, ['x', 'p', 'svc'], false)).toEqual([0, 1, 2, 4]);
    expect(expandOrigins(g, ['x', 'p', 'svc'], true)).toEqual([0, 2, 4]);
    expect(expandOrigins(g, ['q'], false)).toEqual([3]);
    expect(expandOrigins(g, [], false)).toEqual([]);
  });
});

describe('importance 0', () => {
  it('is analysable: the function is counted, with no weight', () => {
    const g = graph(['s', node('f', 'CriticalFunction', { importance: 0 })], [dep('f', 's')]);
    expect(g.importance[1]).toBe(0);
  });
});
