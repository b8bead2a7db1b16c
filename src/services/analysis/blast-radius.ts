/**
 * blastRadius: validates a request, applies its what-if overlay to a private
 * copy of the snapshot's graph, runs the propagation engine, and reports the
 * result by node, kind, country, sector, location and jurisdiction. Reads
 * nothing from Neo4j: everything comes from one snapshot.
 */
import { CHANNELS, SECTOR_KEYS, edgeCarriage } from '../../../graph-schema/vocabulary';
import { resolveDuration } from './duration';
import type { Channel, CompromiseEffect, NodeKind, OutageRule, PropagationMode } from '../../../graph-schema/vocabulary';
import { NotFoundError, ValidationError } from '../../errors';
import { AnalysisInputError } from '../../analysis/errors';
import type { ErrorDetail } from '../../errors';
import { mostLikelyChains } from '../../analysis/most-likely-chain';
import {
  applyOverlay,
  debtRankLoss,
  expandOrigins,
  explanationPath,
  illustrativeShare,
  runCompromise,
  simulateOutage,
  summariseCompromise,
} from '../../analysis/propagation';
import { KIND_CODES } from '../../analysis/propagation/types';
import { borderCrossings, crossBorderView } from '../../analysis/impact/cross-border';
import { compromiseOutcomes, DEFAULT_OUTCOME_OPTIONS, outageOutcomes, type Outcomes } from '../../analysis/impact/outcome';
import { impactTotals } from '../../analysis/impact/totals';
import type { EdgeInput, Overlay, PropagationGraph } from '../../analysis/propagation/types';
import type { DependencyRecord } from '../../model/records';
import type { Snapshot } from '../../projection/snapshot';
import { defaultDependencyId } from '../../model/dependency-id';
import type { AffectedIds, BlastResultIds, ExplanationIds } from './blast-result';

export interface OverridesRequest {
  removeNodes?: readonly string[] | null;
  removeDependencies?: readonly string[] | null;
  addDependencies?:
    | readonly {
        id?: string | null;
        dependent: string;
        supplier: string;
        channel: string;
        strength?: number | null;
        propagation?: number | null;
        delayHours?: number | null;
        recoveryHours?: number | null;
        redundancyGroup?: string | null;
        minAlive?: number | null;
        graceHours?: number | null;
        carriesAvailability?: boolean | null;
        carriesIntegrity?: boolean | null;
        capacityShare?: number | null;
        /** Provenance of the hypothetical edge (default: hypothetical). Never dropped by excludeIllustrative. */
        source?: string | null;
      }[]
    | null;
  regroupDependencies?: readonly { dependency: string; redundancyGroup?: string | null; minAlive: number }[] | null;
}

export interface BlastRadiusRequest {
  origins: readonly string[];
  mode?: PropagationMode | null;
  rule?: OutageRule | null;
  effect?: CompromiseEffect | null;
  providerOnly?: boolean | null;
  durationHours?: number | null;
  /** An outage with no end: an explicit choice (durationHours must then be omitted). */
  openEnded?: boolean | null;
  /** COMPROMISE with DISRUPT: the origins' own availability also fails. */
  originOutage?: boolean | null;
  runs?: number | null;
  seed?: number | null;
  overrides?: OverridesRequest | null;
  excludeIllustrative?: boolean | null;
  lossProbability?: number | null;
  minLoss?: number | null;
}

export const MAX_ORIGINS = 1000;
/**
 * blastRadius answers inside the request, so its Monte Carlo is bounded; larger
 * runs go through stressTest (kind COMPROMISE), a job spread over worker threads.
 */
export const MAX_RUNS = 20_000;

/** The normalised request: defaults filled, everything checked. */
export interface NormalisedRequest {
  origins: string[];
  mode: PropagationMode;
  rule: OutageRule;
  effect: CompromiseEffect;
  providerOnly: boolean;
  /** Hours the origins stay down; null = open-ended (explicitly asked for). */
  durationHours: number | null;
  originOutage: boolean;
  runs: number;
  seed: number;
  overrides: OverridesRequest;
  excludeIllustrative: boolean;
  lossProbability: number;
  minLoss: number;
}

const KIND_FUNCTION = KIND_CODES.indexOf('CriticalFunction');

const inRange = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

