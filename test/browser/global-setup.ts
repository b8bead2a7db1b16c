/**
 * Before the browser tests: makes sure Debian's Chromium is installed (apt,
 * never a downloaded browser) and builds the web app into web/dist with Vite,
 * unless web/dist is already newer than every source of the app.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureWebBuilt } from '../../src/cli/web-build';

const CHROMIUM = '/usr/bin/chromium';

/** Runs a command quietly; on failure returns the last line it printed. */
function run(command: string, args: string[]): { ok: boolean; lastLine: string; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const ok = result.status === 0 && !result.error;
  const lastLine = result.error ? result.error.message : (lines.at(-1) ?? `exit ${result.status ?? 'signal'}`);
  return { ok, lastLine, output };
}

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  console.log(`browser: ${CHROMIUM} is missing; installing Debian's chromium with apt-get`);
  const update = run('apt-get', ['update']);
  if (!update.ok) throw new Error(`browser: apt-get update failed, so chromium cannot be installed: ${update.lastLine}`);
  const install = run('apt-get', ['install', '-y', 'chromium']);
  if (!install.ok || !existsSync(CHROMIUM)) throw new Error(`browser: apt-get install -y chromium did not install ${CHROMIUM}: ${install.lastLine}`);
}

export function setup(): void {
  ensureChromium();
  const seconds = ensureWebBuilt((line) => console.log(`browser: ${line}`));
  console.log(seconds > 0 ? `browser: built web/dist in ${seconds.toFixed(1)} s` : 'browser: web/dist is up to date');
}
