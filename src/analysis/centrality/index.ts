/**
 * Exact centrality measures on a compact graph (`../csr`), each equal to NetworkX's.
 * Pure functions: no I/O, no database, no GraphQL.
 */
export { ConvergenceError, AnalysisInputError } from '../errors';
export { degreeCentrality, inDegreeCentrality, outDegreeCentrality } from './degree';
export type { DegreeOptions } from './degree';
export {
  betweennessCentrality,
  samplingErrorBound,
  DEFAULT_EXACT_LIMIT,
  DEFAULT_SAMPLES,
} from './betweenness';
export type { BetweennessOptions, BetweennessResult } from './betweenness';
export { closenessCentrality } from './closeness';
export type { ClosenessOptions } from './closeness';
export { pagerank } from './pagerank';
export type { PageRankOptions, PageRankResult } from './pagerank';
export { hits } from './hits';
export type { HitsOptions, HitsResult } from './hits';
export { eigenvectorCentrality } from './eigenvector';
export type { EigenvectorOptions, EigenvectorResult } from './eigenvector';
