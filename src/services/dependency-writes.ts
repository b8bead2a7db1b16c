/**
 * Create, update, claim and delete of DEPENDS_ON, and redundancy groups. Every
 * rule on edges (one edge per (dependent, supplier, channel), redundancy
 * groups) concerns the edges of one dependent, so each write first takes the
 * write lock of the dependents it touches: two writes on the edges of one
 * dependent run one after the other, and each checks what the other stored.
 */
import { DEFAULTS, REL } from '../../graph-schema/vocabulary';
import type { Caller } from '../auth/caller';
import { ConflictError, ValidationError } from '../errors';
import type { ErrorDetail } from '../errors';
import { sameRecord } from '../model/compare';
import { defaultDependencyId } from '../model/dependency-id';
import { checkIntegrity } from '../model/integrity';
import type { Located } from '../model/integrity';
import type { DependencyRecord } from '../model/records';
import { validateRecord } from '../model/schemas';
import { appendAudit } from '../store/audit';
import type { AuditInput } from '../store/audit';
import type { Tx } from '../store/driver';
import { deleteDependencyById, dependencyStates, lockNodes } from '../store/entity-writes';
import type { DetachedRelationship } from '../store/entity-writes';
import { groupProblems, readDependencyRecords, readKinds, upsertDependencies } from '../store/records';
import type { WriteResult } from './node-writes';
import { throwIntegrity } from './node-writes';
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
import type { AuditAction, Writer } from './write-support';

export { defaultDependencyId } from '../model/dependency-id';

/** One dependency to update: its id, the input fields to change (GraphQL names) and the revision read. */
export interface DependencyUpdate {
  id: string;
  input: Record<string, unknown>;
  /** The revision the caller read; null only for writes that set a final state under the lock (groups, claims). */
  expectedRevision?: number | null;
  /** Where the input came from in the request, e.g. `inputs[2]`; prefixes its problems. */
  at?: string;
}

export interface DependencyCreate {
  input: Record<string, unknown>;
  at: string;
}

const tripleKey = (d: { dependent: string; supplier: string; channel: string }) =>
  `${d.dependent}\u0000${d.supplier}\u0000${d.channel}`;

/**
 * Turning an illustrative dependency into public record replaces its provenance: the caller must
 * say where the record is (a new source) and how sure it is (confidence); the generator's source
 * and confidence are never kept under `illustrative: false`.
 */
function claimProblem(stored: DependencyRecord, patch: Record<string, unknown>): string | null {
  if (!stored.illustrative || patch.illustrative !== false) return null;
  if (typeof patch.source !== 'string' || patch.source === stored.source || patch.confidence === undefined) {
    return `'${stored.id}' is illustrative; recording it as public record (illustrative: false) replaces its provenance and needs provenance.source (the public record) and provenance.confidence`;
  }
  return null;
}

export interface DependencyWriteOptions {
  /** The audit action of the creates and updates (default dependency.create / dependency.update). */
  action?: AuditAction;
}

/**
 * Creates and updates DEPENDS_ON relationships in the caller's transaction, validating the final
 * state of every touched dependent (one edge per triple, redundancy groups, carriage rules)
 * before writing: all or nothing. Updates equal to the stored record write nothing (neither the
 * revision nor the version counter moves, no audit entry). Returns creates first, in input order.
 */
