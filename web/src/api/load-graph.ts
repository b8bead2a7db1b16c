/**
 * Loads the whole model for the graph view in a bounded number of queries:
 * countries in one, then providers, facilities, services, critical functions
 * 500 at a time and dependencies 5,000 at a time, with cursors (the five lists
 * in parallel; dependencies are the long list, so fewer round trips matter most).
 */
import { edgeFromApi, nodeFromApi } from '../model/from-api';
import { emptyModel } from '../model/graph-model';
import type { GraphModel } from '../model/graph-model';
import type { GraphDependencyFragment, GraphNodeFragment } from './generated';
import { operations } from './operations';
import type { Operations } from './operations';

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

/** A bound on pages per list, so a misbehaving cursor cannot loop forever. */
const MAX_PAGES = 400;

async function everyPage<T>(fetchPage: (after: string | null) => Promise<Page<T>>, onPage: (loaded: number, total: number) => void): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Page<T> = await fetchPage(after);
    items.push(...page.nodes);
    onPage(items.length, page.totalCount);
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) return items;
    after = page.pageInfo.endCursor;
  }
  throw new Error(`a list has more than ${MAX_PAGES} pages; stopped loading`);
}

export interface LoadProgress {
  loaded: number;
  total: number;
}

export async function loadGraph(api: Operations = operations, onProgress: (p: LoadProgress) => void = () => undefined): Promise<GraphModel> {
  const counts = new Map<string, { loaded: number; total: number }>();
  const report = (list: string) => (loaded: number, total: number) => {
    counts.set(list, { loaded, total });
    let sumLoaded = 0;
    let sumTotal = 0;
    for (const c of counts.values()) {
      sumLoaded += c.loaded;
      sumTotal += c.total;
    }
    onProgress({ loaded: sumLoaded, total: sumTotal });
  };
  const [countries, providers, facilities, services, functions, dependencies] = await Promise.all([
    api.countries(),
    everyPage<GraphNodeFragment>((after) => api.providers({ after }).then((d) => d.providers), report('providers')),
    everyPage<GraphNodeFragment>((after) => api.facilities({ after }).then((d) => d.facilities), report('facilities')),
    everyPage<GraphNodeFragment>((after) => api.services({ after }).then((d) => d.services), report('services')),
    everyPage<GraphNodeFragment>((after) => api.criticalFunctions({ after }).then((d) => d.criticalFunctions), report('functions')),
    everyPage<GraphDependencyFragment>((after) => api.dependencies({ after }).then((d) => d.dependencies), report('dependencies')),
  ]);
  const model = emptyModel('api');
  for (const c of countries.countries.nodes) model.countries.set(c.id, { ...c });
  for (const n of [...providers, ...facilities, ...services, ...functions]) {
    const node = nodeFromApi(n);
    if (node) model.nodes.set(node.id, node);
  }
  for (const d of dependencies) model.edges.set(d.id, edgeFromApi(d));
  return model;
}
