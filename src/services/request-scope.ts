/**
 * The clearance of the request being served, for everything the request runs
 * (resolvers, analyses, their snapshots), without threading it through every
 * call: the server enters the scope once per GraphQL request
 * (src/api/server.ts), and `AnalysisService.snapshot()` reads it, so no analysis
 * can run on more than its caller may see. Outside a request (the command line,
 * the server's own start-up work such as storing incident replays) the whole
 * model is visible.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { EVERYTHING } from '../store/visibility';
import type { Visibility } from '../store/visibility';

const scope = new AsyncLocalStorage<Visibility>();

export function withVisibility<T>(vis: Visibility, work: () => T): T {
  return scope.run(vis, work);
}

/** The current request's clearance, or EVERYTHING outside a request. */
export function currentVisibility(): Visibility {
  return scope.getStore() ?? EVERYTHING;
}
