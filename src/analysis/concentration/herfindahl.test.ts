import { describe, expect, it } from 'vitest';
import { concentrationBand, herfindahlIndex } from './herfindahl';
import { expectInvalid } from './test-utils';

describe('herfindahlIndex: bad input throws first', () => {
  it('rejects empty, negative, non-finite and all-zero shares', () => {
    expectInvalid(() => herfindahlIndex(null as unknown as number[]), 'shares');
    expectInvalid(() => herfindahlIndex([]), 'shares');
    expectInvalid(() => herfindahlIndex([0, 0]), 'shares');
    expectInvalid(() => herfindahlIndex([0.5, -0.1]), 'shares[1]');
    expectInvalid(() => herfindahlIndex([Number.NaN]), 'shares[0]');
    expectInvalid(() => herfindahlIndex([Infinity, 1]), 'shares[0]');
    expectInvalid(() => concentrationBand(-1), 'hhi');
    expectInvalid(() => concentrationBand(10_001), 'hhi');
  });
});

describe('herfindahlIndex: values', () => {
  it('a monopoly is 10,000', () => {
    expect(herfindahlIndex([7])).toEqual({ hhi: 10_000, band: 'HIGHLY_CONCENTRATED' });
  });
  it('50/30/20 is 2,500 + 900 + 400 = 3,800, in any unit', () => {
    expect(herfindahlIndex([0.5, 0.3, 0.2]).hhi).toBeCloseTo(3800, 9);
    expect(herfindahlIndex([50, 30, 20]).hhi).toBeCloseTo(3800, 9);
    expect(herfindahlIndex([5, 3, 2, 0]).hhi).toBe(3800); // zero shares add nothing
    expect(herfindahlIndex([1e300, 1e300]).hhi).toBeCloseTo(5000, 9); // no overflow
  });
  it('n equal firms give 10,000 / n', () => {
    const equal = (n: number): number[] => Array.from({ length: n }, () => 1);
    expect(herfindahlIndex(equal(4))).toEqual({ hhi: 2500, band: 'HIGHLY_CONCENTRATED' });
    expect(herfindahlIndex(equal(10))).toEqual({ hhi: 1000, band: 'MODERATELY_CONCENTRATED' });
    expect(herfindahlIndex(equal(20))).toEqual({ hhi: 500, band: 'UNCONCENTRATED' });
  });
  it('the bands: > 1,800 high, 1,000..1,800 moderate, < 1,000 unconcentrated', () => {
    expect(concentrationBand(1800.01)).toBe('HIGHLY_CONCENTRATED');
    expect(concentrationBand(1800)).toBe('MODERATELY_CONCENTRATED');
    expect(concentrationBand(1000)).toBe('MODERATELY_CONCENTRATED');
    expect(concentrationBand(999.99)).toBe('UNCONCENTRATED');
    expect(concentrationBand(0)).toBe('UNCONCENTRATED');
  });
});