export async function writeDependencies(
  tx: Tx,
  caller: Caller,
  creates: readonly DependencyCreate[],
  updates: readonly DependencyUpdate[],
  options: DependencyWriteOptions = {},
): Promise<WriteResult[]> {
  const problems: ErrorDetail[] = [];
  const newRecords: Located<DependencyRecord>[] = [];
  for (const { input, at } of creates) {
    const record = recordForCreate('DependsOn', input);
    if (record.id === undefined && typeof record.dependent === 'string' && typeof record.supplier === 'string' && typeof record.channel === 'string') {
      record.id = defaultDependencyId(record.dependent, record.supplier, record.channel);
    }
    applyMarkingDefaults(record, inputToPatch('DependsOn', input), caller, at);
    problems.push(...validateRecord('dependencies', record, at));
    newRecords.push({ record: record as unknown as DependencyRecord, at });
  }
  for (const u of updates) if (u.expectedRevision !== null && u.expectedRevision !== undefined) checkExpectedRevision(u.expectedRevision, true);

  // Lock the dependents (as stored, and as the input would make them), then read under the lock.
  const unlocked = await dependencyStates(tx, updates.map((u) => u.id));
  await lockNodes(tx, [
    ...[...unlocked.values()].map((s) => s.dependent),
    ...newRecords.map((d) => d.record.dependent).filter((v): v is string => typeof v === 'string'),
    ...updates.map((u) => u.input.dependent).filter((v): v is string => typeof v === 'string'),
  ]);
  const states = await dependencyStates(tx, updates.map((u) => u.id));
  const storedById = new Map((await readDependencyRecords(tx, updates.map((u) => u.id))).map((d) => [d.id, d]));

  const changed: (Located<DependencyRecord> & { before: DependencyRecord; revision: number })[] = [];
  const unchanged: Located<DependencyRecord>[] = [];
  const results = new Map<string, WriteResult>();
  for (const { id, input, at = 'input', expectedRevision } of updates) {
    const state = states.get(id);
    const stored = storedById.get(id);
    assertVisible(caller, stored ? state?.marking : undefined, `${prefix(at)}no dependency with id '${id}'`);
    checkRevision(`dependency '${id}'`, expectedRevision, state!.revision);
    const patch = inputToPatch('DependsOn', input);
    const claim = claimProblem(stored!, patch);
    if (claim) problems.push({ path: at, message: claim });
    const record = recordForUpdate('DependsOn', stored as unknown as Record<string, unknown>, input);
    applyMarkingDefaults(record, patch, caller, at);
    problems.push(...validateRecord('dependencies', record, at));
    if (sameRecord(record, stored as unknown as Record<string, unknown>, ['updatedAt'])) {
      unchanged.push({ record: record as unknown as DependencyRecord, at });
      results.set(id, { id, revision: state!.revision, changed: false });
    } else {
      changed.push({ record: record as unknown as DependencyRecord, at, before: stored!, revision: state!.revision + 1 });
      results.set(id, { id, revision: state!.revision + 1, changed: true });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

  const createdIds = new Set<string>();
  for (const { record, at } of newRecords) {
    if (createdIds.has(record.id)) throw new ConflictError(`${at}: dependency id '${record.id}' is given twice`);
    createdIds.add(record.id);
  }
  const existing = await readDependencyRecords(tx, [...createdIds]);
  if (existing.length > 0) {
    const at = newRecords.find((d) => d.record.id === existing[0]!.id)!.at;
    throw new ConflictError(`${at}: dependency id(s) ${existing.map((d) => `'${d.id}'`).join(', ')} already exist`, [
      { path: `${at}.id`, message: `'${existing[0]!.id}' exists` },
    ]);
  }
  const ordered = [...newRecords.map((d) => ({ id: d.record.id, revision: 1, changed: true })), ...updates.map((u) => results.get(u.id)!)];
  const batch = [...newRecords, ...changed];
  if (batch.length === 0) return ordered;

  const dependents = [...new Set([...batch.map((d) => d.record.dependent), ...updates.map((u) => storedById.get(u.id)!.dependent)])];
  const endpoints = [...new Set(batch.flatMap((d) => [d.record.dependent, d.record.supplier]))];
  const storedKinds = await readKinds(tx, endpoints);
  // Every rule that involves stored edges (one edge per (dependent, supplier, channel), redundancy
  // groups) only concerns edges of the same dependent.
  const siblings = await readDependencyRecords(tx, undefined, dependents);

  // A create on a triple an illustrative edge already holds: say how to claim it.
  const batchIds = new Set(batch.map((d) => d.record.id));
  const byTriple = new Map(siblings.filter((d) => !batchIds.has(d.id)).map((d) => [tripleKey(d), d]));
  for (const { record, at } of newRecords) {
    const held = byTriple.get(tripleKey(record));
    if (held?.illustrative) {
      throw new ConflictError(
        `${at}: an illustrative ${record.channel} dependency of '${record.dependent}' on '${record.supplier}' already exists ('${held.id}'); to record it as public record, call claimDependency(input: { dependent, supplier, channel, provenance: { source, confidence } }) or updateDependency(id: "${held.id}", expectedRevision, input: { provenance: { illustrative: false, source, confidence } })`,
      );
    }
  }
  throwIntegrity(
    checkIntegrity({
      nodes: [],
      nodeKinds: new Map(),
      dependencies: [...batch, ...unchanged],
      storedKinds,
      storedDependencies: siblings,
    }),
  );
  await upsertDependencies(tx, batch.map((d) => d.record));
  const groups = await groupProblems(tx, dependents);
  if (groups.length > 0) throw new ValidationError(groups.join('; '));
  const audit: AuditInput[] = [
    ...newRecords.map((d) => auditEntry(caller, options.action ?? 'dependency.create', d.record.id, null, audited(d.record, 1))),
    ...changed.map((d) => auditEntry(caller, options.action ?? 'dependency.update', d.record.id, audited(d.before, d.revision - 1), audited(d.record, d.revision))),
  ];
  await appendAudit(tx, audit);
  return ordered;
}

export async function createDependency(w: Writer, input: Record<string, unknown>): Promise<string> {
  const outcome = await w.db.write((tx) => writeDependencies(tx, w.caller, [{ input, at: 'input' }], []));
  return outcome.value[0]!.id;
}

/** Creates several dependencies in one transaction (e.g. a whole k-of-n group): all or none. */
export async function createDependencies(w: Writer, inputs: readonly Record<string, unknown>[]): Promise<string[]> {
  if (inputs.length === 0) throw new ValidationError('inputs is empty: give at least one dependency');
  if (inputs.length > 1000) throw new ValidationError(`at most 1000 dependencies per call (got ${inputs.length})`);
  const outcome = await w.db.write((tx) =>
    writeDependencies(tx, w.caller, inputs.map((input, i) => ({ input, at: `inputs[${i}]` })), []),
  );
  return outcome.value.map((r) => r.id);
}

export function checkStableId(id: string, input: Record<string, unknown>, at = 'input'): void {
  if (input.id !== undefined && input.id !== null && input.id !== id) {
    throw new ValidationError(`${prefix(at)}ids are stable: input.id ${JSON.stringify(input.id)} differs from '${id}'`);
  }
}

export async function updateDependency(w: Writer, id: string, expectedRevision: number, input: Record<string, unknown>): Promise<string> {
  checkStableId(id, input);
  checkExpectedRevision(expectedRevision, true);
  await w.db.write((tx) => writeDependencies(tx, w.caller, [], [{ id, expectedRevision, input: { ...input, id: undefined } }]));
  return id;
}

export interface RedundancyGroupInput {
  dependent: string;
  group: string;
  minAlive: number;
  members: readonly { dependency: string; capacityShare?: number | null }[];
}

/**
 * Sets the final state of one redundancy group of a dependent in one transaction: exactly the
 * listed dependencies (all of that dependent) are in the group, with this minAlive and their
 * capacityShare (given on all members or none); edges of the group that are not listed leave it
 * (they become required edges, minAlive 1). Validated as a whole: all or nothing. It states a
 * final state under the dependent's lock, so it needs no expected revisions.
 */
export async function setRedundancyGroupIn(tx: Tx, caller: Caller, input: RedundancyGroupInput): Promise<string[]> {
  await lockNodes(tx, [input.dependent]);
  const siblings = await readDependencyRecords(tx, undefined, [input.dependent]);
  const ofDependent = new Map(siblings.map((d) => [d.id, d]));
  const listed = new Set<string>();
  const problems: ErrorDetail[] = [];
  input.members.forEach((m, i) => {
    if (listed.has(m.dependency)) problems.push({ path: `members[${i}]`, message: `'${m.dependency}' is listed twice` });
    listed.add(m.dependency);
    if (!ofDependent.has(m.dependency)) {
      problems.push({ path: `members[${i}]`, message: `'${m.dependency}' is not a dependency of '${input.dependent}'` });
    }
  });
  if (problems.length > 0) throw new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  const updates: DependencyUpdate[] = input.members.map((m, i) => ({
    id: m.dependency,
    at: `members[${i}]`,
    input: { redundancyGroup: input.group, minAlive: input.minAlive, capacityShare: m.capacityShare ?? null },
  }));
  for (const d of siblings) {
    if (d.redundancyGroup === input.group && !listed.has(d.id)) {
      updates.push({ id: d.id, at: `leaving ${d.id}`, input: { redundancyGroup: null, minAlive: 1, capacityShare: null } });
    }
  }
  await writeDependencies(tx, caller, [], updates, { action: 'redundancyGroup.set' });
  return input.members.map((m) => m.dependency);
}

export async function setRedundancyGroup(w: Writer, input: RedundancyGroupInput): Promise<string[]> {
  return (await w.db.write((tx) => setRedundancyGroupIn(tx, w.caller, input))).value;
}

export interface ClaimInput {
  dependent: string;
  supplier: string;
  channel: string;
  provenance: Record<string, unknown>;
  changes?: Record<string, unknown> | null;
}

/**
 * Records the dependency of `dependent` on `supplier` over `channel` as public record: when an
 * illustrative edge holds that triple, its provenance is replaced (illustrative: false, the given
 * source and confidence) and `changes` applied, keeping its id; when no edge holds it, it is
 * created. An edge that is already public record is not claimed again (CONFLICT: use
 * updateDependency).
 */
export async function claimDependency(w: Writer, input: ClaimInput): Promise<string> {
  const changes = input.changes ?? {};
  for (const key of ['dependent', 'supplier', 'channel', 'id', 'provenance']) {
    if (changes[key] !== undefined && changes[key] !== null) {
      throw new ValidationError(`changes.${key} cannot be set in a claim: the triple and the provenance are the claim's own fields`);
    }
  }
  if (input.provenance.illustrative === true) {
    throw new ValidationError('a claim records public record: provenance.illustrative must be false (or left out)');
  }
  const provenance = { confidence: DEFAULTS.confidence, ...input.provenance, illustrative: false };
  const outcome = await w.db.write(async (tx) => {
    await lockNodes(tx, [input.dependent]);
    const siblings = await readDependencyRecords(tx, undefined, [input.dependent]);
    const held = siblings.find((d) => d.supplier === input.supplier && d.channel === input.channel);
    const { dependent, supplier, channel } = input;
    if (!held) {
      const [created] = await writeDependencies(tx, w.caller, [{ input: { ...changes, dependent, supplier, channel, provenance }, at: 'input' }], [], { action: 'dependency.claim' });
      return created!.id;
    }
    if (!held.illustrative) {
      throw new ConflictError(
        `'${held.id}' (${channel} dependency of '${dependent}' on '${supplier}') is already public record; change it with updateDependency`,
      );
    }
    await writeDependencies(tx, w.caller, [], [{ id: held.id, input: { ...changes, provenance } }], { action: 'dependency.claim' });
    return held.id;
  });
  return outcome.value;
}

export interface DependencyDelete {
  id: string;
  /** When given, a different stored revision is a CONFLICT. */
  expectedRevision?: number | null;
}

export async function deleteDependencyIn(tx: Tx, caller: Caller, d: DependencyDelete, at = 'input'): Promise<DetachedRelationship> {
  const { id } = d;
  checkExpectedRevision(d.expectedRevision, false);
  const unlocked = (await dependencyStates(tx, [id])).get(id);
  if (unlocked) await lockNodes(tx, [unlocked.dependent]);
  const state = (await dependencyStates(tx, [id])).get(id);
  assertVisible(caller, state?.marking, `${prefix(at)}no dependency with id '${id}'`);
  checkRevision(`dependency '${id}'`, d.expectedRevision, state!.revision);
  const [stored] = await readDependencyRecords(tx, [id]);
  await deleteDependencyById(tx, id);
  const groups = await groupProblems(tx, [stored!.dependent]);
  if (groups.length > 0) {
    throw new ValidationError(
      `${prefix(at)}deleting '${id}' would break its redundancy group: ${groups.join('; ')}; lower minAlive on the group first`,
    );
  }
  await appendAudit(tx, [auditEntry(caller, 'dependency.delete', id, audited(stored!, state!.revision), null)]);
  return { type: REL.DEPENDS_ON, id, from: stored!.dependent, to: stored!.supplier };
}

export async function deleteDependency(w: Writer, d: DependencyDelete): Promise<DetachedRelationship> {
  return (await w.db.write((tx) => deleteDependencyIn(tx, w.caller, d))).value;
}
