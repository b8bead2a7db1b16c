/**
 * Small statistics for Monte Carlo results: the Wilson score interval of a
 * proportion, quantiles as numpy computes them, and a five-number summary.
 *
 * [Reference]: E. B. Wilson, "Probable inference, the law of succession, and
 *   statistical inference", J. Am. Stat. Assoc. 22 (158), 209–212, 1927.
 * [Reference]: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical
 *   packages", The American Statistician 50 (4), 361–365, 1996 (definition 7,
 *   numpy's default `method='linear'`).
 * Complexity: wilsonInterval O(1); quantile O(n) (the sortedness check);
 *   distributionSummary O(n log n) (one sort of a copy).
 */
import { ValidationError } from '../errors';

/** A bad argument to one of these functions; `argument` names it. */
export class AnalysisInputError extends ValidationError {
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`, [{ path: argument, message }]);
    this.argument = argument;
  }
}

/** The 0.975 quantile of the standard normal distribution: a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface ProportionInterval {
  /** successes / n */
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a binomial proportion:
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
 *
 * The bounds are exactly 0 when successes = 0 and exactly 1 when successes = n
 * (the formula gives these up to rounding).
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): ProportionInterval {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new AnalysisInputError('n', `must be an integer >= 1, got ${String(n)}`);
  }
  if (typeof successes !== 'number' || !Number.isSafeInteger(successes) || successes < 0 || successes > n) {
    throw new AnalysisInputError('successes', `must be an integer in 0..${n}, got ${String(successes)}`);
  }
  if (typeof z !== 'number' || !Number.isFinite(z) || z <= 0) {
    throw new AnalysisInputError('z', `must be a finite number > 0, got ${String(z)}`);
  }
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const lower = successes === 0 ? 0 : Math.max(0, centre - half);
  const upper = successes === n ? 1 : Math.min(1, centre + half);
  return { estimate: p, lower, upper };
}

/**
 * The q-quantile of values sorted ascending, by linear interpolation between
 * closest ranks (Hyndman & Fan type 7), computed as numpy does:
 * h = (n − 1)·q, i = ⌊h⌋, γ = h − i, then `numpy._lerp(x[i], x[i+1], γ)`, which
 * is x[i] + (x[i+1] − x[i])·γ for γ < 0.5 and x[i+1] − (x[i+1] − x[i])·(1 − γ)
 * otherwise (the two forms round differently; numpy uses both).
 */
export function quantile(sortedValues: ArrayLike<number>, q: number): number {
  checkValues(sortedValues, 'sortedValues');
  for (let i = 1; i < sortedValues.length; i++) {
    if (sortedValues[i]! < sortedValues[i - 1]!) {
      throw new AnalysisInputError('sortedValues', `must be sorted ascending, but [${i - 1}] > [${i}]`);
    }
  }
  if (typeof q !== 'number' || !(q >= 0 && q <= 1)) {
    throw new AnalysisInputError('q', `must be a number in [0, 1], got ${String(q)}`);
  }
  return quantileOfSorted(sortedValues, q);
}

/** `quantile` without the checks, for callers that sorted the values themselves. */
function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const h = (n - 1) * q;
  const i = Math.floor(h);
  if (i >= n - 1) return sorted[n - 1]!;
  const a = sorted[i]!;
  const b = sorted[i + 1]!;
  const gamma = h - i;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

export interface DistributionSummary {
  p5: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** 5th, 50th and 95th percentiles (numpy's default), maximum and mean of a non-empty sample. */
export function distributionSummary(values: ArrayLike<number>): DistributionSummary {
  checkValues(values, 'values');
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += values[i]!;
  return {
    p5: quantileOfSorted(sorted, 0.05),
    p50: quantileOfSorted(sorted, 0.5),
    p95: quantileOfSorted(sorted, 0.95),
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
  };
}

function checkValues(values: ArrayLike<number>, argument: string): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new AnalysisInputError(argument, 'must be an array of numbers');
  }
  if (values.length === 0) throw new AnalysisInputError(argument, 'must not be empty');
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new AnalysisInputError(`${argument}[${i}]`, `must be a finite number, got ${String(x)}`);
    }
  }
}
