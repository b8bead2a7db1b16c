/**
 * The sensitivity table of `npm run bench`: the headline answers under each
 * illustrative generator rule left out in turn, on public record only, and for
 * two outage durations, so that a reader sees how much of an answer rests on
 * assumptions (the three durations straddle the graces: identity 1 h, data
 * centres' fuel 12 h, hospitals' generators 24 h). Every variant is built in memory from the seed files (the same
 * nodes, the stored public-record edges, the generator's rows without that rule)
 * and analysed with the same engine and outcome definition as the API.
 */
import { DEFAULT_DURATION_HOURS, type NodeKind } from '../../graph-schema/vocabulary';
import { generateIllustrative, generateWithout, loadFacts, RULES } from '../../seed/generator/generate';
import type { RuleId } from '../../seed/generator/rules';
import { CANDIDATE_KINDS, outageCandidateLoss, rankCandidates } from '../analysis/linchpin-score';
import { buildPropagationGraph, graphToInput } from '../analysis/propagation';
import { KIND_CODES, type PropagationGraph } from '../analysis/propagation/types';
import { dropMixedCapacities, edgeInputOf, type Snapshot } from '../projection/snapshot';
import { normaliseRequest, runBlastRadius, type BlastRadiusRequest } from '../services/analysis/blast-radius';
import type { BlastResultIds } from '../services/analysis/blast-result';

export const SENSITIVITY_DURATIONS = [4, DEFAULT_DURATION_HOURS, 72] as const;

export interface Variant {
  label: string;
  graph: PropagationGraph;
  excludeIllustrative: boolean;
}

/** The model with each generator rule left out in turn, plus the whole model and public record only. */
export function variants(snapshot: Snapshot): Variant[] {
  const facts = loadFacts();
  const generatedIds = new Set(generateIllustrative(facts).dependencies.map((d) => d.id));
  const base = graphToInput(snapshot.propagation);
  const kept = base.edges.filter((e) => !generatedIds.has(e.id)); // public record (and anything else stored)
  const build = (without: RuleId): PropagationGraph => {
    const rows = generateWithout(facts, [without]).dependencies;
    // Sorted by id like the projection, so that Monte Carlo runs draw in the same edge order as on the whole model.
    const edges = [...kept, ...rows.map((r) => edgeInputOf(r.id, r.dependent, r.supplier, r as unknown as Record<string, unknown>))].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    dropMixedCapacities(edges);
    return buildPropagationGraph({ nodes: base.nodes, edges, owned: base.owned });
  };
  return [
    { label: 'whole model', graph: snapshot.propagation, excludeIllustrative: false },
    ...RULES.map((r) => ({ label: `without ${r.id}`, graph: build(r.id), excludeIllustrative: false })),
    { label: 'public record only', graph: snapshot.propagation, excludeIllustrative: true },
  ];
}

export interface Headline {
  label: string;
  durationHours: number;
  top: string[];
  /** Score of the first linchpin (0 when none). */
  topScore: number;
  cases: Record<string, { failed: number; degraded: number; compromised: number }>;
}

const counts = (r: BlastResultIds) => ({
  failed: r.totals.functionsFailed ?? r.totals.functionsLost,
  degraded: r.totals.functionsDegraded ?? 0,
  compromised: r.totals.functionsCompromised ?? 0,
});

export function headline(
  snapshot: Snapshot,
  v: Variant,
  durationHours: number,
  cases: readonly [string, BlastRadiusRequest][],
  replays: readonly [string, BlastRadiusRequest][],
): Headline {
  const s: Snapshot = { ...snapshot, propagation: v.graph };
  const g = v.graph;
  let top: string[] = [];
  let topScore = 0;
  if (!v.excludeIllustrative) {
    const losses = [];
    for (let u = 0; u < g.n; u++) if (CANDIDATE_KINDS.includes(KIND_CODES[g.kind[u]!] as NodeKind)) losses.push(outageCandidateLoss(g, u, { durationHours }));
    const ranked = rankCandidates(g, s, losses).slice(0, 10).filter((r) => r.score > 0);
    top = ranked.map((r) => r.id);
    topScore = ranked[0]?.score ?? 0;
  }
  const out: Headline['cases'] = {};
  const run = (req: BlastRadiusRequest) => runBlastRadius(s, normaliseRequest({ ...req, excludeIllustrative: v.excludeIllustrative }, s));
  for (const [name, req] of cases) out[name] = counts(run({ ...req, durationHours }));
  for (const [name, req] of replays) out[name] = counts(run(req));
  return { label: v.label, durationHours, top, topScore, cases: out };
}

/** Rows of the printed table. */
export function formatTable(rows: readonly Headline[], full: Headline): string[] {
  const names = Object.keys(full.cases);
  const cell = (c: { failed: number; degraded: number; compromised: number }) => `${c.failed}/${c.degraded}/${c.compromised}`.padStart(10);
  const lines = [
    `  ${'variant'.padEnd(20)} ${'h'.padStart(3)}  ${'top-10 kept'.padStart(11)}  ${'#1'.padStart(6)}  ${names.map((n) => n.padStart(10)).join(' ')}   top 3`,
  ];
  for (const r of rows) {
    const fullTop = r.durationHours === full.durationHours ? full.top : rows.find((x) => x.label === full.label && x.durationHours === r.durationHours)!.top;
    const kept = r.top.length === 0 ? 'n/a' : `${r.top.filter((id) => fullTop.includes(id)).length}/${fullTop.length}`;
    lines.push(`  ${r.label.padEnd(20)} ${String(r.durationHours).padStart(3)}  ${kept.padStart(11)}  ${r.topScore.toFixed(1).padStart(6)}  ${names.map((n) => cell(r.cases[n]!)).join(' ')}   ${r.top.slice(0, 3).join(' ') || '-'}`);
  }
  return lines;
}
