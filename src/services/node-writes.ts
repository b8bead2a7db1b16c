/**
 * Create, update and delete of nodes and DEPENDS_ON, validated against the
 * same rules as the seed loader (record schemas and integrity rules), each in
 * one write transaction that rolls back whole on any problem.
 */
import { ENTITY_LABEL, REL } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { ErrorDetail } from '../errors';
import { checkIntegrity } from '../model/integrity';
import { referencesOf } from '../model/node-specs';
import { FILE_OF_KIND } from '../model/records';
import type { DependencyRecord, NodeRecord } from '../model/records';
import { validateRecord } from '../model/schemas';
import type { GraphDb, Tx } from '../store/driver';
import {
  groupProblems,
  readDependencyRecords,
  readKinds,
  readNodeRecords,
  upsertDependencies,
  upsertNodes,
} from '../store/records';
import { recordForCreate, recordForUpdate } from './record-inputs';

function assertValid(file: (typeof FILE_OF_KIND)[keyof typeof FILE_OF_KIND], record: Record<string, unknown>): void {
  const problems = validateRecord(file, record, 'input');
  if (problems.length > 0) throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
}

function throwIntegrity(problems: ErrorDetail[]): void {
  if (problems.length === 0) return;
  const missing = problems.filter((p) => p.message.endsWith('does not exist'));
  const message = problems.map((p) => p.message).join('; ');
  if (missing.length === problems.length) throw new NotFoundError(message, problems);
  if (problems.some((p) => p.message.includes('already exists'))) throw new ConflictError(message, problems);
  throw new ValidationError(message, problems);
}

async function checkNodeReferences(tx: Tx, kind: NodeKind, record: Record<string, unknown> & { id: string }): Promise<void> {
  const refIds = referencesOf(kind, record).map((r) => r.id);
  const storedKinds = await readKinds(tx, refIds);
  storedKinds.delete(record.id);
  throwIntegrity(
    checkIntegrity({
      nodes: [{ record, at: 'input' }],
      nodeKinds: new Map([[record.id, kind]]),
      dependencies: [],
      storedKinds,
      storedDependencies: [],
    }),
  );
}

export async function createNode(db: GraphDb, kind: NodeKind, input: Record<string, unknown>): Promise<string> {
  const record = recordForCreate(kind, input) as Record<string, unknown> & { id: string };
  assertValid(FILE_OF_KIND[kind], record);
  await db.write(async (tx) => {
    const existing = await readKinds(tx, [record.id]);
    if (existing.has(record.id)) {
      throw new ConflictError(`id '${record.id}' is already used by a ${existing.get(record.id)}`);
    }
    await checkNodeReferences(tx, kind, record);
    await upsertNodes(tx, kind, [record as unknown as NodeRecord]);
  });
  return record.id;
}

export async function updateNode(db: GraphDb, kind: NodeKind, id: string, input: Record<string, unknown>): Promise<string> {
  if (input.id !== undefined && input.id !== null && input.id !== id) {
    throw new ValidationError(`ids are stable: input.id ${JSON.stringify(input.id)} differs from '${id}'`);
  }
  await db.write(async (tx) => {
    const [stored] = await readNodeRecords(tx, kind, [id]);
    if (!stored) throw new NotFoundError(`no ${kind} with id '${id}'`);
    const record = recordForUpdate(kind, stored as unknown as Record<string, unknown>, input) as Record<string, unknown> & { id: string };
    assertValid(FILE_OF_KIND[kind], record);
    await checkNodeReferences(tx, kind, record);
    await upsertNodes(tx, kind, [record as unknown as NodeRecord]);
  });
  return id;
}

export interface Detached {
  type: string;
  id: string | null;
  from: string;
  to: string;
}

/** Relationships where another node's record refers to this one (they block a delete without force). */
const REFERRING = `
MATCH (n:${ENTITY_LABEL} {id: $id})
OPTIONAL MATCH (n)<-[r]-(o:${ENTITY_LABEL})
  WHERE type(r) IN $inRefs
OPTIONAL MATCH (n)-[q]->(p:${ENTITY_LABEL})
  WHERE type(q) IN $outRefs
WITH n, collect(DISTINCT {type: type(r), id: r.id, from: o.id, to: n.id}) + collect(DISTINCT {type: type(q), id: q.id, from: n.id, to: p.id}) AS blocking
RETURN [b IN blocking WHERE b.type IS NOT NULL] AS blocking`;

const OWN = `
MATCH (n:${ENTITY_LABEL} {id: $id})-[r]-(o)
RETURN type(r) AS type, r.id AS id, startNode(r).id AS from, endNode(r).id AS to
ORDER BY type, from, to`;

