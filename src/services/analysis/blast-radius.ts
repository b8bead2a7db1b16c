/**
 * blastRadius: validates a request, applies its what-if overlay to a private
 * copy of the snapshot's graph, runs the propagation engine, and reports the
 * result by node, kind, country, sector, location and jurisdiction. Reads
 * nothing from Neo4j: everything comes from one snapshot.
 */
import { CHANNELS, SECTOR_KEYS } from '../../../graph-schema/vocabulary';
import type { Channel, CompromiseEffect, NodeKind, OutageRule, PropagationMode } from '../../../graph-schema/vocabulary';
import { NotFoundError, ValidationError } from '../../errors';
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
import type { EdgeInput, Overlay, PropagationGraph } from '../../analysis/propagation/types';
import type { DependencyRecord } from '../../model/records';
import type { Snapshot } from '../../projection/snapshot';
import { defaultDependencyId } from '../node-writes';
import type { AffectedIds, BlastResultIds, CrossBorderIds, ExplanationIds } from './blast-result';

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
  runs?: number | null;
  seed?: number | null;
  overrides?: OverridesRequest | null;
  excludeIllustrative?: boolean | null;
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
  durationHours: number | null;
  runs: number;
  seed: number;
  overrides: OverridesRequest;
  excludeIllustrative: boolean;
}

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
  const durationHours = req.durationHours ?? null;
  if (durationHours !== null && !inRange(durationHours, 0, 1e9)) {
    problems.push({ path: 'durationHours', message: `durationHours must be a non-negative number of hours (got ${durationHours})` });
  }
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
    if (!(d.channel in CHANNELS)) problems.push({ path: `overrides.addDependencies[${i}].channel`, message: `unknown channel '${d.channel}'` });
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
    runs,
    seed,
    overrides: o,
    excludeIllustrative: req.excludeIllustrative ?? false,
  };
}

