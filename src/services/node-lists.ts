/**
 * Filtered, sorted, cursor-paginated lists of each node kind and of the
 * dependencies. Filters are typed values the store turns into fixed WHERE
 * fragments (store/list-filters.ts); cursors are opaque (base64 JSON of the
 * sort value and id) and stable under inserts (keyset pagination).
 */
import type { NodeKind } from '../../graph-schema/vocabulary';
import type { Visibility } from '../store/visibility';
import { ValidationError } from '../errors';
import type { DependencyModel, NodeModel } from '../store/models';
import type { GraphDb } from '../store/driver';
import { listDependencies, listNodes } from '../store/graph-queries';
import type { Page } from '../store/graph-queries';
import { SORT_KEYS } from '../store/list-filters';
import type { DependencyFilter, NodeFilter, SortField } from '../store/list-filters';

export const MAX_PAGE = 5000;

export interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { value: unknown; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    /* fall through to the error below */
  }
  throw new ValidationError(`after: '${cursor}' is not a cursor returned by this API`);
}

export function checkFirst(first: number | null | undefined): number {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE) {
    throw new ValidationError(`first must be an integer between 0 and ${MAX_PAGE} (got ${String(first)})`);
  }
  return n;
}

export function toConnection<T>(page: Page<T>): Connection<T> {
  const last = page.keys[page.keys.length - 1];
  return {
    nodes: page.items,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(last.value, last.id) : null },
    totalCount: page.totalCount,
  };
}

export interface ListArgs {
  filter?: NodeFilter | null;
  sort?: { field: SortField; direction?: 'ASC' | 'DESC' | null } | null;
  first?: number | null;
  after?: string | null;
}

/** One page of nodes of a kind, as `clearance` sees them. */
export async function listKind(db: GraphDb, kind: NodeKind, args: ListArgs, clearance: Visibility): Promise<Connection<NodeModel>> {
  const first = checkFirst(args.first);
  const sortField = args.sort?.field ?? 'ID';
  if (!(sortField in SORT_KEYS)) throw new ValidationError(`sort.field '${String(sortField)}' is unknown`);
  const after = args.after ? decodeCursor(args.after) : null;
  const page = await db.read((tx) =>
    listNodes(tx, { kind, filter: args.filter, sortField, descending: args.sort?.direction === 'DESC', first, after, clearance }),
  );
  return toConnection(page);
}

/** One page of dependencies, as `clearance` sees them (the dependency and both its ends). */
export async function listDependencyPage(
  db: GraphDb,
  args: { filter?: DependencyFilter | null; first?: number | null; after?: string | null },
  clearance: Visibility,
): Promise<Connection<DependencyModel>> {
  const first = checkFirst(args.first);
  const afterId = args.after ? decodeCursor(args.after).id : null;
  return toConnection(await db.read((tx) => listDependencies(tx, { filter: args.filter, first, afterId, clearance })));
}
