import { describe, expect, it } from 'vitest';
import { dep, graph, node } from '../propagation/test-utils';
import { spofExposure } from './exposure';

/*
 *  Countries: 0 = home (the functions'), 1 = abroad.
 *
 *   f1 (home) ──► rA (fac, operated by pA, abroad) ─┐ group "h", 1-of-2
 *             └─► rB (fac, operated by pA, abroad) ─┘
 *   f2 (home) ──► rC (fac, operated by pB, home)
 *   f3 (home) ──► rB ; f3 ──► rC  (two required edges)
 *
 *  pA is a single point of failure of f1 only with everything it owns (rA and rB together);
 *  no facility alone takes f1 down. rC alone takes f2 and f3 down; rB alone takes f3 down.
 *  Jurisdiction 1 (pA's) takes f1 and f3 down; jurisdiction 0 is not foreign to them.
 */
const g = graph(
  [
    node('f1', 'CriticalFunction'),
    node('f2', 'CriticalFunction'),
    node('f3', 'CriticalFunction'),
    node('pA', 'Provider'),
    node('pB', 'Provider'),
    node('rA', 'Facility'),
    node('rB', 'Facility'),
    node('rC', 'Facility'),
  ],
  [
    dep('f1', 'rA', { redundancyGroup: 'h' }),
    dep('f1', 'rB', { redundancyGroup: 'h' }),
    dep('f2', 'rC'),
    dep('f3', 'rB'),
    dep('f3', 'rC'),
  ],
  [
    ['pA', 'rA'],
    ['pA', 'rB'],
    ['pB', 'rC'],
  ],
);
const ix = (id: string) => g.index.get(id)!;
const country: Record<string, number> = { f1: 0, f2: 0, f3: 0, pA: 1, pB: 0, rA: 1, rB: 1, rC: 0 };
const jurisdiction = Int32Array.from(g.ids, (id) => (id.startsWith('f') ? 0 : id === 'pB' || id === 'rC' ? 0 : 1));
const location = Int32Array.from(g.ids, (id) => country[id]!);

describe('spofExposure', () => {
  it('rejects context arrays of the wrong length', () => {
    expect(() => spofExposure(g, new Int32Array(2), location)).toThrow(/one entry per node/);
  });

  it('finds provider, facility and foreign-jurisdiction single points of failure', () => {
    const e = spofExposure(g, jurisdiction, location);
    const names = (m: Map<number, number[]>, f: string) => (m.get(ix(f)) ?? []).map((v) => g.ids[v]).sort();
    expect(names(e.providers, 'f1')).toEqual(['pA']);
    expect(names(e.providers, 'f2')).toEqual(['pB']);
    expect(names(e.providers, 'f3')).toEqual(['pA', 'pB']);
    expect(names(e.facilities, 'f1')).toEqual([]);
    expect(names(e.facilities, 'f2')).toEqual(['rC']);
    expect(names(e.facilities, 'f3')).toEqual(['rB', 'rC']);
    expect(e.jurisdictions.get(ix('f1'))).toEqual([1]);
    expect(e.jurisdictions.get(ix('f2'))).toBeUndefined();
    expect(e.jurisdictions.get(ix('f3'))).toEqual([1]);
  });
});
