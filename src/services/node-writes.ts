/**
 * Create, update and delete of nodes, validated against the same rules as the
 * seed loader (record schemas and integrity rules). Each runs in one write
 * transaction that rolls back whole on any problem, takes the write lock of
 * what it changes before it reads what it checks (src/store/entity-writes.ts),
 * and appends its audit entries in that same transaction. The `…In(tx, …)`
 * forms let a batch (batch-writes.ts) run several in one transaction.
 */
import { NODE_KINDS, REL } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import type { Caller } from '../auth/caller';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { ErrorDetail } from '../errors';
import { sameRecord } from '../model/compare';
import { checkIntegrity } from '../model/integrity';
import { NODE_SPECS, referencesOf } from '../model/node-specs';
import { FILE_OF_KIND } from '../model/records';
import type { DependencyRecord, NodeRecord } from '../model/records';
import { validateRecord } from '../model/schemas';
import { appendAudit } from '../store/audit';
import type { AuditInput } from '../store/audit';
import type { Tx } from '../store/driver';
import {
  bumpNodeRevisions,
  dependencyStates,
  detachDeleteNode,
  lockNodes,
  referringRelationships,
  relationshipsOf,
  setGroupMinAlive,
  shrunkGroups,
} from '../store/entity-writes';
import type { DetachedRelationship } from '../store/entity-writes';
import { readDependencyRecords, readKinds, readNodeRecords, upsertNodes } from '../store/records';
import { inputToPatch, recordForCreate, recordForUpdate } from './record-inputs';
import {
  applyMarkingDefaults,
  assertVisible,
  audited,
  auditEntry,
  checkExpectedRevision,
  checkRevision,
  prefix,
} from './write-support';
import type { Writer } from './write-support';

export type { DetachedRelationship as Detached } from '../store/entity-writes';

type AnyRecord = Record<string, unknown> & { id: string };

/** What a write of one element did. */
export interface WriteResult {
  id: string;
  /** The element's revision after the write. */
  revision: number;
  /** False for an update equal to the stored record (nothing written, no audit entry). */
  changed: boolean;
}

export function assertValid(file: (typeof FILE_OF_KIND)[keyof typeof FILE_OF_KIND], record: Record<string, unknown>, at = 'input'): void {
  const problems = validateRecord(file, record, at);
  if (problems.length > 0) throw new ValidationError(problems.map((p) => `${prefix(p.path ?? at)}${p.message}`).join('; '), problems);
}

/** Integrity problems as one error of the right kind: NOT_FOUND for missing references only, CONFLICT for a taken triple, else BAD_USER_INPUT. */
export function throwIntegrity(problems: ErrorDetail[]): void {
  if (problems.length === 0) return;
  const missing = problems.filter((p) => p.message.endsWith('does not exist'));
  const message = problems.map((p) => `${prefix(p.path ?? 'input')}${p.message}`).join('; ');
  if (missing.length === problems.length) throw new NotFoundError(message, problems);
  if (problems.some((p) => p.message.includes('already exists'))) throw new ConflictError(message, problems);
  throw new ValidationError(message, problems);
}

async function checkNodeReferences(tx: Tx, kind: NodeKind, record: AnyRecord, at: string): Promise<void> {
  const refIds = referencesOf(kind, record).map((r) => r.id);
  const storedKinds = await readKinds(tx, refIds);
  storedKinds.delete(record.id);
  throwIntegrity(
    checkIntegrity({
      nodes: [{ record, at }],
      nodeKinds: new Map([[record.id, kind]]),
      dependencies: [],
      storedKinds,
      storedDependencies: [],
    }),
  );
}

export async function createNodeIn(tx: Tx, caller: Caller, kind: NodeKind, input: Record<string, unknown>, at = 'input'): Promise<WriteResult> {
  const record = recordForCreate(kind, input) as AnyRecord;
  applyMarkingDefaults(record, inputToPatch(kind, input), caller, at);
  assertValid(FILE_OF_KIND[kind], record, at);
  const existing = await readKinds(tx, [record.id]);
  if (existing.has(record.id)) {
    throw new ConflictError(`${prefix(at)}id '${record.id}' is already used by a ${existing.get(record.id)}`, [
      { path: `${at}.id`, message: `'${record.id}' exists` },
    ]);
  }
  await checkNodeReferences(tx, kind, record, at);
  // CREATE, not MERGE: a concurrent create of the same id fails on the uniqueness constraint (CONFLICT).
  await upsertNodes(tx, kind, [record as unknown as NodeRecord], { createOnly: true });
  await appendAudit(tx, [auditEntry(caller, 'node.create', record.id, null, audited(record, 1))]);
  return { id: record.id, revision: 1, changed: true };
}

