/**
 * `npm run bench`: measures the analysis on the seed data (in the dev Neo4j,
 * seeded if empty) and on a generated 5,000-node graph, then runs the load
 * test (./bench-load.ts) against a local server, and prints the figures.
 * Nothing here asserts a time.
 *
 * LINCHPIN_BENCH_SECTIONS=analysis,load (default both) picks the sections;
 * LINCHPIN_BENCH_NEO4J=test runs on the suite's test instance instead of dev
 * (take /tmp/linchpin-neo4j-test.lock around it; the suite wipes it anyway).
 */
import { availableParallelism } from 'node:os';
import { betweennessCentrality } from '../analysis/centrality';
import { buildCsr } from '../analysis/csr';
import { buildPropagationGraph, hardFailureSet, runCompromise, simulateOutage } from '../analysis/propagation';
import type { EdgeInput, NodeInput } from '../analysis/propagation/types';
import { mulberry32 } from '../analysis/random';
import { loadSnapshot } from '../projection/snapshot-manager';
import { headlessLayout } from '../layout/headless-layout';
import { AnalysisService } from '../services/analysis/analysis-service';
import { connect } from '../store/driver';
import { releaseNeo4j, resolveNeo4j } from './neo4j-target';
import { prepareDatabase } from './seed-db';
import { reportError } from './report-error';
import { loadTest } from './bench-load';
import { INCIDENTS, printHeadlines } from './headlines';
import { formatTable, headline, SENSITIVITY_DURATIONS, variants } from './sensitivity';
import type { BlastRadiusRequest } from '../services/analysis/blast-radius';
import { incidentRequest } from '../services/analysis/scenarios';

