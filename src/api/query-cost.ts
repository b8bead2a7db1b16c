/**
 * The estimated cost of an operation, from its arguments (variables included)
 * and the size of the current graph, computed before anything runs:
 *
 * - field cost: every field resolves once per item of the lists above it, so
 *   a list field multiplies by its page size (`first`, `top`, the length of
 *   `ids`), a connection's `nodes` by the connection's `first`, an analysis
 *   result list (affected nodes, graph view) by the node count, an
 *   explanation's chain by CHAIN_LENGTH, and any other
 *   list (a provider's facilities…) by FAN_OUT. `first: 5000` nested inside
 *   lists is what made a 145-character query run for 27 s; the product is bounded.
 * - analysis cost: dependency visits of each analysis field; a COMPROMISE
 *   blastRadius costs runs × dependencies, a deterministic one the dependency count.
 *
 * Either over its budget is a TooComplexError naming the field, its cost and the budget.
 */
import type { FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { TooComplexError } from '../errors';
import { LIMITS } from './limits';
import { walkOperation } from './operation-walk';
import type { VisitedField } from './operation-walk';

/** The size of the graph the analyses run on. */
export interface GraphSize {
  nodes: number;
  dependencies: number;
}

/** Items assumed for a list field with no size argument (a provider's facilities, a country's functions). */
export const FAN_OUT = 25;

/** Lists as long as the graph: analysis results and whole-graph views. */
const GRAPH_SIZED = new Set([
  'BlastRadius.affected',
  'GraphView.nodes',
  'GraphView.dependencies',
  'GraphLayout.positions',
  'Neighbourhood.nodes',
  'Neighbourhood.steps',
  'StressTestResult.functions',
  'ScenarioComparison.onlyInA',
  'ScenarioComparison.onlyInB',
  'Mitigation.spared',
  'Mitigation.newlyAffected',
]);

/** Items assumed for an explanation: the chain of critical causes back to an origin, one per wave at most. */
export const CHAIN_LENGTH = 12;

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function listSize(f: VisitedField, graph: GraphSize): number {
  if (f.coordinate.endsWith('Connection.nodes')) return num(f.parentArgs.first, 50);
  if ('first' in f.args) return num(f.args.first, FAN_OUT);
  if ('top' in f.args) return num(f.args.top, FAN_OUT);
  if (Array.isArray(f.args.ids)) return f.args.ids.length;
  if ('k' in f.args) return num(f.args.k, 3);
  if (GRAPH_SIZED.has(f.coordinate)) return graph.nodes;
  if (f.coordinate.startsWith('Explanation.')) return CHAIN_LENGTH;
  return FAN_OUT;
}

type Input = Record<string, unknown>;
const input = (v: unknown): Input => (v && typeof v === 'object' ? (v as Input) : {});

/** A blast-radius request's work: runs × dependencies for COMPROMISE, one pass otherwise. */
function blastCost(request: Input, graph: GraphSize): number {
  const runs = request.mode === 'COMPROMISE' ? Math.max(1, num(request.runs, 1000)) : 1;
  return runs * Math.max(1, graph.dependencies);
}

/** Analysis fields → their estimated dependency visits. Fields not named cost nothing here (their field cost still counts). */
export const ANALYSIS_COST: Record<string, (args: Input, graph: GraphSize) => number> = {
  'Query.blastRadius': (a, g) => blastCost(input(a.input), g),
  'Mutation.saveScenario': (a, g) => blastCost(input(input(a.input).analysis), g),
  // Runs as a job off the request; its own caps live with the job manager. Counted once to bound aliases of it.
  'Mutation.stressTest': (_a, g) => g.dependencies,
  'Query.singlePointsOfFailure': (a, g) => (a.order2 === true ? g.nodes * g.dependencies : g.dependencies),
  'Query.backtest': (_a, g) => g.dependencies,
  'Query.mitigate': (_a, g) => 2 * g.dependencies,
  'Query.suggestMitigations': (a, g) => (1 + num(a.k, 3)) * g.dependencies,
  'Query.shortestDependencyPath': (_a, g) => g.dependencies,
  'Query.neighbourhood': (_a, g) => g.dependencies,
};

export interface OperationCost {
  fieldCost: number;
  analysisCost: number;
  /** The analysis fields, by response path, with their cost. */
  analyses: { path: string; coordinate: string; cost: number }[];
}

export function operationCost(options: {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  graph: GraphSize;
}): OperationCost {
  const cost: OperationCost = { fieldCost: 0, analysisCost: 0, analyses: [] };
  walkOperation({
    ...options,
    listSize: (f) => listSize(f, options.graph),
    visit(f) {
      cost.fieldCost += f.multiplicity * (f.isList ? Math.max(1, listSize(f, options.graph)) : 1);
      const analysis = ANALYSIS_COST[f.coordinate];
      if (analysis) {
        const c = Math.round(f.multiplicity * analysis(f.args, options.graph));
        cost.analysisCost += c;
        cost.analyses.push({ path: f.path, coordinate: f.coordinate, cost: c });
      }
    },
  });
  return cost;
}

/** Throws TOO_COMPLEX when either cost is over its budget, naming the costliest field. */
export function checkCost(cost: OperationCost, budgets: { field: number; analysis: number } = { field: LIMITS.maxFieldCost, analysis: LIMITS.maxAnalysisCost }): void {
  if (cost.analysisCost > budgets.analysis) {
    const top = [...cost.analyses].sort((a, b) => b.cost - a.cost)[0]!;
    const others = cost.analyses.length > 1 ? ` (${cost.analyses.length} analysis fields, ${cost.analysisCost} in total)` : '';
    throw new TooComplexError(
      `analysis cost: ${top.path} (${top.coordinate}) costs ${top.cost} dependency visits${others}; the budget per request is ${budgets.analysis}`,
    );
  }
  if (cost.fieldCost > budgets.field) {
    throw new TooComplexError(
      `field cost: the query would resolve about ${cost.fieldCost} fields (list sizes × nesting); the budget is ${budgets.field}; ask for smaller pages (first) or fewer nested lists`,
    );
  }
}
