/**
 * Before the browser tests: makes sure Debian's Chromium is installed (apt,
 * never a downloaded browser) and builds the web app into web/dist with Vite,
 * unless web/dist is already newer than every source of the app.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const WEB = join(REPO_ROOT, 'web');
const DIST_INDEX = join(WEB, 'dist', 'index.html');

/** Runs a command quietly; on failure returns the last line it printed. */
function run(command: string, args: string[]): { ok: boolean; lastLine: string; output: string } {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
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

/** Newest modification time (ms) of a file or of any file below a directory. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

function buildWebApp(): void {
  const sources = ['src', 'index.html', 'public', 'vite.config.ts'].map((p) => newestMtime(join(WEB, p)));
  const sourcesChanged = Math.max(...sources);
  if (existsSync(DIST_INDEX) && statSync(DIST_INDEX).mtimeMs > sourcesChanged) {
    console.log('browser: web/dist is up to date');
    return;
  }
  const started = Date.now();
  const build = run('npx', ['vite', 'build', '--config', 'web/vite.config.ts']);
  if (!build.ok || !existsSync(DIST_INDEX)) {
    console.error(build.output);
    throw new Error(`browser: the web app did not build (npx vite build --config web/vite.config.ts): ${build.lastLine}`);
  }
  console.log(`browser: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function setup(): void {
  ensureChromium();
  buildWebApp();
}
