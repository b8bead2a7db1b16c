/**
 * Writes and reads whole records (see src/model/records.ts) — nodes with their
 * structural relationships, and DEPENDS_ON — with batched UNWIND statements.
 * The Cypher text is composed only from vocabulary constants (labels and
 * relationship types); every value goes in as a parameter.
 */
import { ENTITY_LABEL, NODE_KINDS, REL, SECTORS } from '../../graph-schema/vocabulary';
import type { NodeKind, Sector } from '../../graph-schema/vocabulary';
import { NODE_SPECS } from '../model/node-specs';
import type { RefSpec } from '../model/node-specs';
import type { DependencyRecord, NodeRecord } from '../model/records';
import type { Row, Tx } from './driver';

const BATCH = 500;

/** Stored properties that are bookkeeping, not part of a record (the revision counter). */
const NOT_RECORD_FIELDS = new Set(['revision']);

/** Properties a record may leave out and the store derives (the CISA crosswalk of a function's sector). */
function derivedProperties(kind: NodeKind, record: Record<string, unknown>): Record<string, unknown> {
  if (kind === 'CriticalFunction' && record.cisaSector === undefined) {
    const sector = SECTORS[record.sector as Sector] as { cisa: string } | undefined;
    return { cisaSector: sector?.cisa ?? null };
  }
  return {};
}

const PROVENANCE_REL_KEYS = ['source', 'confidence', 'illustrative', 'tlp', 'updatedAt'] as const;

/** Fills defaults so that a record read back from the store compares equal to the one written. */
export function normaliseRecord<T extends Record<string, unknown>>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== null && v !== undefined) out[k] = v;
  if (out.tlp === undefined) out.tlp = 'CLEAR';
  return out as T;
}

function nodeRow(kind: NodeKind, record: Record<string, unknown>) {
  const spec = NODE_SPECS[kind];
  const r = normaliseRecord(record);
  const props: Record<string, unknown> = {};
  for (const key of spec.properties) props[key] = r[key] ?? null;
  Object.assign(props, derivedProperties(kind, r));
  const refs: Record<string, unknown> = {};
  for (const ref of spec.refs) {
    const v = r[ref.field];
    refs[ref.field] = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  }
  const relProps: Record<string, unknown> = {};
  for (const key of PROVENANCE_REL_KEYS) relProps[key] = r[key] ?? null;
  return { id: r.id, props, refs, relProps };
}

function refPattern(ref: RefSpec, node: string, other: string, relVar: string): string {
  return ref.direction === 'out'
    ? `(${node})-[${relVar}:${ref.rel}]->(${other})`
    : `(${node})<-[${relVar}:${ref.rel}]-(${other})`;
}

/**
 * `revision` starts at 1 and moves by one on every write of a node (callers write only records
 * that changed). A create uses CREATE, so the uniqueness constraint on ids turns a concurrent
 * second create of one id into a CONFLICT instead of a silent overwrite.
 */
const upsertNodeCypher = (kind: NodeKind) => `
UNWIND $rows AS row
MERGE (n:${ENTITY_LABEL} {id: row.id})
  ON CREATE SET n.revision = 1
  ON MATCH SET n.revision = coalesce(n.revision, 1) + 1
SET n:${kind}, n += row.props`;

const createNodeCypher = (kind: NodeKind) => `
UNWIND $rows AS row
CREATE (n:${ENTITY_LABEL} {id: row.id})
SET n:${kind}, n += row.props, n.revision = 1`;

const replaceRefCypher = (ref: RefSpec) => `
UNWIND $rows AS row
MATCH (n:${ENTITY_LABEL} {id: row.id})
OPTIONAL MATCH ${refPattern(ref, 'n', '', 'old')}
DELETE old
WITH DISTINCT n, row
UNWIND row.refs.${ref.field} AS targetId
MATCH (t:${ENTITY_LABEL} {id: targetId})
MERGE ${refPattern(ref, 'n', 't', 'r')}
SET r += row.relProps`;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/**
 * Creates or replaces nodes of one kind, with their structural relationships. With `createOnly`,
 * an id that exists already fails the transaction with CONFLICT (the uniqueness constraint).
 */
export async function upsertNodes(
  tx: Tx,
  kind: NodeKind,
  records: readonly NodeRecord[],
  options: { createOnly?: boolean } = {},
): Promise<void> {
  const rows = records.map((r) => nodeRow(kind, r as unknown as Record<string, unknown>));
  const cypher = options.createOnly ? createNodeCypher(kind) : upsertNodeCypher(kind);
  for (const batch of chunks(rows)) {
    await tx.run(cypher, { rows: batch });
    for (const ref of NODE_SPECS[kind].refs) await tx.run(replaceRefCypher(ref), { rows: batch });
  }
}

function dependencyRow(record: DependencyRecord) {
  const r = normaliseRecord(record as unknown as Record<string, unknown>);
  const { dependent, supplier, ...rest } = r;
  const props: Record<string, unknown> = {
    redundancyGroup: null,
    recoveryHours: null,
    ...rest,
  };
  return { id: r.id, dependent, supplier, props };
}

/** The relationship is replaced (its ends may change); its revision carries over, plus one. */
const UPSERT_DEPENDENCIES = `
UNWIND $rows AS row
OPTIONAL MATCH ()-[old:${REL.DEPENDS_ON} {id: row.id}]->()
WITH row, old, CASE WHEN old IS NULL THEN 1 ELSE coalesce(old.revision, 1) + 1 END AS revision
DELETE old
WITH row, revision
MATCH (a:${ENTITY_LABEL} {id: row.dependent}), (b:${ENTITY_LABEL} {id: row.supplier})
CREATE (a)-[r:${REL.DEPENDS_ON}]->(b)
SET r = row.props, r.revision = revision
RETURN count(r) AS written`;

