import { describe, expect, it } from 'vitest';
import { countryPositions, countryProjection } from './country-layout';
import { tinyModel } from '../model/test-graph';

describe('countryPositions', () => {
  it('places every node once, keeps a country’s nodes together and discs apart', () => {
    const model = tinyModel();
    // Put EE and DE on the same centroid: their discs must still not overlap.
    model.countries.set('DE', { ...model.countries.get('DE')!, latitude: 50, longitude: 10 });
    const ids = [...model.nodes.keys()];
    const positions = countryPositions(model, ids);
    expect([...positions.keys()].sort()).toEqual([...ids].sort());
    const ee = ['fn:ee-health', 'fn:ee-energy', 'prov:grid'].map((id) => positions.get(id)!);
    const de = positions.get('fac:dc')!;
    const eeCentre = { x: ee.reduce((s, p) => s + p.x, 0) / 3, y: ee.reduce((s, p) => s + p.y, 0) / 3 };
    for (const p of ee) expect(Math.hypot(p.x - eeCentre.x, p.y - eeCentre.y)).toBeLessThan(80);
    expect(Math.hypot(de.x - eeCentre.x, de.y - eeCentre.y)).toBeGreaterThan(60);
  });

  it('puts the west of the Atlantic left of Europe', () => {
    const p = countryProjection();
    expect(p([-98, 40])![0]).toBeLessThan(p([10, 51])![0]);
  });
});
