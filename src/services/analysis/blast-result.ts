/**
 * The result of a blast-radius analysis with nodes and dependencies as ids:
 * serialisable (scenarios store it as JSON) and independent of the database.
 * `hydrate` (./hydrate.ts) turns it into GraphQL objects.
 */
import type { CompromiseEffect, NodeKind, OutageRule, PropagationMode } from '../../../graph-schema/vocabulary';
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
  hour: number;
  restoredHour: number | null;
  wave: number;
  distress: number;
  probability: number;
  /** Location and jurisdiction country ids ('' when unknown), sector for functions. */
  location: string;
  jurisdiction: string;
  sector: string | null;
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
  origins: string[];
  affected: AffectedIds[];
  totals: {
    affected: number;
    byKind: { kind: NodeKind; count: number }[];
    byCountry: { country: string; count: number }[];
    bySector: { sector: string; count: number; importance: number }[];
    functionsLost: number;
    importanceLost: number;
  };
  functionsLostByCountry: { country: string; functions: string[]; count: number; importance: number }[];
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
  } | null;
  debtRank: number | null;
  illustrativeShare: number;
  /** Dependencies that exist only in this what-if, so that explanations can show them. */
  hypothetical: DependencyRecord[];
}
