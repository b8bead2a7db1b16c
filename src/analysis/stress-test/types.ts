/**
 * The contract of the Monte Carlo stress test: options, the country context,
 * the mergeable tally of a range of runs, and the summary. Pure data.
 */
import type { CompromiseEffect, OutageRule } from '../../../graph-schema/vocabulary';
import type { KindName } from '../propagation/types';
import type { DistributionSummary } from '../statistics';

/** Where nodes are and which country each critical function serves; country values index `countries`, -1 = none. */
export interface StressContext {
  /** Per node (length g.n): the country the node is located in, for country common shocks. */
  nodeCountry: Int32Array;
  /** Per node (length g.n): the country a critical function serves; -1 for other nodes. */
  functionCountry: Int32Array;
  /** Country ids (ISO alpha-2), by country index. */
  countries: readonly string[];
}

interface CommonStressOptions {
  /** Number of runs, 1..100,000. */
  runs: number;
  /** 32-bit unsigned seed; run r draws only from runRandom(seed, r). */
  seed: number;
  /** A country fails in a run when it loses at least this share of its importance-weighted functions, in (0, 1]; default 0.5. */
  countryLossShare?: number;
}

/** Independent random failures, optionally with Marshall–Olkin common shocks, then an outage cascade. */
export interface RandomFailureStressOptions extends CommonStressOptions {
  mode: 'RANDOM_FAILURE';
  /** Node kinds that fail independently (Provider, Facility, Service, CriticalFunction). */
  kinds: readonly KindName[];
  /** Probability that each node of those kinds fails, 0..1. */
  p: number;
  /** Per country and run: probability that every node located there fails together (default 0). */
  qCountry?: number;
  /** Per provider and run: probability that the provider and everything it owns fail together (default 0). */
  qProvider?: number;
  /** Outage rule of the cascade (default HARD). */
  rule?: OutageRule;
  /** How long the failed nodes stay down; null = until further notice (default). */
  durationHours?: number | null;
}

/** A fixed origin set compromised in every run; the compromise spreads with the edges' probabilities. */
export interface CompromiseStressOptions extends CommonStressOptions {
  mode: 'COMPROMISE';
  /** Node indices compromised at hour 0 (passed to runCompromise as given: expand providers first if wanted). */
  origins: readonly number[];
  effect: CompromiseEffect;
  /** Outage rule for the outage DISRUPT starts (default HARD). */
  rule?: OutageRule;
}

export type StressTestOptions = RandomFailureStressOptions | CompromiseStressOptions;
export type StressMode = StressTestOptions['mode'];

/**
 * Counts over runs [runsFrom, runsTo); tallies of adjacent ranges merge exactly.
 * Functions are the graph's critical functions in ascending node index.
 */
export interface StressTally {
  runsFrom: number;
  runsTo: number;
  /** Per function: in how many runs it was lost. */
  functionFailures: Int32Array;
  /** Per function: in how many runs it was DEGRADED (loss ≥ minLoss, not failed; timed runs only). */
  functionDegradations: Int32Array;
  /** Per country (ctx.countries order): in how many runs it failed. */
  countryFailures: Int32Array;
  /** Per run (index run − runsFrom): functions lost, and their importance. */
  runFunctions: Int32Array;
  runImportance: Float64Array;
}

export interface ProbabilityEstimate {
  /** Runs in which it happened. */
  failures: number;
  /** failures / runs. */
  probability: number;
  /** Wilson 95 % score interval. */
  lower: number;
  upper: number;
}

export interface FunctionStress extends ProbabilityEstimate {
  node: number;
  id: string;
  /** Country id it serves, or null. */
  country: string | null;
  importance: number;
  /** Runs in which it was DEGRADED, not lost, with its Wilson interval. */
  degraded: ProbabilityEstimate;
}

export interface CountryStress extends ProbabilityEstimate {
  country: number;
  id: string;
  /** Its critical functions and their total importance. */
  functions: number;
  importance: number;
}

export interface StressSummary {
  runsFrom: number;
  runsTo: number;
  runs: number;
  /** Every critical function, by node index. */
  functions: FunctionStress[];
  /** Every country serving at least one function, by country index. */
  countries: CountryStress[];
  /** Distribution over runs of the functions lost (count, and importance-weighted). */
  functionsLost: { count: DistributionSummary; importance: DistributionSummary };
}
