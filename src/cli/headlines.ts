/**
 * The headline answers a planner reads first, printed by `npm run bench` (and
 * `npx tsx src/cli/headlines.ts` on its own): the linchpin top 10; blastRadius
 * totals for Microsoft, Windows Update, CrowdStrike Falcon (OUTAGE and
 * COMPROMISE DISRUPT) and AWS eu-central-1; the five incident replays; and the
 * back-test table on the whole graph and on public record only.
 */
import type { AnalysisService } from '../services/analysis/analysis-service';
import type { BlastRadiusRequest } from '../services/analysis/blast-radius';
import type { BlastResultIds } from '../services/analysis/blast-result';

export const INCIDENTS = ['inc:solarwinds-2020', 'inc:notpetya-2017', 'inc:kaseya-vsa-2021', 'inc:ovhcloud-sbg-fire-2021', 'inc:fastly-2021'] as const;

export const HEADLINE_CASES: readonly [string, BlastRadiusRequest][] = [
  ['prov:microsoft OUTAGE 24 h', { origins: ['prov:microsoft'] }],
  ['svc:microsoft-windows-update OUTAGE 24 h', { origins: ['svc:microsoft-windows-update'] }],
  ['svc:crowdstrike-falcon OUTAGE 24 h', { origins: ['svc:crowdstrike-falcon'] }],
  ['svc:crowdstrike-falcon COMPROMISE DISRUPT', { origins: ['svc:crowdstrike-falcon'], mode: 'COMPROMISE', effect: 'DISRUPT', runs: 1000 }],
  ['fac:aws-eu-central-1 OUTAGE 24 h', { origins: ['fac:aws-eu-central-1'] }],
];

export function totalsLine(r: BlastResultIds): string {
  const t = r.totals;
  const de = r.functionsLostByCountry.find((c) => c.country === 'DE');
  const parts = [
    `failed ${t.functionsFailed ?? t.functionsLost}`,
    `degraded ${t.functionsDegraded ?? 0}`,
    `compromised ${t.functionsCompromised ?? 0}`,
    `importance lost ${t.importanceLost.toFixed(1)}`,
    `countries ${r.functionsLostByCountry.length}`,
    `DE failed ${de?.failed ?? de?.count ?? 0}/${de ? de.count : 0}`,
    `illustrative share ${(r.illustrativeShare * 100).toFixed(0)}%`,
  ];
  if (r.compromise) {
    parts.push(`E[failed] ${(r.compromise.expectedFunctionsFailed ?? 0).toFixed(1)}`, `E[compromised] ${(r.compromise.expectedFunctionsCompromised ?? 0).toFixed(1)}`);
  }
  return parts.join(', ');
}

export async function printHeadlines(analysis: AnalysisService, log: (line: string) => void = console.log): Promise<void> {
  const snapshot = await analysis.snapshot();
  await analysis.linchpinRanker.settled(snapshot);
  const top = await analysis.linchpins({ top: 10 });
  log(`  linchpin top 10 (${top.status}; HARD, 24 h, importance lost):`);
  for (const row of top.rows) {
    log(`    ${String(row.rank).padStart(2)}. ${row.id.padEnd(36)} score ${row.score.toFixed(1).padStart(6)}  functions ${String(row.functionsLost).padStart(3)}  countries ${String(row.countries).padStart(2)}  cross-border ${(row.crossBorderShare * 100).toFixed(0)}%`);
  }
  log('  headline blast radii:');
  for (const [label, request] of HEADLINE_CASES) log(`    ${label.padEnd(44)} ${totalsLine(await analysis.blastRadius(request))}`);
  log('  incident replays (as stored in the incident records):');
  const fastly = await analysis.blastRadius({ origins: ['svc:fastly-cdn'], durationHours: 0.82 });
  log(`    ${'Fastly, 49 minutes'.padEnd(44)} ${totalsLine(fastly)}`);
  const ee = fastly.affected.filter((a) => a.kind === 'CriticalFunction' && a.location === 'EE');
  log(`      EE functions: ${ee.map((a) => `${a.id} ${a.state}${a.state === 'DEGRADED' ? ` ${(a.distress * 100).toFixed(0)}%` : ''} @${a.hour}→${a.restoredHour ?? '?'}`).join(', ') || 'none'}`);
  log('  back-tests (printed, never tuned; only modelled members scored):');
  for (const id of INCIDENTS) {
    const b = await analysis.backtest(id);
    const p = b.publicRecordOnly;
    const f = (x: number | null) => (x === null ? 'n/a ' : x.toFixed(2));
    log(
      `    ${id.padEnd(28)} whole graph: precision ${f(b.precision)} recall ${f(b.recall)} (predicted ${b.predictedCountries.length})` +
        `  public record: precision ${f(p.precision)} recall ${f(p.recall)} (predicted ${p.predictedCountries.length})` +
        `  named ${b.namedCountries.join(' ')}; not modelled ${b.notModelled.join(' ') || '-'}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { AnalysisService } = await import('../services/analysis/analysis-service');
  const { connect } = await import('../store/driver');
  const { releaseNeo4j, resolveNeo4j } = await import('./neo4j-target');
  const { prepareDatabase } = await import('./seed-db');
  const target = await resolveNeo4j('dev', process.env, () => undefined);
  const db = connect(target.config);
  await prepareDatabase(db, { seed: 'if-empty' });
  const analysis = new AnalysisService(db);
  await printHeadlines(analysis);
  analysis.close();
  await db.close();
  await releaseNeo4j(target);
}
