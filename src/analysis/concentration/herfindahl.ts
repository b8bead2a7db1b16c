/**
 * Herfindahl–Hirschman index
 * ==========================
 * [Reference]: U.S. Department of Justice and Federal Trade Commission, Merger
 *   Guidelines (18 December 2023), §2.1 (Guideline 1): the HHI is the sum of the
 *   squares of the market shares (in percent, so 0–10,000), and "markets with an
 *   HHI greater than 1,800 are highly concentrated". The lower bands (1,000–1,800
 *   moderately concentrated, below 1,000 unconcentrated) are those of the 1992
 *   Horizontal Merger Guidelines (rev. 1997), §1.51, which the 2023 text's 1,800
 *   threshold restores.
 * Complexity: O(k) for k shares.
 *
 * Shares are normalised to sum 1 first, so credits in any unit may be passed.
 */
import { AnalysisInputError } from '../errors';

export const HHI_HIGHLY_CONCENTRATED = 1800;
export const HHI_MODERATELY_CONCENTRATED = 1000;

export type ConcentrationBand = 'HIGHLY_CONCENTRATED' | 'MODERATELY_CONCENTRATED' | 'UNCONCENTRATED';

export interface HerfindahlResult {
  /** Σ (100 · share)², 0..10,000. */
  hhi: number;
  band: ConcentrationBand;
}

/** > 1,800 highly concentrated; 1,000..1,800 (both inclusive) moderately; < 1,000 unconcentrated. */
export function concentrationBand(hhi: number): ConcentrationBand {
  if (typeof hhi !== 'number' || !(hhi >= 0 && hhi <= 10_000 + 1e-6)) {
    throw new AnalysisInputError('hhi', `must be a number in 0..10000, got ${String(hhi)}`);
  }
  if (hhi > HHI_HIGHLY_CONCENTRATED) return 'HIGHLY_CONCENTRATED';
  if (hhi >= HHI_MODERATELY_CONCENTRATED) return 'MODERATELY_CONCENTRATED';
  return 'UNCONCENTRATED';
}

export function herfindahlIndex(shares: ArrayLike<number>): HerfindahlResult {
  if (shares === null || typeof shares !== 'object' || typeof shares.length !== 'number') {
    throw new AnalysisInputError('shares', 'must be an array of numbers');
  }
  let total = 0;
  for (let i = 0; i < shares.length; i++) {
    const x = shares[i];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new AnalysisInputError(`shares[${i}]`, `must be a finite number >= 0, got ${String(x)}`);
    }
    total += x;
  }
  if (!(total > 0)) throw new AnalysisInputError('shares', 'must have a positive sum');
  // 10,000 · Σx² / (Σx)²: exact for small integer credits (ten equal shares give
  // exactly 1,000, on the band boundary). Rescaled when the squares would overflow.
  let scale = 1;
  if (!Number.isFinite(total * total)) scale = total;
  let squares = 0;
  for (let i = 0; i < shares.length; i++) {
    const x = shares[i]! / scale;
    squares += x * x;
  }
  const t = total / scale;
  const hhi = Math.min(10_000, (10_000 * squares) / (t * t));
  return { hhi, band: concentrationBand(hhi) };
}