export interface NodeUpdate {
  kind: NodeKind;
  id: string;
  /** The revision the caller read; a different stored one is a CONFLICT. */
  expectedRevision: number;
  input: Record<string, unknown>;
}

export async function updateNodeIn(tx: Tx, caller: Caller, u: NodeUpdate, at = 'input'): Promise<WriteResult> {
  const { kind, id, input } = u;
  checkExpectedRevision(u.expectedRevision, true);
  if (input.id !== undefined && input.id !== null && input.id !== id) {
    throw new ValidationError(`${prefix(at)}ids are stable: input.id ${JSON.stringify(input.id)} differs from '${id}'`);
  }
  const locked = (await lockNodes(tx, [id])).get(id);
  assertVisible(caller, locked?.kind === kind ? locked.marking : undefined, `${prefix(at)}no ${kind} with id '${id}'`);
  checkRevision(`${kind} '${id}'`, u.expectedRevision, locked!.revision);
  const [stored] = await readNodeRecords(tx, kind, [id]);
  const before = stored as unknown as AnyRecord;
  const record = recordForUpdate(kind, before, input) as AnyRecord;
  applyMarkingDefaults(record, inputToPatch(kind, input), caller, at);
  assertValid(FILE_OF_KIND[kind], record, at);
  // Nothing to change (all given fields equal the stored ones): write nothing, so neither the
  // revision nor the version counter moves, and no audit entry.
  if (sameRecord(record, before, ['updatedAt'])) return { id, revision: locked!.revision, changed: false };
  await checkNodeReferences(tx, kind, record, at);
  await upsertNodes(tx, kind, [record as unknown as NodeRecord]);
  const revision = locked!.revision + 1;
  await appendAudit(tx, [auditEntry(caller, 'node.update', id, audited(before, locked!.revision), audited(record, revision))]);
  return { id, revision, changed: true };
}

/** A node whose record lost a required reference in a forced delete (its field reads null until an update sets it). */
export interface OrphanedReference {
  id: string;
  field: string;
}

export interface DeleteOutcome {
  id: string;
  /** Every relationship removed: the node's own and, with force, those of others that referred to it. */
  detached: DetachedRelationship[];
  /** Nodes left without a required reference (e.g. a facility whose operator was deleted). */
  orphaned: OrphanedReference[];
  /** Dependencies whose redundancy group lost members and whose minAlive was lowered to the members left. */
  adjusted: string[];
}

export interface NodeDelete {
  id: string;
  force: boolean;
  /** When given, a different stored revision is a CONFLICT. */
  expectedRevision?: number | null;
}

async function recordsOf(tx: Tx, ids: readonly string[]): Promise<Map<string, { kind: NodeKind; record: AnyRecord }>> {
  const kinds = await readKinds(tx, ids);
  const out = new Map<string, { kind: NodeKind; record: AnyRecord }>();
  for (const kind of NODE_KINDS) {
    const ofKind = [...kinds].filter(([, k]) => k === kind).map(([id]) => id);
    if (ofKind.length === 0) continue;
    for (const r of await readNodeRecords(tx, kind, ofKind)) out.set(r.id, { kind, record: r as unknown as AnyRecord });
  }
  return out;
}

/**
 * Deletes node `id`. Without `force`, CONFLICT when others refer to it. With `force`, everything
 * it detaches is handled so that no stored record breaks a read: the dependencies on it are
 * deleted; nodes whose record referred to it lose that reference (a facility's operator, a
 * service's provider, a country) and are reported as orphaned when the reference was required;
 * redundancy groups that lost members get the minAlive of the members left. Each of those
 * changes has its audit entry, in the same transaction.
 */
