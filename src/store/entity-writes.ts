/**
 * The store side of the API's writes (src/services/*-writes.ts): write locks
 * taken before a write reads what it checks, the revisions and markings it
 * checks, and the relationships a delete detaches. Everything is static
 * Cypher from vocabulary constants; every value is a parameter.
 *
 * Why locks: Neo4j reads are read-committed, so "read the revision, compare,
 * write" in two concurrent transactions would both pass the comparison. A
 * write lock taken first (`SET x._lock = true REMOVE x._lock`, which changes
 * nothing) makes the second transaction wait until the first commits, and its
 * reads then see the first one's write.
 */
import { ENTITY_LABEL, NODE_KINDS, REL } from '../../graph-schema/vocabulary';
import type { NodeKind, RelType } from '../../graph-schema/vocabulary';
import type { Tx } from './driver';

/** What a write checks on a stored node before it changes it. */
export interface LockedNode {
  id: string;
  kind: NodeKind;
  revision: number;
  /** The node's marking properties (`tlp`, `sharedWith`, `sharedWithUsers`), for `markingOf`. */
  marking: Record<string, unknown>;
}

const LOCK_NODES = `
UNWIND $ids AS wanted
MATCH (n:${ENTITY_LABEL} {id: wanted})
SET n._lock = true
REMOVE n._lock
RETURN n.id AS id, [l IN labels(n) WHERE l IN $kinds][0] AS kind, coalesce(n.revision, 1) AS revision,
       n {.tlp, .sharedWith, .sharedWithUsers} AS marking`;

/**
 * Takes the write lock of each stored node among `ids` (in id order, so two writers locking
 * overlapping sets cannot deadlock) and returns what is stored now. Ids not stored are absent.
 */
export async function lockNodes(tx: Tx, ids: readonly string[]): Promise<Map<string, LockedNode>> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return new Map();
  const rows = await tx.run(LOCK_NODES, { ids: sorted, kinds: [...NODE_KINDS] }, { modelChange: false });
  return new Map(
    rows
      .filter((r) => r.kind !== null)
      .map((r) => [
        String(r.id),
        { id: String(r.id), kind: r.kind as NodeKind, revision: Number(r.revision), marking: r.marking as Record<string, unknown> },
      ]),
  );
}

/** What a write checks on a stored dependency. */
export interface StoredDependencyState {
  id: string;
  dependent: string;
  supplier: string;
  revision: number;
  marking: Record<string, unknown>;
}

const DEPENDENCY_STATES = `
UNWIND $ids AS wanted
MATCH (a:${ENTITY_LABEL})-[r:${REL.DEPENDS_ON} {id: wanted}]->(b:${ENTITY_LABEL})
RETURN r.id AS id, a.id AS dependent, b.id AS supplier, coalesce(r.revision, 1) AS revision,
       r {.tlp, .sharedWith, .sharedWithUsers} AS marking`;

/**
 * The revision, ends and marking of stored dependencies. Dependency writes lock the dependent
 * node first (every rule on edges concerns the edges of one dependent), then read this.
 */
export async function dependencyStates(tx: Tx, ids: readonly string[]): Promise<Map<string, StoredDependencyState>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.run(DEPENDENCY_STATES, { ids: [...new Set(ids)] });
  return new Map(
    rows.map((r) => [
      String(r.id),
      {
        id: String(r.id),
        dependent: String(r.dependent),
        supplier: String(r.supplier),
        revision: Number(r.revision),
        marking: r.marking as Record<string, unknown>,
      },
    ]),
  );
}

/** A relationship a delete removes. */
export interface DetachedRelationship {
  type: string;
  /** The DEPENDS_ON id, when it is one. */
  id: string | null;
  from: string;
  to: string;
}

/**
 * Relationships where another node's record refers to `id` (they block a delete without force):
 * incoming DEPENDS_ON (others depend on it) and references (headquarters, location, parent,
 * origins), and the outgoing OPERATES / OFFERS that are the facilities' and services' own
 * `operator` / `provider` fields.
 */