export async function deleteNode(db: GraphDb, id: string, force: boolean): Promise<Detached[]> {
  const outcome = await db.write(async (tx) => {
    const kinds = await readKinds(tx, [id]);
    if (!kinds.has(id)) throw new NotFoundError(`no node with id '${id}'`);
    const [row] = await tx.run(REFERRING, {
      id,
      // Others depend on n, or n's record is referred to: incoming DEPENDS_ON and references, outgoing OPERATES/OFFERS.
      inRefs: [REL.DEPENDS_ON, REL.HEADQUARTERED_IN, REL.LOCATED_IN, REL.SERVES, REL.SUBSIDIARY_OF, REL.ORIGINATED_AT],
      outRefs: [REL.OPERATES, REL.OFFERS],
    });
    const blocking = (row?.blocking as Detached[]) ?? [];
    if (blocking.length > 0 && !force) {
      const sample = blocking.slice(0, 5).map((b) => `${b.from} -[${b.type}]-> ${b.to}`).join(', ');
      throw new ConflictError(
        `'${id}' is referred to by ${blocking.length} relationship(s) (${sample}${blocking.length > 5 ? ', …' : ''}); pass force: true to delete it and detach them`,
        blocking.map((b) => ({ path: b.id ?? `${b.from}->${b.to}`, message: `${b.type} from ${b.from} to ${b.to}` })),
      );
    }
    const own = (await tx.run(OWN, { id })) as unknown as Detached[];
    const touchedDependents = own.filter((d) => d.type === REL.DEPENDS_ON && d.to === id).map((d) => d.from);
    await tx.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) DETACH DELETE n`, { id });
    const groups = await groupProblems(tx, touchedDependents);
    if (groups.length > 0 && !force) throw new ValidationError(groups.join('; '));
    return own.map((d) => ({ type: d.type, id: d.id ?? null, from: d.from, to: d.to }));
  });
  return outcome.value;
}

/* --------------------------------------------------------- DEPENDS_ON */

export const defaultDependencyId = (dependent: string, supplier: string, channel: string): string => {
  const slug = (s: string) => s.replace(/^[a-z]+:/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return `dep:${slug(dependent)}--${slug(supplier)}--${channel.toLowerCase().replace(/_/g, '-')}`.slice(0, 124);
};

async function checkDependency(tx: Tx, record: DependencyRecord): Promise<void> {
  const storedKinds = await readKinds(tx, [record.dependent, record.supplier]);
  // Both rules that involve stored edges — one edge per (dependent, supplier, channel), and the
  // redundancy groups — only concern edges of the same dependent.
  const siblings = await readDependencyRecords(tx, undefined, [record.dependent]);
  throwIntegrity(
    checkIntegrity({
      nodes: [],
      nodeKinds: new Map(),
      dependencies: [{ record, at: 'input' }],
      storedKinds,
      storedDependencies: siblings,
    }),
  );
}

export async function createDependency(db: GraphDb, input: Record<string, unknown>): Promise<string> {
  const record = recordForCreate('DependsOn', input);
  if (record.id === undefined && typeof record.dependent === 'string' && typeof record.supplier === 'string' && typeof record.channel === 'string') {
    record.id = defaultDependencyId(record.dependent, record.supplier, record.channel);
  }
  assertValid('dependencies', record);
  const dep = record as unknown as DependencyRecord;
  await db.write(async (tx) => {
    const [existing] = await readDependencyRecords(tx, [dep.id]);
    if (existing) throw new ConflictError(`dependency id '${dep.id}' already exists`);
    await checkDependency(tx, dep);
    await upsertDependencies(tx, [dep]);
    const groups = await groupProblems(tx, [dep.dependent]);
    if (groups.length > 0) throw new ValidationError(groups.join('; '));
  });
  return dep.id;
}

export async function updateDependency(db: GraphDb, id: string, input: Record<string, unknown>): Promise<string> {
  if (input.id !== undefined && input.id !== null && input.id !== id) {
    throw new ValidationError(`ids are stable: input.id ${JSON.stringify(input.id)} differs from '${id}'`);
  }
  await db.write(async (tx) => {
    const [stored] = await readDependencyRecords(tx, [id]);
    if (!stored) throw new NotFoundError(`no dependency with id '${id}'`);
    const record = recordForUpdate('DependsOn', stored as unknown as Record<string, unknown>, input);
    assertValid('dependencies', record);
    const dep = record as unknown as DependencyRecord;
    await checkDependency(tx, dep);
    await upsertDependencies(tx, [dep]);
    const groups = await groupProblems(tx, [...new Set([stored.dependent, dep.dependent])]);
    if (groups.length > 0) throw new ValidationError(groups.join('; '));
  });
  return id;
}

export async function deleteDependency(db: GraphDb, id: string): Promise<Detached> {
  const outcome = await db.write(async (tx) => {
    const [stored] = await readDependencyRecords(tx, [id]);
    if (!stored) throw new NotFoundError(`no dependency with id '${id}'`);
    await tx.run(`MATCH ()-[r:${REL.DEPENDS_ON} {id: $id}]->() DELETE r`, { id });
    const groups = await groupProblems(tx, [stored.dependent]);
    if (groups.length > 0) {
      throw new ValidationError(
        `deleting '${id}' would break its redundancy group: ${groups.join('; ')}; lower minAlive on the group first`,
      );
    }
    return { type: REL.DEPENDS_ON, id, from: stored.dependent, to: stored.supplier };
  });
  return outcome.value;
}