export async function deleteNodeIn(tx: Tx, caller: Caller, d: NodeDelete, at = 'input'): Promise<DeleteOutcome> {
  const { id, force } = d;
  checkExpectedRevision(d.expectedRevision, false);
  const locked = (await lockNodes(tx, [id])).get(id);
  assertVisible(caller, locked?.marking, `${prefix(at)}no node with id '${id}'`);
  checkRevision(`'${id}'`, d.expectedRevision, locked!.revision);
  const blocking = await referringRelationships(tx, id);
  if (blocking.length > 0 && !force) {
    const sample = blocking.slice(0, 5).map((b) => `${b.from} -[${b.type}]-> ${b.to}`).join(', ');
    throw new ConflictError(
      `${prefix(at)}'${id}' is referred to by ${blocking.length} relationship(s) (${sample}${blocking.length > 5 ? ', …' : ''}); pass force: true to delete it and detach them`,
      blocking.map((b) => ({ path: b.id ?? `${b.from}->${b.to}`, message: `${b.type} from ${b.from} to ${b.to}` })),
    );
  }
  const own = await relationshipsOf(tx, id);
  const other = (r: DetachedRelationship) => (r.from === id ? r.to : r.from);
  // Lock every node whose record changes with this delete before reading them.
  const referrers = [...new Set(blocking.filter((b) => b.type !== REL.DEPENDS_ON).map(other))].sort();
  const dependents = [...new Set(own.filter((r) => r.type === REL.DEPENDS_ON && r.to === id).map((r) => r.from))];
  const others = await lockNodes(tx, [...referrers, ...dependents]);
  const before = await recordsOf(tx, [id, ...referrers]);
  const dependencyIds = own.filter((r) => r.type === REL.DEPENDS_ON && r.id !== null).map((r) => r.id!);
  const deletedDependencies = await readDependencyRecords(tx, dependencyIds);
  const dependencyRevisions = await dependencyStates(tx, dependencyIds);

  await detachDeleteNode(tx, id);
  await bumpNodeRevisions(tx, referrers);
  const after = await recordsOf(tx, referrers);

  const orphaned: OrphanedReference[] = [];
  const audit: AuditInput[] = [
    auditEntry(caller, 'node.delete', id, audited(before.get(id)!.record, locked!.revision), null, force && blocking.length > 0 ? `forced: detached ${own.length} relationship(s)` : null),
  ];
  for (const dep of deletedDependencies) {
    audit.push(auditEntry(caller, 'dependency.delete', dep.id, audited(dep, dependencyRevisions.get(dep.id)?.revision ?? 1), null, `removed with the delete of '${id}'`));
  }
  for (const refId of referrers) {
    const was = before.get(refId);
    const now = after.get(refId);
    if (!was || !now) continue;
    const revision = (others.get(refId)?.revision ?? 1) + 1;
    audit.push(auditEntry(caller, 'node.update', refId, audited(was.record, revision - 1), audited(now.record, revision), `reference to '${id}' detached by its forced delete`));
    for (const spec of NODE_SPECS[now.kind].refs) {
      const value = now.record[spec.field];
      const empty = value === undefined || value === null || (Array.isArray(value) && value.length === 0);
      if (spec.required && empty) orphaned.push({ id: refId, field: spec.field });
    }
  }

  const adjusted: string[] = [];
  for (const g of await shrunkGroups(tx, dependents)) {
    const beforeGroup = await readDependencyRecords(tx, g.ids);
    const states = await dependencyStates(tx, g.ids);
    await setGroupMinAlive(tx, g.dependent, g.group, g.size);
    const afterGroup = new Map((await readDependencyRecords(tx, g.ids)).map((r) => [r.id, r]));
    for (const dep of beforeGroup) {
      const revision = (states.get(dep.id)?.revision ?? 1) + 1;
      audit.push(auditEntry(caller, 'dependency.update', dep.id, audited(dep, revision - 1), audited(afterGroup.get(dep.id) as DependencyRecord, revision), `minAlive lowered to ${g.size}: the forced delete of '${id}' left ${g.size} member(s) in group '${g.group}'`));
      adjusted.push(dep.id);
    }
  }
  await appendAudit(tx, audit);
  return { id, detached: own, orphaned, adjusted: adjusted.sort() };
}

/* ------------------------------------------- one write, one transaction */

export async function createNode(w: Writer, kind: NodeKind, input: Record<string, unknown>): Promise<WriteResult> {
  return (await w.db.write((tx) => createNodeIn(tx, w.caller, kind, input))).value;
}

export async function updateNode(w: Writer, u: NodeUpdate): Promise<WriteResult> {
  return (await w.db.write((tx) => updateNodeIn(tx, w.caller, u))).value;
}

export async function deleteNode(w: Writer, d: NodeDelete): Promise<DeleteOutcome> {
  return (await w.db.write((tx) => deleteNodeIn(tx, w.caller, d))).value;
}
