/**
 * Starts a worker thread whose entry is a TypeScript file.
 *
 * `new Worker(url, { execArgv: ['--import', 'tsx'] })` does not work on Node
 * 20.20: the worker fails with "Unknown file extension .ts" (tsx's hooks given
 * by `--import` in a worker's execArgv never reach the worker's module
 * loading; a .mjs entry importing the .ts fails the same way), whether the
 * parent runs under `tsx` or vitest. So each worker starts from a few lines of
 * evaluated JavaScript that register tsx's ESM hooks in that thread
 * (`tsx/esm/api` `register()`) and then import the entry. Both paths are
 * absolute URLs, so the working directory does not matter, and the worker does
 * not depend on how the parent was started (plain node with tsx, the tsx CLI,
 * or vitest, whose own transform never reaches a worker thread).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const TSX_API = resolveImport('tsx', './esm/api');

/** A worker thread running the TypeScript module at `entry` (a file URL), with `workerData`. */
export function startTsWorker(entry: URL, workerData: unknown, transferList?: readonly ArrayBuffer[]): Worker {
  // CommonJS, so no top-level await; an import failure is rethrown as the worker's error.
  const bootstrap = `
import(${JSON.stringify(TSX_API)})
  .then((tsx) => { (tsx.register ?? tsx.default.register)(); return import(${JSON.stringify(entry.href)}); })
  .catch((error) => { process.nextTick(() => { throw error; }); });
`;
  return new Worker(bootstrap, { eval: true, execArgv: [], workerData, transferList: transferList ? [...transferList] : undefined });
}

/**
 * The file URL a package subpath resolves to under the "import" condition.
 * (`require.resolve` gives the "require" build, whose ESM half tsx loads by a
 * path that is wrong from a worker; `import.meta.resolve` is missing under vitest.)
 */
function resolveImport(packageName: string, subpath: string): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: Record<string, unknown> };
  const entry = manifest.exports?.[subpath];
  const target =
    typeof entry === 'string'
      ? entry
      : ((entry as { import?: string | { default?: string } } | undefined)?.import ?? undefined);
  const file = typeof target === 'string' ? target : target?.default;
  if (file === undefined) throw new Error(`${packageName} exports no "import" entry for ${subpath}`);
  return pathToFileURL(join(dirname(manifestPath), file)).href;
}
