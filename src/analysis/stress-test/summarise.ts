/**
 * Summary of a stress-test tally: the failure probability of each critical
 * function and each country with its Wilson 95 % interval, and the distribution
 * of functions lost per run (p5, p50, p95 as numpy's default quantile, max,
 * mean). [Reference]: Wilson (1927), see ../statistics.
 * Complexity: O(n + C + R log R) for R runs.
 */
import type { PropagationGraph } from '../propagation/types';
import { distributionSummary, wilsonInterval } from '../statistics';
import { AnalysisInputError } from '../errors';
import { criticalFunctions } from './stress-range';
import type { CountryStress, FunctionStress, ProbabilityEstimate, StressContext, StressSummary, StressTally } from './types';
import { validateStressContext } from './validate';

export function summariseStressTest(g: PropagationGraph, ctx: StressContext, tally: StressTally): StressSummary {
  validateStressContext(g, ctx);
  const functions = criticalFunctions(g);
  if (tally === null || typeof tally !== 'object' || !(tally.runFunctions instanceof Int32Array)) {
    throw new AnalysisInputError('tally', 'is not a stress-test tally');
  }
  const runs = tally.runsTo - tally.runsFrom;
  if (!(runs >= 1) || tally.runFunctions.length !== runs || tally.runImportance.length !== runs) {
    throw new AnalysisInputError('tally', `must cover at least one run, got [${tally.runsFrom}, ${tally.runsTo})`);
  }
  if (tally.functionFailures.length !== functions.length || tally.countryFailures.length !== ctx.countries.length) {
    throw new AnalysisInputError('tally', 'does not fit this graph and context (function or country counts differ)');
  }

  const estimate = (failures: number): ProbabilityEstimate => {
    const w = wilsonInterval(failures, runs);
    return { failures, probability: w.estimate, lower: w.lower, upper: w.upper };
  };
  const countryFunctions = new Int32Array(ctx.countries.length);
  const countryImportance = new Float64Array(ctx.countries.length);
  const functionRows: FunctionStress[] = [];
  functions.forEach((v, i) => {
    const c = ctx.functionCountry[v]!;
    if (c >= 0) {
      countryFunctions[c]! += 1;
      countryImportance[c]! += g.importance[v]!;
    }
    functionRows.push({
      node: v,
      id: g.ids[v]!,
      country: c >= 0 ? ctx.countries[c]! : null,
      importance: g.importance[v]!,
      ...estimate(tally.functionFailures[i]!),
      degraded: estimate(tally.functionDegradations[i]!),
    });
  });
  const countryRows: CountryStress[] = [];
  for (let c = 0; c < ctx.countries.length; c++) {
    if (countryFunctions[c] === 0) continue;
    countryRows.push({
      country: c,
      id: ctx.countries[c]!,
      functions: countryFunctions[c]!,
      importance: countryImportance[c]!,
      ...estimate(tally.countryFailures[c]!),
    });
  }
  return {
    runsFrom: tally.runsFrom,
    runsTo: tally.runsTo,
    runs,
    functions: functionRows,
    countries: countryRows,
    functionsLost: {
      count: distributionSummary(tally.runFunctions),
      importance: distributionSummary(tally.runImportance),
    },
  };
}