export function normaliseRequest(req: BlastRadiusRequest, snapshot: Snapshot): NormalisedRequest {
  const problems: ErrorDetail[] = [];
  const g = snapshot.propagation;
  const known = (id: string) => g.index.has(id);
  const origins = [...new Set(req.origins)];
  if (origins.length === 0) problems.push({ path: 'origins', message: 'origins must name at least one node' });
  if (origins.length > MAX_ORIGINS) problems.push({ path: 'origins', message: `at most ${MAX_ORIGINS} origins (got ${origins.length})` });
  const mode = req.mode ?? 'OUTAGE';
  const runs = req.runs ?? 1000;
  const seed = req.seed ?? 1;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) problems.push({ path: 'runs', message: `runs must be an integer from 1 to ${MAX_RUNS} (got ${runs}); for more, run a COMPROMISE stressTest, which runs as a job` });
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) problems.push({ path: 'seed', message: `seed must be an integer from 0 to 4294967295 (got ${seed})` });
  const duration = resolveDuration(req.durationHours, req.openEnded);
  const durationHours = duration.durationHours;
  problems.push(...duration.problems);
  const lossProbability = req.lossProbability ?? DEFAULT_OUTCOME_OPTIONS.lossProbability;
  if (!inRange(lossProbability, 0, 1) || lossProbability === 0) {
    problems.push({ path: 'lossProbability', message: `lossProbability must be greater than 0 and at most 1 (got ${lossProbability})` });
  }
  const minLoss = req.minLoss ?? DEFAULT_OUTCOME_OPTIONS.minLoss;
  if (!inRange(minLoss, 0, 1) || minLoss === 0) problems.push({ path: 'minLoss', message: `minLoss must be greater than 0 and at most 1 (got ${minLoss})` });
  const o = req.overrides ?? {};
  for (const [i, d] of (o.addDependencies ?? []).entries()) {
    for (const key of ['strength', 'propagation'] as const) {
      const v = d[key];
      if (v !== null && v !== undefined && !inRange(v, 0, 1)) problems.push({ path: `overrides.addDependencies[${i}].${key}`, message: `${key} must be between 0 and 1 (got ${v})` });
    }
    for (const key of ['delayHours', 'recoveryHours'] as const) {
      const v = d[key];
      if (v !== null && v !== undefined && !inRange(v, 0, 1e9)) problems.push({ path: `overrides.addDependencies[${i}].${key}`, message: `${key} must be ≥ 0 (got ${v})` });
    }
    if (d.graceHours !== null && d.graceHours !== undefined && !inRange(d.graceHours, 0, 1e6)) {
      problems.push({ path: `overrides.addDependencies[${i}].graceHours`, message: `graceHours must be ≥ 0 (got ${d.graceHours})` });
    }
    if (d.capacityShare !== null && d.capacityShare !== undefined && (!inRange(d.capacityShare, 0, 1) || d.capacityShare === 0)) {
      problems.push({ path: `overrides.addDependencies[${i}].capacityShare`, message: `capacityShare must be greater than 0 and at most 1 (got ${d.capacityShare})` });
    }
    if (!(d.channel in CHANNELS)) problems.push({ path: `overrides.addDependencies[${i}].channel`, message: `unknown channel '${d.channel}'` });
    else if ((d.propagation ?? 0) > 0 && !edgeCarriage(d.channel as Channel, d).integrity) {
      problems.push({
        path: `overrides.addDependencies[${i}].propagation`,
        message: `propagation ${d.propagation} on a ${d.channel} dependency that carries no integrity: a compromise cannot cross it (set carriesIntegrity: true if it does)`,
      });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems.map((p) => p.message).join('; '), problems);

  const unknown = [
    ...origins.filter((id) => !known(id)).map((id) => `origins: '${id}'`),
    ...(o.removeNodes ?? []).filter((id) => !known(id)).map((id) => `overrides.removeNodes: '${id}'`),
    ...(o.removeDependencies ?? []).filter((id) => !g.edgeIndex.has(id)).map((id) => `overrides.removeDependencies: '${id}'`),
    ...(o.regroupDependencies ?? []).filter((r) => !g.edgeIndex.has(r.dependency)).map((r) => `overrides.regroupDependencies: '${r.dependency}'`),
    ...(o.addDependencies ?? []).flatMap((d, i) =>
      [d.dependent, d.supplier].filter((id) => !known(id)).map((id) => `overrides.addDependencies[${i}]: '${id}'`),
    ),
  ];
  if (unknown.length > 0) {
    throw new NotFoundError(
      `unknown id(s) in the analysed graph (providers, facilities, services and critical functions): ${unknown.join(', ')}`,
      unknown.map((message) => ({ message })),
    );
  }
  return {
    origins,
    mode,
    rule: req.rule ?? 'HARD',
    effect: req.effect ?? 'ACCESS',
    providerOnly: req.providerOnly ?? false,
    durationHours,
    originOutage: req.originOutage ?? false,
    runs,
    seed,
    overrides: o,
    excludeIllustrative: req.excludeIllustrative ?? false,
    lossProbability,
    minLoss,
  };
}

