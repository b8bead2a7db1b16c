/**
 * The web app's GraphQL operations, typed with the generated result types.
 * The documents are the `.graphql` files in ./operations (codegen reads the
 * same files), so a typed wrapper can never drift from the query it sends.
 */
import analysisOps from './operations/analysis.graphql?raw';
import detailsOps from './operations/details.graphql?raw';
import graphOps from './operations/graph.graphql?raw';
import healthOps from './operations/health.graphql?raw';
import rankingsOps from './operations/rankings.graphql?raw';
import { request } from './client';
import { withFragments } from './document';
import type {
  BlastRadiusInput,
  BlastRadiusQuery,
  CentralityMetric,
  CentralityQuery,
  CompareScenariosQuery,
  ConcentrationQuery,
  ExpandNeighbourhoodQuery,
  FunctionsAtRiskQuery,
  GraphStatsQuery,
  GraphVersionQuery,
  GraphViewQuery,
  LinchpinsQuery,
  NodeDetailsQuery,
  OpenScenarioQuery,
  SaveScenarioInput,
  SaveScenarioMutation,
  ScenarioListQuery,
  SearchNodesQuery,
  SizeByCentralityQuery,
  SizeByLinchpinQuery,
} from './generated';

const GRAPH = withFragments(graphOps);
const HEALTH = withFragments(healthOps);
const DETAILS = withFragments(detailsOps);
const ANALYSIS = withFragments(analysisOps);
const RANKINGS = withFragments(rankingsOps);

export const operations = {
  graphStats: () => request<GraphStatsQuery>(HEALTH, 'GraphStats'),

  graphView: () => request<GraphViewQuery>(GRAPH, 'GraphView'),
  graphVersion: () => request<GraphVersionQuery>(GRAPH, 'GraphVersion'),
  sizeByCentrality: (metric: CentralityMetric) => request<SizeByCentralityQuery>(GRAPH, 'SizeByCentrality', { metric }),
  sizeByLinchpin: () => request<SizeByLinchpinQuery>(GRAPH, 'SizeByLinchpin'),
  expand: (id: string) => request<ExpandNeighbourhoodQuery>(GRAPH, 'ExpandNeighbourhood', { id }),
  search: (text: string) => request<SearchNodesQuery>(GRAPH, 'SearchNodes', { text }),

  nodeDetails: (id: string) => request<NodeDetailsQuery>(DETAILS, 'NodeDetails', { id }),
  functionsAtRisk: (id: string) => request<FunctionsAtRiskQuery>(DETAILS, 'FunctionsAtRisk', { id }),

  blastRadius: (input: BlastRadiusInput) => request<BlastRadiusQuery>(ANALYSIS, 'BlastRadius', { input }),
  scenarios: () => request<ScenarioListQuery>(ANALYSIS, 'ScenarioList'),
  scenario: (id: string) => request<OpenScenarioQuery>(ANALYSIS, 'OpenScenario', { id }),
  saveScenario: (input: SaveScenarioInput) => request<SaveScenarioMutation>(ANALYSIS, 'SaveScenario', { input }),
  compareScenarios: (a: string, b: string) => request<CompareScenariosQuery>(ANALYSIS, 'CompareScenarios', { a, b }),

  linchpins: (top: number) => request<LinchpinsQuery>(RANKINGS, 'Linchpins', { top }),
  centrality: (metric: CentralityMetric, top: number) => request<CentralityQuery>(RANKINGS, 'Centrality', { metric, top }),
  concentration: (country: string | null) => request<ConcentrationQuery>(RANKINGS, 'Concentration', { country }),
};

export type Operations = typeof operations;
