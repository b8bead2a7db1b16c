/**
 * The shapes resolvers receive as parents (codegen "mappers"): what the store
 * hands back, before field resolvers turn it into the GraphQL types.
 */
import type { NodeKind, Sector } from '../../graph-schema/vocabulary';
import type { DependencyRecord } from '../model/records';

/** A stored node: its kind, its properties and the ids its structural relationships point to. */
export interface NodeModel {
  kind: NodeKind;
  id: string;
  props: Record<string, unknown>;
  /** Record field (e.g. `headquarters`, `operator`, `origins`) → referenced ids. */
  refs: Record<string, string[]>;
}

export interface DependencyModel {
  record: DependencyRecord;
  /** The stored revision (1 when the store has none yet). */
  revision?: number;
  /** Location country of each end, when the query computed it. */
  dependentCountry?: string | null;
  supplierCountry?: string | null;
}

/** What a delete removed and changed; `orphaned` and `adjusted` only come from a node's forced delete. */
export interface DeleteResultModel {
  id: string;
  detached: { type: string; id: string | null; from: string; to: string }[];
  orphaned?: { id: string; field: string }[];
  adjusted?: string[];
}

export interface NeighbourhoodModel {
  root: NodeModel;
  direction: 'DEPENDENCIES' | 'DEPENDENTS';
  depth: number;
  nodes: NodeModel[];
  steps: { depth: number; dependency: DependencyModel }[];
  truncated: boolean;
}

export interface PathModel {
  nodes: NodeModel[];
  dependencies: DependencyModel[];
  length: number;
}

export interface CountrySummaryModel {
  country: NodeModel;
  functionsBySector: { sector: Sector; count: number; importance: number }[];
  functionCount: number;
  providers: { provider: NodeModel; foreign: boolean; functionCount: number; dependencyCount: number }[];
  dependencyCount: number;
  crossBorderDependencyCount: number;
  crossBorderShare: number;
  foreignProvidersByHeadquarters: { country: NodeModel; providers: NodeModel[]; dependencyCount: number }[];
}
