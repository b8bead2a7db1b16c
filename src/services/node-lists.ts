/**
 * Filtered, sorted, cursor-paginated lists of each node kind. Filters become
 * fixed WHERE fragments with parameters; cursors are opaque (base64 JSON of
 * the sort value and id) and stable under inserts (keyset pagination).
 */
import { REL } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import { ValidationError } from '../errors';
import type { NodeModel } from '../api/models';
import type { Visibility } from '../store/visibility';
import type { GraphDb, Params } from '../store/driver';
import { listNodes } from '../store/graph-queries';
import type { Page } from '../store/graph-queries';

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

type Filter = Record<string, unknown> | null | undefined;

/** Filter fragment builders per kind: filter field → (WHERE text over `n`, parameter name). */
const TEXT = '(toLower(n.name) CONTAINS toLower($text) OR toLower(n.id) CONTAINS toLower($text))';
const COMMON: Record<string, string> = { text: TEXT, ids: 'n.id IN $ids' };

const FILTERS: Record<NodeKind, Record<string, string>> = {
  Country: { ...COMMON, natoMember: 'n.natoMember = $natoMember' },
  Provider: {
    ...COMMON,
    kinds: 'n.kind IN $kinds',
    headquarters: `EXISTS { (n)-[:${REL.HEADQUARTERED_IN}]->(c:Country) WHERE c.id IN $headquarters }`,
    natoMember: `EXISTS { (n)-[:${REL.HEADQUARTERED_IN}]->(c:Country) WHERE c.natoMember = $natoMember }`,
  },
  Facility: {
    ...COMMON,
    kinds: 'n.kind IN $kinds',
    countries: `EXISTS { (n)-[:${REL.LOCATED_IN}|${REL.LANDS_IN}]->(c:Country) WHERE c.id IN $countries }`,
    natoMember: `EXISTS { (n)-[:${REL.LOCATED_IN}]->(c:Country) WHERE c.natoMember = $natoMember }`,
    operators: `EXISTS { (o:Provider)-[:${REL.OPERATES}]->(n) WHERE o.id IN $operators }`,
  },
  Service: {
    ...COMMON,
    kinds: 'n.kind IN $kinds',
    providers: `EXISTS { (p:Provider)-[:${REL.OFFERS}]->(n) WHERE p.id IN $providers }`,
    countries: `EXISTS { (p:Provider)-[:${REL.OFFERS}]->(n) MATCH (p)-[:${REL.HEADQUARTERED_IN}]->(c:Country) WHERE c.id IN $countries }`,
  },
  CriticalFunction: {
    ...COMMON,
    sectors: 'n.sector IN $sectors',
    countries: `EXISTS { (n)-[:${REL.SERVES}]->(c:Country) WHERE c.id IN $countries }`,
    natoMember: `EXISTS { (n)-[:${REL.SERVES}]->(c:Country) WHERE c.natoMember = $natoMember }`,
  },
  Incident: { ...COMMON, modes: 'n.mode IN $modes' },
};

const SORT_KEYS: Record<string, string> = {
  ID: 'id',
  NAME: 'name',
  KIND: 'kind',
  ALPHA3: 'alpha3',
  IMPORTANCE: 'importance',
  SECTOR: 'sector',
  DATE: 'date',
};

export interface ListArgs {
  filter?: Filter;
  sort?: { field: string; direction?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

export async function listKind(db: GraphDb, kind: NodeKind, args: ListArgs, vis: Visibility): Promise<Connection<NodeModel>> {
  const first = checkFirst(args.first);
  const where: string[] = [];
  const params: Params = {};
  for (const [field, value] of Object.entries(args.filter ?? {})) {
    if (value === null || value === undefined) continue;
    const fragment = FILTERS[kind][field];
    if (!fragment) throw new ValidationError(`filter.${field} is not a filter of ${kind}`);
    where.push(fragment);
    params[field] = value;
  }
  const sortKey = SORT_KEYS[args.sort?.field ?? 'ID'];
  if (!sortKey) throw new ValidationError(`sort.field '${String(args.sort?.field)}' is unknown`);
  const after = args.after ? decodeCursor(args.after) : null;
  const page = await db.read((tx) =>
    listNodes(tx, { kind, where, params, sortKey, descending: args.sort?.direction === 'DESC', first, after, vis }),
  );
  return toConnection(page);
}