/** The hypothetical edges of a request, as engine inputs and as records for reporting. */
function hypotheticalEdges(o: OverridesRequest): { inputs: EdgeInput[]; records: DependencyRecord[] } {
  const inputs: EdgeInput[] = [];
  const records: DependencyRecord[] = [];
  for (const d of o.addDependencies ?? []) {
    const channel = d.channel as Channel;
    const id = d.id ?? `${defaultDependencyId(d.dependent, d.supplier, channel)}--what-if`;
    const carriage = edgeCarriage(channel, d);
    const edge: EdgeInput = {
      id,
      dependent: d.dependent,
      supplier: d.supplier,
      strength: d.strength ?? 1,
      propagation: d.propagation ?? 0,
      delayHours: d.delayHours ?? 0,
      recoveryHours: d.recoveryHours ?? null,
      integrity: carriage.integrity,
      availability: carriage.availability,
      graceHours: carriage.graceHours,
      capacity: d.capacityShare ?? null,
      // A what-if edge is an assumption (illustrative), with its own provenance; applyOverlay never
      // drops added edges for excludeIllustrative.
      illustrative: true,
      redundancyGroup: d.redundancyGroup ?? null,
      minAlive: d.minAlive ?? 1,
    };
    inputs.push(edge);
    records.push({
      id,
      dependent: d.dependent,
      supplier: d.supplier,
      type: 'CYBER',
      channel,
      strength: edge.strength,
      redundancyGroup: edge.redundancyGroup,
      minAlive: edge.minAlive,
      propagation: edge.propagation,
      delayHours: edge.delayHours,
      recoveryHours: edge.recoveryHours,
      graceHours: d.graceHours ?? null,
      carriesAvailability: d.carriesAvailability ?? null,
      carriesIntegrity: d.carriesIntegrity ?? null,
      capacityShare: d.capacityShare ?? null,
      source: d.source ?? 'what-if (hypothetical dependency, not stored)',
      confidence: 'LOW',
      illustrative: true,
      tlp: 'CLEAR',
      updatedAt: new Date().toISOString().slice(0, 10),
    });
  }
  return { inputs, records };
}

/** The graph a request runs on: the snapshot's, or a private overlay of it. */
export function requestGraph(snapshot: Snapshot, req: NormalisedRequest): { g: PropagationGraph; hypothetical: DependencyRecord[] } {
  const { inputs, records } = hypotheticalEdges(req.overrides);
  const overlay: Overlay = {
    removeEdges: req.overrides.removeDependencies ?? [],
    addEdges: inputs,
    regroupEdges: (req.overrides.regroupDependencies ?? []).map((r) => ({
      id: r.dependency,
      redundancyGroup: r.redundancyGroup ?? null,
      minAlive: r.minAlive,
    })),
    excludeIllustrative: req.excludeIllustrative,
  };
  const changes =
    overlay.removeEdges!.length + overlay.addEdges!.length + overlay.regroupEdges!.length > 0 || req.excludeIllustrative;
  try {
    return { g: changes ? applyOverlay(snapshot.propagation, overlay) : snapshot.propagation, hypothetical: records };
  } catch (error) {
    if (error instanceof AnalysisInputError) throw new ValidationError(`the what-if overrides are inconsistent: ${error.message}`, error.details);
    throw error;
  }
}

function explanationIds(g: PropagationGraph, nodes: readonly number[], edges: readonly number[]): ExplanationIds {
  return {
    nodes: nodes.map((v) => g.ids[v]!),
    dependencies: edges.map((e) => g.edgeIds[e]!),
    illustrativeShare: illustrativeShare(g, { nodes: [...nodes], edges: [...edges] }),
  };
}

