/**
 * The result of a blast-radius analysis with nodes and dependencies as ids:
 * serialisable (scenarios store it as JSON) and independent of the database.
 * `hydrate` (./hydrate.ts) turns it into GraphQL objects.
 */
import type { CompromiseEffect, NodeKind, OutageRule, PropagationMode, Sector } from '../../../graph-schema/vocabulary';
import type { DependencyRecord } from '../../model/records';

export interface ExplanationIds {
  nodes: string[];
  dependencies: string[];
  illustrativeShare: number;
}

export interface AffectedIds {
  id: string;
  kind: NodeKind;
  state: 'ORIGIN' | 'FAILED' | 'DEGRADED' | 'COMPROMISED';
  /** What happened to it (an origin counts by its effect): src/analysis/impact/outcome.ts. */
  effect?: 'FAILED' | 'DEGRADED' | 'COMPROMISED';
  hour: number;
  restoredHour: number | null;
  wave: number;
  /** Loss share in [0, 1] (1 when failed). */
  loss?: number;
  /** Old name of loss. */
  distress: number;
  /** Share of runs with its effect (1 in deterministic modes). */
  probability: number;
  compromisedProbability?: number;
  failedProbability?: number;
  /** Location and jurisdiction country ids ('' when unknown), sector for functions. */
  location: string;
  jurisdiction: string;
  sector: Sector | null;
  importance: number;
  explanation: ExplanationIds;
}

export interface CrossBorderIds {
  basis: 'LOCATION' | 'JURISDICTION';
  originCountries: string[];
  countries: { country: string; natoMember: boolean; originCountry: boolean; affected: number; functions: number }[];
  foreignNato: number;
  foreignNonNato: number;
}

export interface BlastResultIds {
  snapshotVersion: number;
  mode: PropagationMode;
  rule: OutageRule;
  effect: CompromiseEffect | null;
  /** Hours the origins stayed down (null: open-ended); absent in results stored before it existed. */
  durationHours?: number | null;
  lossProbability?: number;
  minLoss?: number;
  origins: string[];
  affected: AffectedIds[];
  totals: {
    affected: number;
    byKind: { kind: NodeKind; count: number }[];
    byCountry: { country: string; count: number }[];
    bySector: { sector: Sector; count: number; importance: number; failed?: number; degraded?: number; compromised?: number; importanceLost?: number; importanceCompromised?: number }[];
    /** Functions FAILED (stopped). */
    functionsLost: number;
    functionsFailed?: number;
    functionsDegraded?: number;
    functionsCompromised?: number;
    /** Σ importance × loss over FAILED and DEGRADED functions. */
    importanceLost: number;
    importanceCompromised?: number;
    /** Nodes the run touched whose outcome fell below the thresholds. */
    belowThreshold?: number;
  };
  functionsLostByCountry: {
    country: string;
    functions: string[];
    count: number;
    importance: number;
    failed?: number;
    degraded?: number;
    compromised?: number;
    importanceLost?: number;
    importanceCompromised?: number;
  }[];
  crossBorder: { byLocation: CrossBorderIds; byJurisdiction: CrossBorderIds; borderCrossings: string[] };
  compromise: {
    runs: number;
    seed: number;
    expectedImportance: number;
    importanceStdDev: number;
    importanceP5: number;
    importanceP50: number;
    importanceP95: number;
    expectedFunctions: number;
    /** Σ over functions of the share of runs in which each failed / was compromised. */
    expectedFunctionsFailed?: number;
    expectedFunctionsCompromised?: number;
    /** Σ importance × mean loss share over functions. */
    expectedImportanceLost?: number;
  } | null;
  debtRank: number | null;
  illustrativeShare: number;
  /** Dependencies that exist only in this what-if, so that explanations can show them. */
  hypothetical: DependencyRecord[];
}