const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`;
const mib = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;

async function time<T>(label: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const out = await f();
  console.log(`  ${label.padEnd(58)} ${ms(t0)}`);
  return out;
}

function generatedGraph(n: number, m: number, seed: number) {
  const random = mulberry32(seed);
  const kinds = ['Provider', 'Facility', 'Service', 'CriticalFunction'] as const;
  const nodes: NodeInput[] = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: kinds[i % 4]! }));
  const edges: EdgeInput[] = [];
  const seen = new Set<string>();
  while (edges.length < m) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    if (a === b || seen.has(`${a}>${b}`)) continue;
    seen.add(`${a}>${b}`);
    const grouped = random() < 0.3;
    edges.push({
      id: `e${edges.length}`,
      dependent: `n${a}`,
      supplier: `n${b}`,
      strength: random(),
      propagation: random() * 0.5,
      delayHours: random() * 4,
      recoveryHours: 12,
      integrity: random() < 0.3,
      illustrative: true,
      redundancyGroup: grouped ? `g${a}` : null,
      minAlive: 1,
    });
  }
  return { nodes, edges };
}

const SECTIONS = new Set((process.env.LINCHPIN_BENCH_SECTIONS ?? 'analysis,load').split(',').map((s) => s.trim()));
const INSTANCE = process.env.LINCHPIN_BENCH_NEO4J === 'test' ? 'test' : 'dev';

async function analysisSections(): Promise<void> {
  const target = await resolveNeo4j(INSTANCE, process.env, () => undefined);
  const db = connect(target.config);
  await prepareDatabase(db, { seed: 'if-empty' });

  console.log('\nseed data');
  const cold = await time('snapshot build (first, one streaming read)', () => loadSnapshot(db));
  console.log(`    ${cold.propagation.n} nodes, ${cold.propagation.m} dependencies, ${cold.countries.length} countries, version ${cold.version}`);
  await time('snapshot build (again)', () => loadSnapshot(db));

  const analysis = new AnalysisService(db);
  const snapshot = await analysis.snapshot();
  const modes = [
    ['OUTAGE HARD, prov:aws', { origins: ['prov:aws'] }],
    ['OUTAGE THRESHOLD, prov:aws', { origins: ['prov:aws'], rule: 'THRESHOLD' as const }],
    ['OUTAGE DISTRESS, prov:aws', { origins: ['prov:aws'], rule: 'DISTRESS' as const }],
    ['COMPROMISE ACCESS, svc:solarwinds-orion, 1,000 runs', { origins: ['svc:solarwinds-orion'], mode: 'COMPROMISE' as const, runs: 1000 }],
    ['COMPROMISE DISRUPT, svc:kaseya-vsa, 1,000 runs', { origins: ['svc:kaseya-vsa'], mode: 'COMPROMISE' as const, effect: 'DISRUPT' as const, runs: 1000 }],
  ] as const;
  for (const [label, input] of modes) {
    const r = await time(`blastRadius ${label}`, () => analysis.blastRadius(input));
    console.log(`    affected ${r.totals.affected}, functions ${r.totals.functionsLost}, importance ${r.totals.importanceLost.toFixed(2)}`);
  }

  const t0 = performance.now();
  await analysis.linchpinRanker.settled(snapshot);
  console.log(`  ${'linchpin sweeps (OUTAGE and COMPROMISE, every candidate)'.padEnd(58)} ${ms(t0)}`);
  console.log('\nheadline answers (the one outcome definition: failed / degraded / compromised functions)');
  await printHeadlines(analysis);

  console.log('\nsensitivity: functions failed/degraded/compromised with each generator rule left out, on public record only, for 4, 24 and 72 hours');
  const t1 = performance.now();
  const replays: [string, BlastRadiusRequest][] = [];
  for (const id of INCIDENTS) replays.push([id.replace(/^inc:/, '').replace(/-\d{4}$/, ''), (await incidentRequest(db, id)).request]);
  const cases: [string, BlastRadiusRequest][] = [
    ['microsoft', { origins: ['prov:microsoft'] }],
    ['win-update', { origins: ['svc:microsoft-windows-update'] }],
    ['aws-euc1', { origins: ['fac:aws-eu-central-1'] }],
  ];
  const rows = [];
  for (const durationHours of SENSITIVITY_DURATIONS) {
    for (const v of variants(snapshot)) rows.push(headline(snapshot, v, durationHours, cases, replays));
  }
  for (const line of formatTable(rows, rows[0]!)) console.log(line);
  console.log(`  (${rows.length} variants in ${ms(t1)}; replays keep their recorded durations; "top-10 kept": how many of the whole model's top 10 linchpins stay in the variant's)`);

  await time('whole-model layout (worker thread, fcose draft + refinement)', () => analysis.layouts.settled(snapshot));
  const view = await time('graphView (the whole model for drawing, from the snapshot)', () => analysis.graphView(snapshot));
  console.log(`    ${view.nodes.length} nodes, ${view.dependencies.length} dependencies, layout ${view.layout.status} (${view.layout.positions.length} positions), ${(Buffer.byteLength(JSON.stringify(view)) / 1048576).toFixed(1)} MiB as JSON`);

  for (const workers of [2, 1]) {
    const stress = new AnalysisService(db, { workers });
    const t = performance.now();
    const job = await stress.startStressTest({ runs: 10_000, seed: 1, probability: 0.01, countryShockProbability: 0.002 });
    const done = await stress.stressTests.finished(job.job.id);
    console.log(`  ${`stress test, 10,000 runs, random failures + shocks, ${workers} worker(s)`.padEnd(58)} ${ms(t)} (${done.job.status})`);
    stress.close();
  }
  analysis.close();
  await db.close();
  await releaseNeo4j(target);

  console.log('\ngenerated graph: 5,000 nodes, 20,000 dependencies (30% in groups, 30% trust)');
  const input = generatedGraph(5000, 20_000, 7);
  const g = await time('buildPropagationGraph', () => buildPropagationGraph({ ...input, owned: [] }));
  await time('simulateOutage HARD, one origin', () => simulateOutage(g, { rule: 'HARD', origins: [1] }));
  await time('simulateOutage DISTRESS, one origin', () => simulateOutage(g, { rule: 'DISTRESS', origins: [1] }));
  const buf = new Uint8Array(g.n);
  await time('hardFailureSet x 1,000 origins (a linchpin sweep)', () => {
    for (let v = 0; v < 1000; v++) hardFailureSet(g, [v], buf);
  });
  await time('COMPROMISE ACCESS, 1,000 runs', () => runCompromise(g, { origins: [1], effect: 'ACCESS', rule: 'HARD', runs: 1000, seed: 1 }));
  const csr = buildCsr(g.ids, Array.from({ length: g.m }, (_, e) => [g.edgeDependent[e]!, g.edgeSupplier[e]!] as [number, number]));
  await time('exact betweenness (Brandes, float64 path counts)', () => betweennessCentrality(csr));
  await time('whole-model layout in this thread (fcose draft + refinement)', () => {
    const pairs = new Int32Array(2 * g.m);
    for (let e = 0; e < g.m; e++) {
      pairs[2 * e] = g.edgeDependent[e]!;
      pairs[2 * e + 1] = g.edgeSupplier[e]!;
    }
    return headlessLayout({ ids: g.ids, edges: pairs });
  });
  const mem = process.memoryUsage();
  console.log(`\nmemory: rss ${mib(mem.rss)}, heap used ${mib(mem.heapUsed)}`);
}

try {
  console.log(`linchpin bench — Node ${process.versions.node}, ${availableParallelism()} cores, sections: ${[...SECTIONS].join(', ')}`);
  if (SECTIONS.has('analysis')) await analysisSections();
  if (SECTIONS.has('load')) {
    const target = await resolveNeo4j(INSTANCE, process.env, () => undefined);
    const db = connect(target.config);
    await prepareDatabase(db, { seed: 'if-empty' });
    await db.close();
    await loadTest(target.config);
    await releaseNeo4j(target);
  }
} catch (error) {
  reportError(error);
  process.exitCode = 1;
}
