/**
 * Monte Carlo stress tests: random failures with common shocks, or a fixed
 * compromise, run after run; tallies over run ranges merge exactly, so the runs
 * can be spread over workers (src/jobs) with identical results.
 */
export { AnalysisInputError } from '../errors';
export { stressTestRange, criticalFunctions } from './stress-range';
export { mergeStressTallies } from './merge';
export { summariseStressTest } from './summarise';
export { MAX_RUNS, resolveStressOptions, validateStressContext, type ResolvedStressOptions } from './validate';
export type {
  CompromiseStressOptions,
  CountryStress,
  FunctionStress,
  ProbabilityEstimate,
  RandomFailureStressOptions,
  StressContext,
  StressMode,
  StressSummary,
  StressTally,
  StressTestOptions,
} from './types';
