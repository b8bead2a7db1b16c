/**
 * Builds the web app (web/ → web/dist) with Vite when the build is missing or
 * older than its sources, so that `npm start` and the browser tests always
 * serve the current app.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_INDEX = join(ROOT, 'web/dist/index.html');
const SOURCES = ['web/src', 'web/index.html', 'web/public', 'web/vite.config.ts', 'graph-schema/vocabulary.ts'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

export function webBuildIsStale(): boolean {
  if (!existsSync(join(ROOT, 'web/vite.config.ts'))) return false;
  if (!existsSync(DIST_INDEX)) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  return SOURCES.some((s) => newest(join(ROOT, s)) > built);
}

/** Builds when stale; returns the seconds spent (0 when nothing was built). */
export function ensureWebBuilt(log: (line: string) => void = console.log): number {
  if (!webBuildIsStale()) return 0;
  const t0 = performance.now();
  log('building the web app (vite)…');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the web app did not build (vite build failed; see the output above)');
  return (performance.now() - t0) / 1000;
}
