/**
 * Create, update and delete of nodes and DEPENDS_ON, validated against the
 * same rules as the seed loader (record schemas and integrity rules), each in
 * one write transaction that rolls back whole on any problem.
 */
import { DEFAULTS, ENTITY_LABEL, REL } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { ErrorDetail } from '../errors';
import { sameRecord } from '../model/compare';
import { defaultDependencyId } from '../model/dependency-id';
import { checkIntegrity } from '../model/integrity';
import type { Located } from '../model/integrity';
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
import { inputToPatch, recordForCreate, recordForUpdate } from './record-inputs';

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
    // Nothing to change (all given fields equal the stored ones): write nothing, so the version counter stays.
    if (sameRecord(record, stored as unknown as Record<string, unknown>, ['updatedAt'])) return;
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

export { defaultDependencyId } from '../model/dependency-id';

/** One dependency to update in a batch: its id and the input fields to change (GraphQL names). */
export interface DependencyUpdate {
  id: string;
  input: Record<string, unknown>;
  /** Where the input came from in the request, e.g. `inputs[2]`; prefixes its problems. */
  at?: string;
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

/**
 * Creates and updates DEPENDS_ON relationships in ONE write transaction, validating the final
 * state of every touched dependent (one edge per triple, redundancy groups, carriage rules)
 * before writing: all or nothing. Updates equal to the stored record write nothing (the version
 * counter does not move). Returns the ids, creates first, in input order.
 */
async function writeDependencies(
  tx: Tx,
  creates: readonly { input: Record<string, unknown>; at: string }[],
  updates: readonly DependencyUpdate[],
): Promise<string[]> {
  const problems: ErrorDetail[] = [];
  const newRecords: Located<DependencyRecord>[] = [];
  for (const { input, at } of creates) {
    const record = recordForCreate('DependsOn', input);
    if (record.id === undefined && typeof record.dependent === 'string' && typeof record.supplier === 'string' && typeof record.channel === 'string') {
      record.id = defaultDependencyId(record.dependent, record.supplier, record.channel);
    }
    problems.push(...validateRecord('dependencies', record, at));
    newRecords.push({ record: record as unknown as DependencyRecord, at });
  }
  const storedById = new Map((await readDependencyRecords(tx, updates.map((u) => u.id))).map((d) => [d.id, d]));
  const changed: Located<DependencyRecord>[] = [];
  const unchanged: Located<DependencyRecord>[] = [];
  for (const { id, input, at = 'input' } of updates) {
    const stored = storedById.get(id);
    if (!stored) throw new NotFoundError(`no dependency with id '${id}'`);
    const patch = inputToPatch('DependsOn', input);
    const claim = claimProblem(stored, patch);
    if (claim) problems.push({ path: at, message: claim });
    const record = recordForUpdate('DependsOn', stored as unknown as Record<string, unknown>, input);
    problems.push(...validateRecord('dependencies', record, at));
    const same = sameRecord(record, stored as unknown as Record<string, unknown>, ['updatedAt']);
    (same ? unchanged : changed).push({ record: record as unknown as DependencyRecord, at });
  }
  if (problems.length > 0) throw new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

  const createdIds = new Set<string>();
  for (const { record, at } of newRecords) {
    if (createdIds.has(record.id)) throw new ConflictError(`${at}: dependency id '${record.id}' is given twice`);
    createdIds.add(record.id);
  }
  const existing = await readDependencyRecords(tx, [...createdIds]);
  if (existing.length > 0) {
    throw new ConflictError(`dependency id(s) ${existing.map((d) => `'${d.id}'`).join(', ')} already exist`);
  }
  const batch = [...newRecords, ...changed];
  if (batch.length === 0) return [...newRecords.map((d) => d.record.id), ...updates.map((u) => u.id)];

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
        `${at}: an illustrative ${record.channel} dependency of '${record.dependent}' on '${record.supplier}' already exists ('${held.id}'); to record it as public record, call claimDependency(input: { dependent, supplier, channel, provenance: { source, confidence } }) or updateDependency(id: "${held.id}", input: { provenance: { illustrative: false, source, confidence } })`,
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
  return [...newRecords.map((d) => d.record.id), ...updates.map((u) => u.id)];
}

export async function createDependency(db: GraphDb, input: Record<string, unknown>): Promise<string> {
  const outcome = await db.write((tx) => writeDependencies(tx, [{ input, at: 'input' }], []));
  return outcome.value[0]!;
}

/** Creates several dependencies in one transaction (e.g. a whole k-of-n group): all or none. */
export async function createDependencies(db: GraphDb, inputs: readonly Record<string, unknown>[]): Promise<string[]> {
  if (inputs.length === 0) throw new ValidationError('inputs is empty: give at least one dependency');
  if (inputs.length > 1000) throw new ValidationError(`at most 1000 dependencies per call (got ${inputs.length})`);
  const outcome = await db.write((tx) => writeDependencies(tx, inputs.map((input, i) => ({ input, at: `inputs[${i}]` })), []));
  return outcome.value;
}

export async function updateDependency(db: GraphDb, id: string, input: Record<string, unknown>): Promise<string> {
  if (input.id !== undefined && input.id !== null && input.id !== id) {
    throw new ValidationError(`ids are stable: input.id ${JSON.stringify(input.id)} differs from '${id}'`);
  }
  await db.write((tx) => writeDependencies(tx, [], [{ id, input: { ...input, id: undefined } }]));
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
 * (they become required edges, minAlive 1). Validated as a whole: all or nothing.
 */
export async function setRedundancyGroup(db: GraphDb, input: RedundancyGroupInput): Promise<string[]> {
  const outcome = await db.write(async (tx) => {
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
    await writeDependencies(tx, [], updates);
    return input.members.map((m) => m.dependency);
  });
  return outcome.value;
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
export async function claimDependency(db: GraphDb, input: ClaimInput): Promise<string> {
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
  const outcome = await db.write(async (tx) => {
    const siblings = await readDependencyRecords(tx, undefined, [input.dependent]);
    const held = siblings.find((d) => d.supplier === input.supplier && d.channel === input.channel);
    const { dependent, supplier, channel } = input;
    if (!held) {
      const [id] = await writeDependencies(tx, [{ input: { ...changes, dependent, supplier, channel, provenance }, at: 'input' }], []);
      return id!;
    }
    if (!held.illustrative) {
      throw new ConflictError(
        `'${held.id}' (${channel} dependency of '${dependent}' on '${supplier}') is already public record; change it with updateDependency`,
      );
    }
    await writeDependencies(tx, [], [{ id: held.id, input: { ...changes, provenance } }]);
    return held.id;
  });
  return outcome.value;
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
