import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { AnalysisInputError, distributionSummary, quantile, wilsonInterval } from './statistics';

function expectInput(fn: () => unknown, argument: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AnalysisInputError);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as AnalysisInputError).argument).toBe(argument);
    return;
  }
  throw new Error(`expected a AnalysisInputError on ${argument}`);
}

describe('statistics: bad input throws first', () => {
  it('wilsonInterval', () => {
    expectInput(() => wilsonInterval(0, 0), 'n');
    expectInput(() => wilsonInterval(1, 2.5), 'n');
    expectInput(() => wilsonInterval(3, 2), 'successes');
    expectInput(() => wilsonInterval(-1, 2), 'successes');
    expectInput(() => wilsonInterval(0.5, 2), 'successes');
    expectInput(() => wilsonInterval(1, 2, 0), 'z');
    expectInput(() => wilsonInterval(1, 2, Number.NaN), 'z');
  });
  it('quantile', () => {
    expectInput(() => quantile([], 0.5), 'sortedValues');
    expectInput(() => quantile([2, 1], 0.5), 'sortedValues');
    expectInput(() => quantile([1, Number.NaN], 0.5), 'sortedValues[1]');
    expectInput(() => quantile([1, 2], 1.5), 'q');
    expectInput(() => quantile([1, 2], -0.1), 'q');
    expectInput(() => quantile([1, 2], Number.NaN), 'q');
  });
  it('distributionSummary', () => {
    expectInput(() => distributionSummary([]), 'values');
    expectInput(() => distributionSummary([1, Infinity]), 'values[1]');
  });
});

describe('wilsonInterval: published values', () => {
  it('8 of 10 gives [0.4902, 0.9433]', () => {
    const r = wilsonInterval(8, 10);
    expect(r.estimate).toBe(0.8);
    expect(r.lower).toBeCloseTo(0.4902, 4);
    expect(r.upper).toBeCloseTo(0.9433, 4);
  });

  // R. G. Newcombe, "Two-sided confidence intervals for the single proportion:
  // comparison of seven methods", Statistics in Medicine 17 (1998), Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i matches Newcombe (1998)', (s, n, lower, upper) => {
    const r = wilsonInterval(s, n, 1.96);
    expect(r.lower).toBeCloseTo(lower, 4);
    expect(r.upper).toBeCloseTo(upper, 4);
  });

  it('is exactly 0 or 1 at the ends and symmetric at one half', () => {
    expect(wilsonInterval(0, 20).lower).toBe(0);
    expect(wilsonInterval(10, 10).upper).toBe(1);
    expect(wilsonInterval(10, 10).lower).toBeCloseTo(0.7225, 4);
    const half = wilsonInterval(50, 100);
    expect(half.lower + half.upper).toBeCloseTo(1, 12);
    expect(half.lower).toBeCloseTo(0.4038, 4);
  });
});

describe('quantile: numpy linear (type 7)', () => {
  it('matches numpy.quantile / numpy.percentile', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5); // np.quantile([1,2,3,4], .5)
    expect(quantile([15, 20, 35, 40, 50], 0.4)).toBe(29); // np.percentile(.., 40)
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.05)).toBeCloseTo(1.45, 12); // np.percentile(.., 5)
    expect(quantile([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0.95)).toBeCloseTo(8.55, 12);
    expect(quantile([7], 0.3)).toBe(7);
    expect(quantile([1, 2, 3], 0)).toBe(1);
    expect(quantile([1, 2, 3], 1)).toBe(3);
    expect(quantile(Float64Array.from([3, 3, 3]), 0.5)).toBe(3);
  });
});

describe('distributionSummary', () => {
  it('five numbers of 1..20 (unsorted input)', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    const s = distributionSummary(values);
    expect(s.p5).toBeCloseTo(1.95, 12); // np.percentile(np.arange(1, 21), 5)
    expect(s.p50).toBe(10.5);
    expect(s.p95).toBeCloseTo(19.05, 12);
    expect(s.max).toBe(20);
    expect(s.mean).toBe(10.5);
    expect(values[0]).toBe(20); // the input is not sorted in place
  });
  it('a constant sample', () => {
    expect(distributionSummary(new Int32Array([0, 0, 0]))).toEqual({ p5: 0, p50: 0, p95: 0, max: 0, mean: 0 });
  });
});
