/**
 * The propagation engine: how failure (OUTAGE: HARD, THRESHOLD, DISTRESS) and
 * compromise (COMPROMISE: ACCESS, DISRUPT) travel along DEPENDS_ON, from supplier
 * to dependent, on an immutable compact graph. Pure functions: no I/O, no
 * database, no GraphQL. Semantics: graph-schema/README.md.
 */
export { AnalysisInputError } from '../errors';
export { applyOverlay, buildPropagationGraph, expandOrigins, graphToInput } from './graph';
export { debtRankLoss, hardFailureSet, simulateOutage } from './outage';
export { explanationPath, illustrativeShare } from './explain';
export type { ExplanationPath } from './explain';
export { MAX_RUNS, mergeCompromiseTallies, runCompromise, summariseCompromise } from './compromise';
export type { CompromiseSummary, ImportanceStatistics } from './compromise';
export { KIND_CODES } from './types';
export type {
  CompromiseOptions,
  CompromiseTally,
  EdgeInput,
  GraphInput,
  KindName,
  NodeInput,
  OutageOptions,
  OutageResult,
  Overlay,
  PropagationGraph,
} from './types';
