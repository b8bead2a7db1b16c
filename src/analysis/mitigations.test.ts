import { describe, expect, it } from 'vitest';
import { greedySelect, mitigationCandidates } from './mitigations';
import { dep, graph, node } from './propagation/test-utils';

/*
 *   r1 (region, 50N 8E) ──► f (function) ◄══integrity══ upd (update service)
 *   r2 (region, 48N 2E)   unaffected, same kind and sub-kind: the nearest alternative
 *   r3 (region, 10N 100E) unaffected, farther
 */
const g = graph(
  [node('r1', 'Facility'), node('r2', 'Facility'), node('r3', 'Facility'), node('f', 'CriticalFunction'), node('upd', 'Service')],
  [dep('f', 'r1'), dep('f', 'upd', { integrity: true, availability: false, propagation: 0.5 })],
);
const geo = {
  subKind: ['CLOUD_REGION', 'CLOUD_REGION', 'CLOUD_REGION', '', 'SOFTWARE_PRODUCT'],
  latitude: Float64Array.from([50, 48, 10, NaN, NaN]),
  longitude: Float64Array.from([8, 2, 100, NaN, NaN]),
};

describe('mitigationCandidates', () => {
  it('offers the nearest unaffected alternative and cuts integrity channels, ranked by use', () => {
    const c = mitigationCandidates(g, geo, [[0], [0, 1]], new Set([0, 3]), 10);
    expect(c.map((x) => [x.kind, g.edgeIds[x.edge], x.alternative >= 0 ? g.ids[x.alternative] : null, x.uses])).toEqual([
      ['ADD_ALTERNATIVE', 'f>r1', 'r2', 2],
      ['CUT_TRUST_CHANNEL', 'f>upd', null, 1],
    ]);
    expect(mitigationCandidates(g, geo, [[0]], new Set([0, 1, 3]), 10).map((x) => g.ids[x.alternative])).toEqual(['r3']);
    expect(mitigationCandidates(g, geo, [[0], [1]], new Set(), 1)).toHaveLength(1);
  });
});

describe('greedySelect', () => {
  it('keeps the best change at each step, skips what cannot apply, and stops when nothing helps', () => {
    // loss = 10 − Σ gains of the chosen ones; 'x' cannot be applied after 'a'.
    const gains: Record<string, number> = { a: 4, b: 3, c: 0, x: 5 };
    const steps = greedySelect(['a', 'b', 'c', 'x'], 10, 3, (chosen, c) => {
      if (c === 'x' && chosen.length > 0) return null;
      return 10 - [...chosen, c].reduce((s, k) => s + gains[k]!, 0);
    });
    expect(steps.map((s) => [s.index, s.reduction, s.remaining])).toEqual([
      [3, 5, 5],
      [0, 4, 1],
      [1, 3, -2],
    ]);
    expect(greedySelect(['c'], 10, 2, () => 10)).toEqual([]);
  });
});