/** Follows parent edges back to a node without one; returns nodes origin → v and the edges between. */
function chainBack(g: PropagationGraph, v: number, parentOf: (v: number) => number): { nodes: number[]; edges: number[] } {
  const nodes = [v];
  const edges: number[] = [];
  const seen = new Set([v]);
  let current = v;
  for (;;) {
    const e = parentOf(current);
    if (e < 0) break;
    const s = g.edgeSupplier[e]!;
    if (seen.has(s)) break;
    seen.add(s);
    edges.push(e);
    nodes.push(s);
    current = s;
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}

export function runBlastRadius(snapshot: Snapshot, req: NormalisedRequest): BlastResultIds {
  const { g, hypothetical } = requestGraph(snapshot, req);
  const origins = expandOrigins(g, req.origins, req.providerOnly);
  const removed = (req.overrides.removeNodes ?? []).map((id) => g.index.get(id)!);
  const allOrigins = [...new Set([...origins, ...removed])].sort((a, b) => a - b);
  const outcomeOptions = { lossProbability: req.lossProbability, minLoss: req.minLoss };

  let outcomes: Outcomes;
  const paths = new Map<number, { nodes: number[]; edges: number[] }>();
  let compromise: BlastResultIds['compromise'] = null;
  let debtRank: number | null = null;

  if (req.mode === 'OUTAGE') {
    const result = simulateOutage(g, { rule: req.rule, origins: allOrigins, durationHours: req.durationHours });
    if (req.rule === 'DISTRESS') debtRank = debtRankLoss(g, result);
    outcomes = outageOutcomes(g, result, allOrigins, outcomeOptions);
    for (const o of outcomes.nodes) {
      const path = explanationPath(g, result, o.node);
      paths.set(o.node, { nodes: [...path.nodes], edges: [...path.edges] });
    }
  } else {
    const tally = runCompromise(g, {
      origins: allOrigins,
      effect: req.effect,
      rule: req.rule,
      runs: req.runs,
      seed: req.seed,
      originOutage: req.originOutage,
      durationHours: req.durationHours,
    });
    const summary = summariseCompromise(g, tally);
    let expectedFailed = 0;
    let expectedCompromised = 0;
    let expectedLost = 0;
    for (let v = 0; v < g.n; v++) {
      if (g.kind[v] !== KIND_FUNCTION) continue;
      expectedFailed += summary.failedProbability[v]!;
      expectedCompromised += summary.compromisedProbability[v]!;
      expectedLost += g.importance[v]! * summary.expectedLoss[v]!;
    }
    compromise = {
      runs: req.runs,
      seed: req.seed,
      expectedImportance: summary.importance.mean,
      importanceStdDev: summary.importance.std,
      importanceP5: summary.importance.p5,
      importanceP50: summary.importance.p50,
      importanceP95: summary.importance.p95,
      expectedFunctions: summary.meanFunctions,
      expectedFunctionsFailed: expectedFailed,
      expectedFunctionsCompromised: expectedCompromised,
      expectedImportanceLost: expectedLost,
    };
    outcomes = compromiseOutcomes(g, summary, allOrigins, req.originOutage, outcomeOptions);
    const chains = mostLikelyChains(g, allOrigins);
    // Under DISRUPT, nodes that fail without being compromised are explained by a
    // deterministic outage seeded with the compromised nodes at their median hours.
    let outageParents: Int32Array | null = null;
    if (req.effect === 'DISRUPT') {
      const isOrigin = new Set(allOrigins);
      const seeded: { node: number; hour: number }[] = [];
      for (let v = 0; v < g.n; v++) {
        if (!isOrigin.has(v) && summary.compromisedProbability[v]! > 0) seeded.push({ node: v, hour: summary.medianHour[v]! });
      }
      outageParents = simulateOutage(g, {
        rule: req.rule,
        origins: req.originOutage ? allOrigins : [],
        seeded,
        durationHours: req.durationHours,
      }).criticalEdge;
    }
    const parentOf = (v: number) =>
      summary.compromisedProbability[v]! > 0 || !outageParents ? chains.parentEdge[v]! : outageParents[v]!;
    for (const o of outcomes.nodes) {
      const path = chainBack(g, o.node, parentOf);
      paths.set(o.node, path);
      o.wave = path.edges.length;
      o.criticalEdge = path.edges.length > 0 ? path.edges[path.edges.length - 1]! : -1;
    }
    outcomes.nodes.sort((a, b) => a.hour - b.hour || a.wave - b.wave || (g.ids[a.node]! < g.ids[b.node]! ? -1 : 1));
  }

  return summarise(snapshot, g, req, allOrigins, outcomes, paths, compromise, debtRank, hypothetical);
}

function summarise(
  snapshot: Snapshot,
  g: PropagationGraph,
  req: NormalisedRequest,
  origins: number[],
  outcomes: Outcomes,
  paths: ReadonlyMap<number, { nodes: number[]; edges: number[] }>,
  compromise: BlastResultIds['compromise'],
  debtRank: number | null,
  hypothetical: DependencyRecord[],
): BlastResultIds {
  const country = (i: number) => snapshot.countries[i]?.id ?? '';
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const affected: AffectedIds[] = outcomes.nodes.map((o) => {
    const v = o.node;
    const sector = snapshot.sector[v]!;
    const path = paths.get(v) ?? { nodes: [v], edges: [] };
    return {
      id: g.ids[v]!,
      kind: KIND_CODES[g.kind[v]!] as NodeKind,
      location: country(snapshot.location[v]!),
      jurisdiction: country(snapshot.jurisdiction[v]!),
      sector: sector >= 0 ? SECTOR_KEYS[sector]! : null,
      importance: g.importance[v]!,
      state: o.state,
      effect: o.effect,
      hour: o.hour,
      restoredHour: finite(o.restoredHour),
      wave: o.wave,
      loss: o.loss,
      distress: o.loss,
      probability: o.probability,
      compromisedProbability: o.compromisedProbability,
      failedProbability: o.failedProbability,
      explanation: explanationIds(g, path.nodes, path.edges),
    };
  });
  const totals = impactTotals(g, snapshot, outcomes.nodes, outcomes.belowThreshold);
  const criticalEdges = outcomes.nodes.map((o) => o.criticalEdge).filter((e) => e >= 0);
  const shares = affected.filter((a) => a.kind === 'CriticalFunction').map((a) => a.explanation.illustrativeShare);
  return {
    snapshotVersion: snapshot.version,
    mode: req.mode,
    rule: req.rule,
    effect: req.mode === 'COMPROMISE' ? req.effect : null,
    durationHours: req.durationHours,
    lossProbability: req.lossProbability,
    minLoss: req.minLoss,
    origins: origins.map((v) => g.ids[v]!),
    affected,
    totals: {
      affected: totals.affected,
      byKind: totals.byKind,
      byCountry: totals.byCountry,
      bySector: totals.bySector.map((r) => ({ sector: r.sector, count: r.count, failed: r.failed, degraded: r.degraded, compromised: r.compromised, importance: r.importanceLost + r.importanceCompromised, importanceLost: r.importanceLost, importanceCompromised: r.importanceCompromised })),
      functionsLost: totals.functionsLost,
      functionsFailed: totals.functionsFailed,
      functionsDegraded: totals.functionsDegraded,
      functionsCompromised: totals.functionsCompromised,
      importanceLost: totals.importanceLost,
      importanceCompromised: totals.importanceCompromised,
      belowThreshold: totals.belowThreshold,
    },
    functionsLostByCountry: totals.functionsLostByCountry.map((r) => ({
      country: r.country,
      functions: r.functions.map((v) => g.ids[v]!),
      count: r.functions.length,
      failed: r.failed,
      degraded: r.degraded,
      compromised: r.compromised,
      importance: r.importanceLost + r.importanceCompromised,
      importanceLost: r.importanceLost,
      importanceCompromised: r.importanceCompromised,
    })),
    crossBorder: {
      byLocation: crossBorderView(g, snapshot, origins, outcomes.nodes, 'LOCATION'),
      byJurisdiction: crossBorderView(g, snapshot, origins, outcomes.nodes, 'JURISDICTION'),
      borderCrossings: borderCrossings(g, snapshot, criticalEdges).map((e) => g.edgeIds[e]!),
    },
    compromise,
    debtRank,
    illustrativeShare: shares.length === 0 ? 0 : shares.reduce((a, b) => a + b, 0) / shares.length,
    hypothetical,
  };
}