/** Creates or replaces DEPENDS_ON relationships by id (revision 1 when new, else one more). */
export async function upsertDependencies(tx: Tx, records: readonly DependencyRecord[]): Promise<number> {
  let written = 0;
  for (const batch of chunks(records.map(dependencyRow))) {
    const rows = await tx.run(UPSERT_DEPENDENCIES, { rows: batch });
    written += Number(rows[0]?.written ?? 0);
  }
  return written;
}

const DELETE_DEPENDENCIES = `
UNWIND $ids AS id
MATCH ()-[r:${REL.DEPENDS_ON} {id: id}]->()
DELETE r
RETURN count(*) AS deleted`;

/** Deletes DEPENDS_ON relationships by id; returns how many were deleted. */
export async function deleteDependencies(tx: Tx, ids: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await tx.run(DELETE_DEPENDENCIES, { ids: ids.slice(i, i + 1000) });
    deleted += Number(rows[0]?.deleted ?? 0);
  }
  return deleted;
}

const readNodesCypher = (kind: NodeKind, filtered: boolean) => {
  const refs = NODE_SPECS[kind].refs
    .map((ref, i) => `[${refPattern(ref, 'n', 't', '')} | t.id] AS ref${i}`)
    .join(', ');
  return `
MATCH (n:${kind})
${filtered ? 'WHERE n.id IN $ids' : ''}
RETURN n {.*} AS props${refs ? `, ${refs}` : ''}
ORDER BY n.id`;
};

function rowToNodeRecord(kind: NodeKind, row: Row): NodeRecord {
  const props = row.props as Record<string, unknown>;
  const record: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (v !== null && !NOT_RECORD_FIELDS.has(k)) record[k] = v;
  NODE_SPECS[kind].refs.forEach((ref, i) => {
    const ids = (row[`ref${i}`] as string[] | null) ?? [];
    // An optional many-reference with no target is left out, as a seed row leaves it out.
    if (ref.many) {
      if (ids.length > 0 || ref.required) record[ref.field] = [...ids].sort();
    }
    else if (ids[0] !== undefined) record[ref.field] = ids[0];
  });
  return record as unknown as NodeRecord;
}

/** Reads back the records of one kind (all, or those with the given ids). */
export async function readNodeRecords(tx: Tx, kind: NodeKind, ids?: readonly string[]): Promise<NodeRecord[]> {
  const rows = await tx.run(readNodesCypher(kind, ids !== undefined), ids ? { ids } : {});
  return rows.map((row) => rowToNodeRecord(kind, row));
}

const READ_DEPENDENCIES = `
MATCH (a:${ENTITY_LABEL})-[r:${REL.DEPENDS_ON}]->(b:${ENTITY_LABEL})
WHERE ($ids IS NULL OR r.id IN $ids) AND ($dependents IS NULL OR a.id IN $dependents)
RETURN r {.*} AS props, a.id AS dependent, b.id AS supplier
ORDER BY r.id`;

/** DEPENDS_ON records: all, those with the given ids, or those of the given dependents. */
export async function readDependencyRecords(
  tx: Tx,
  ids?: readonly string[],
  dependents?: readonly string[],
): Promise<DependencyRecord[]> {
  const rows = await tx.run(READ_DEPENDENCIES, { ids: ids ?? null, dependents: dependents ?? null });
  return rows.map((row) => {
    const record: Record<string, unknown> = { dependent: row.dependent, supplier: row.supplier };
    for (const [k, v] of Object.entries(row.props as Record<string, unknown>)) {
      if (v !== null && !NOT_RECORD_FIELDS.has(k)) record[k] = v;
    }
    return record as unknown as DependencyRecord;
  });
}

const READ_KINDS = `
MATCH (n:${ENTITY_LABEL})
WHERE $ids IS NULL OR n.id IN $ids
RETURN n.id AS id, [l IN labels(n) WHERE l IN $kinds][0] AS kind`;

/** id → kind of the stored nodes (all, or those among `ids`). */
export async function readKinds(tx: Tx, ids?: readonly string[]): Promise<Map<string, NodeKind>> {
  const rows = await tx.run(READ_KINDS, { ids: ids ?? null, kinds: [...NODE_KINDS] });
  return new Map(rows.filter((r) => r.kind !== null).map((r) => [String(r.id), r.kind as NodeKind]));
}

const GROUP_PROBLEMS = `
MATCH (a:${ENTITY_LABEL})-[r:${REL.DEPENDS_ON}]->()
WHERE a.id IN $dependents AND r.redundancyGroup IS NOT NULL
WITH a.id AS dependent, r.redundancyGroup AS grp, collect(DISTINCT r.minAlive) AS mins, count(r) AS size
WHERE size(mins) > 1 OR any(m IN mins WHERE m < 1 OR m > size)
RETURN dependent, grp, mins, size`;

/** Redundancy groups of the given dependents that break the minAlive rule, as stored now (inside a write). */
export async function groupProblems(tx: Tx, dependents: readonly string[]): Promise<string[]> {
  const rows = await tx.run(GROUP_PROBLEMS, { dependents });
  return rows.map(
    (r) =>
      `redundancy group '${String(r.grp)}' of '${String(r.dependent)}' would have ${String(r.size)} edge(s) with minAlive ${JSON.stringify(r.mins)}; every edge of a group carries the same minAlive, 1 ≤ minAlive ≤ group size`,
  );
}