const REFERRING = `
MATCH (n:${ENTITY_LABEL} {id: $id})
OPTIONAL MATCH (n)<-[r]-(o:${ENTITY_LABEL})
  WHERE type(r) IN $inRefs
OPTIONAL MATCH (n)-[q]->(p:${ENTITY_LABEL})
  WHERE type(q) IN $outRefs
WITH n, collect(DISTINCT {type: type(r), id: r.id, from: o.id, to: n.id}) + collect(DISTINCT {type: type(q), id: q.id, from: n.id, to: p.id}) AS blocking
RETURN [b IN blocking WHERE b.type IS NOT NULL] AS blocking`;

const IN_REFS: readonly RelType[] = [REL.DEPENDS_ON, REL.HEADQUARTERED_IN, REL.LOCATED_IN, REL.SERVES, REL.SUBSIDIARY_OF, REL.ORIGINATED_AT, REL.LANDS_IN];
const OUT_REFS: readonly RelType[] = [REL.OPERATES, REL.OFFERS];

/** Relationships of others that refer to node `id` (see REFERRING). */
export async function referringRelationships(tx: Tx, id: string): Promise<DetachedRelationship[]> {
  const [row] = await tx.run(REFERRING, { id, inRefs: IN_REFS, outRefs: OUT_REFS });
  return ((row?.blocking as DetachedRelationship[] | undefined) ?? []).map((b) => ({ ...b, id: b.id ?? null }));
}

const OWN = `
MATCH (n:${ENTITY_LABEL} {id: $id})-[r]-(o)
RETURN type(r) AS type, r.id AS id, startNode(r).id AS from, endNode(r).id AS to
ORDER BY type, from, to`;

/** Every relationship of node `id`, both directions. */
export async function relationshipsOf(tx: Tx, id: string): Promise<DetachedRelationship[]> {
  const rows = await tx.run(OWN, { id });
  return rows.map((r) => ({ type: String(r.type), id: (r.id as string | null) ?? null, from: String(r.from), to: String(r.to) }));
}

/** Deletes node `id` and all its relationships. */
export async function detachDeleteNode(tx: Tx, id: string): Promise<void> {
  await tx.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) DETACH DELETE n`, { id });
}

/** Adds one to the revision of the given nodes (their records changed without a rewrite: a reference was detached). */
export async function bumpNodeRevisions(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(
    `UNWIND $ids AS wanted MATCH (n:${ENTITY_LABEL} {id: wanted}) SET n.revision = coalesce(n.revision, 1) + 1`,
    { ids: [...new Set(ids)] },
  );
}

/** A redundancy group left with fewer edges than its minAlive (after a forced delete removed some). */
export interface ShrunkGroup {
  dependent: string;
  group: string;
  size: number;
  minAlive: number;
  ids: string[];
}

const SHRUNK_GROUPS = `
MATCH (a:${ENTITY_LABEL})-[r:${REL.DEPENDS_ON}]->()
WHERE a.id IN $dependents AND r.redundancyGroup IS NOT NULL
WITH a.id AS dependent, r.redundancyGroup AS grp, max(r.minAlive) AS minAlive, count(r) AS size, collect(r.id) AS ids
WHERE minAlive > size
RETURN dependent, grp, minAlive, size, ids
ORDER BY dependent, grp`;

export async function shrunkGroups(tx: Tx, dependents: readonly string[]): Promise<ShrunkGroup[]> {
  if (dependents.length === 0) return [];
  const rows = await tx.run(SHRUNK_GROUPS, { dependents: [...new Set(dependents)] });
  return rows.map((r) => ({
    dependent: String(r.dependent),
    group: String(r.grp),
    size: Number(r.size),
    minAlive: Number(r.minAlive),
    ids: (r.ids as string[]).map(String).sort(),
  }));
}

/** Sets the minAlive of every edge of one redundancy group (revisions move by one). */
export async function setGroupMinAlive(tx: Tx, dependent: string, group: string, minAlive: number): Promise<void> {
  await tx.run(
    `MATCH (a:${ENTITY_LABEL} {id: $dependent})-[r:${REL.DEPENDS_ON} {redundancyGroup: $group}]->()
     SET r.minAlive = $minAlive, r.revision = coalesce(r.revision, 1) + 1`,
    { dependent, group, minAlive },
  );
}

/** Deletes one DEPENDS_ON by id. */
export async function deleteDependencyById(tx: Tx, id: string): Promise<void> {
  await tx.run(`MATCH ()-[r:${REL.DEPENDS_ON} {id: $id}]->() DELETE r`, { id });
}