/** The hypothetical edges of a request, as engine inputs and as records for reporting. */
function hypotheticalEdges(o: OverridesRequest): { inputs: EdgeInput[]; records: DependencyRecord[] } {
  const inputs: EdgeInput[] = [];
  const records: DependencyRecord[] = [];
  for (const d of o.addDependencies ?? []) {
    const channel = d.channel as Channel;
    const id = d.id ?? `${defaultDependencyId(d.dependent, d.supplier, channel)}--what-if`;
    const edge: EdgeInput = {
      id,
      dependent: d.dependent,
      supplier: d.supplier,
      strength: d.strength ?? 1,
      propagation: d.propagation ?? 0,
      delayHours: d.delayHours ?? 0,
      recoveryHours: d.recoveryHours ?? null,
      integrity: CHANNELS[channel].integrity,
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
      source: 'what-if (hypothetical dependency, not stored)',
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
    const e = error as Error & { details?: string[] };
    throw new ValidationError(`the what-if overrides are inconsistent: ${e.message}`, (e.details ?? []).map((message) => ({ message })));
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
  let origins: number[];
  try {
    origins = expandOrigins(g, req.origins, req.providerOnly);
  } catch (error) {
    throw new ValidationError((error as Error).message);
  }
  const removed = (req.overrides.removeNodes ?? []).map((id) => g.index.get(id)!);
  const allOrigins = [...new Set([...origins, ...removed])].sort((a, b) => a - b);
  const isOrigin = new Uint8Array(g.n);
  for (const o of allOrigins) isOrigin[o] = 1;

  const affected: AffectedIds[] = [];
  const criticalEdges: number[] = [];
  let compromise: BlastResultIds['compromise'] = null;
  let debtRank: number | null = null;

  const base = (v: number) => {
    const sector = snapshot.sector[v]!;
    return {
      id: g.ids[v]!,
      kind: KIND_CODES[g.kind[v]!] as NodeKind,
      location: snapshot.countries[snapshot.location[v]!]?.id ?? '',
      jurisdiction: snapshot.countries[snapshot.jurisdiction[v]!]?.id ?? '',
      sector: sector >= 0 ? SECTOR_KEYS[sector]! : null,
      importance: g.importance[v]!,
    };
  };
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

  if (req.mode === 'OUTAGE') {
    const result = simulateOutage(g, { rule: req.rule, origins: allOrigins, durationHours: req.durationHours });
    if (req.rule === 'DISTRESS') debtRank = debtRankLoss(g, result);
    for (const v of result.affected) {
      const path = explanationPath(g, result, v);
      if (result.criticalEdge[v]! >= 0) criticalEdges.push(result.criticalEdge[v]!);
      const h = result.distress[v]!;
      affected.push({
        ...base(v),
        state: isOrigin[v] ? 'ORIGIN' : req.rule === 'DISTRESS' && h < 1 ? 'DEGRADED' : 'FAILED',
        hour: result.failHour[v]!,
        restoredHour: finite(result.restoreHour[v]!),
        wave: result.wave[v]!,
        distress: h,
        probability: 1,
        explanation: explanationIds(g, path.nodes, path.edges),
      });
    }
  } else {
    const tally = runCompromise(g, { origins: allOrigins, effect: req.effect, rule: req.rule, runs: req.runs, seed: req.seed });
    const summary = summariseCompromise(g, tally);
    compromise = {
      runs: req.runs,
      seed: req.seed,
      expectedImportance: summary.importance.mean,
      importanceStdDev: summary.importance.std,
      importanceP5: summary.importance.p5,
      importanceP50: summary.importance.p50,
      importanceP95: summary.importance.p95,
      expectedFunctions: summary.meanFunctions,
    };
    const chains = mostLikelyChains(g, allOrigins);
    // Under DISRUPT, nodes that fail without being compromised are explained by a
    // deterministic outage seeded with the compromised nodes at their median hours.
    let outageParents: Int32Array | null = null;
    if (req.effect === 'DISRUPT') {
      const seeded: { node: number; hour: number }[] = [];
      for (let v = 0; v < g.n; v++) {
        if (!isOrigin[v] && summary.compromisedProbability[v]! > 0) seeded.push({ node: v, hour: summary.medianHour[v]! });
      }
      outageParents = simulateOutage(g, { rule: req.rule, origins: allOrigins, seeded }).criticalEdge;
    }
    const parentOf = (v: number) =>
      summary.compromisedProbability[v]! > 0 || !outageParents ? chains.parentEdge[v]! : outageParents[v]!;
    for (let v = 0; v < g.n; v++) {
      const pCompromised = summary.compromisedProbability[v]!;
      const pFailed = summary.failedProbability[v]!;
      const p = isOrigin[v] ? 1 : Math.max(pCompromised, pFailed);
      if (p <= 0) continue;
      const path = chainBack(g, v, parentOf);
      if (!isOrigin[v] && path.edges.length > 0) criticalEdges.push(path.edges[path.edges.length - 1]!);
      affected.push({
        ...base(v),
        state: isOrigin[v] ? 'ORIGIN' : req.effect === 'DISRUPT' && pFailed > 0 ? 'FAILED' : 'COMPROMISED',
        hour: isOrigin[v] ? 0 : summary.medianHour[v]!,
        restoredHour: null,
        wave: path.edges.length,
        distress: 1,
        probability: p,
        explanation: explanationIds(g, path.nodes, path.edges),
      });
    }
    affected.sort((a, b) => a.hour - b.hour || a.wave - b.wave || (a.id < b.id ? -1 : 1));
  }

  return summarise(snapshot, g, req, allOrigins, affected, criticalEdges, compromise, debtRank, hypothetical);
}

function summarise(
  snapshot: Snapshot,
  g: PropagationGraph,
  req: NormalisedRequest,
  origins: number[],
  affected: AffectedIds[],
  criticalEdges: number[],
  compromise: BlastResultIds['compromise'],
  debtRank: number | null,
  hypothetical: DependencyRecord[],
): BlastResultIds {
  const count = <K>(items: readonly K[]) => {
    const m = new Map<K, number>();
    for (const k of items) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const weight = (a: AffectedIds) => (req.mode === 'COMPROMISE' ? a.probability : req.rule === 'DISTRESS' ? a.distress : 1);
  const functions = affected.filter((a) => a.kind === 'CriticalFunction');

  const bySector = new Map<string, { count: number; importance: number }>();
  const byCountryLoss = new Map<string, { functions: string[]; importance: number }>();
  for (const f of functions) {
    const s = bySector.get(f.sector!) ?? { count: 0, importance: 0 };
    s.count++;
    s.importance += f.importance * weight(f);
    bySector.set(f.sector!, s);
    const c = byCountryLoss.get(f.location) ?? { functions: [], importance: 0 };
    c.functions.push(f.id);
    c.importance += f.importance * weight(f);
    byCountryLoss.set(f.location, c);
  }

  const view = (basis: 'LOCATION' | 'JURISDICTION', of: Int32Array): CrossBorderIds => {
    const countryOf = (v: number) => snapshot.countries[of[v]!]?.id ?? '';
    const originCountries = [...new Set(origins.map(countryOf).filter((c) => c !== ''))].sort();
    const perCountry = new Map<string, { affected: number; functions: number }>();
    for (const a of affected) {
      const c = basis === 'LOCATION' ? a.location : a.jurisdiction;
      if (c === '') continue;
      const entry = perCountry.get(c) ?? { affected: 0, functions: 0 };
      entry.affected++;
      if (a.kind === 'CriticalFunction') entry.functions++;
      perCountry.set(c, entry);
    }
    let foreignNato = 0;
    let foreignNonNato = 0;
    const countries = [...perCountry.entries()]
      .map(([country, e]) => {
        const info = snapshot.countries[snapshot.countryIndex.get(country)!]!;
        const originCountry = originCountries.includes(country);
        if (!originCountry) {
          if (info.natoMember) foreignNato += e.affected;
          else foreignNonNato += e.affected;
        }
        return { country, natoMember: info.natoMember, originCountry, ...e };
      })
      .sort((a, b) => b.affected - a.affected || (a.country < b.country ? -1 : 1));
    return { basis, originCountries, countries, foreignNato, foreignNonNato };
  };

  const borderCrossings = [...new Set(criticalEdges)]
    .filter((e) => {
      const a = snapshot.location[g.edgeDependent[e]!]!;
      const b = snapshot.location[g.edgeSupplier[e]!]!;
      return a >= 0 && b >= 0 && a !== b;
    })
    .map((e) => g.edgeIds[e]!)
    .sort();

  const shares = functions.map((f) => f.explanation.illustrativeShare);
  return {
    snapshotVersion: snapshot.version,
    mode: req.mode,
    rule: req.rule,
    effect: req.mode === 'COMPROMISE' ? req.effect : null,
    origins: origins.map((v) => g.ids[v]!),
    affected,
    totals: {
      affected: affected.length,
      byKind: [...count(affected.map((a) => a.kind)).entries()].map(([kind, n]) => ({ kind, count: n })),
      byCountry: [...count(affected.map((a) => a.location).filter((c) => c !== '')).entries()]
        .map(([country, n]) => ({ country, count: n }))
        .sort((a, b) => b.count - a.count || (a.country < b.country ? -1 : 1)),
      bySector: [...bySector.entries()].map(([sector, s]) => ({ sector, ...s })).sort((a, b) => b.importance - a.importance || (a.sector < b.sector ? -1 : 1)),
      functionsLost: functions.length,
      importanceLost: functions.reduce((sum, f) => sum + f.importance * weight(f), 0),
    },
    functionsLostByCountry: [...byCountryLoss.entries()]
      .map(([country, c]) => ({ country, functions: c.functions, count: c.functions.length, importance: c.importance }))
      .sort((a, b) => b.importance - a.importance || (a.country < b.country ? -1 : 1)),
    crossBorder: { byLocation: view('LOCATION', snapshot.location), byJurisdiction: view('JURISDICTION', snapshot.jurisdiction), borderCrossings },
    compromise,
    debtRank,
    illustrativeShare: shares.length === 0 ? 0 : shares.reduce((a, b) => a + b, 0) / shares.length,
    hypothetical,
  };
}
