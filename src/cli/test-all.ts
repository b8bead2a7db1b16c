/**
 * `npm test`: strict typecheck, lint, then every vitest project (unit, and
 * integration against the suite's own Neo4j, which the integration global
 * setup starts on the test ports whatever NEO4J_URI says). Stops at the first
 * failing step and exits non-zero.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORT = '.data/vitest-report.json';

const steps: { name: string; cmd: string; args: string[] }[] = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', cmd: 'npx', args: ['eslint', '.', '--max-warnings', '0'] },
  { name: 'tests', cmd: 'npx', args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`] },
];

const env = { ...process.env };
delete env.NEO4J_URI;

mkdirSync('.data', { recursive: true });
rmSync(REPORT, { force: true });

/** The plain closing line CI reads: 'tests: N passed, N failed'. */
function closingLine(): void {
  if (!existsSync(REPORT)) return;
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

for (const step of steps) {
  const t0 = performance.now();
  console.log(`\n▶ ${step.name}: ${step.cmd} ${step.args.join(' ')}`);
  const result = spawnSync(step.cmd, step.args, { stdio: 'inherit', env });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${step.name} failed after ${seconds} s`);
    closingLine();
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${step.name} passed in ${seconds} s`);
}
closingLine();
