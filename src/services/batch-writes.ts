/**
 * `applyChanges`: creates, updates and deletes of nodes and dependencies in ONE
 * write transaction, in the order given: all are stored or none. Each change
 * goes through the same code as its single mutation (checks, locks, revisions,
 * markings, audit entries); an error names the change's index
 * (`changes[3].update.set.provider: …`) and nothing of the batch is stored.
 * Runs of consecutive dependency creates and updates are validated together,
 * as `createDependencies` does, so a whole k-of-n group can be created in one
 * batch.
 */
import { DEPENDENCY_ID_PREFIX } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import type { Caller } from '../auth/caller';
import { ValidationError } from '../errors';
import { appendAudit } from '../store/audit';
import type { Tx } from '../store/driver';
import { checkStableId, deleteDependencyIn, writeDependencies } from './dependency-writes';
import type { DependencyCreate, DependencyUpdate } from './dependency-writes';
import { createNodeIn, deleteNodeIn, updateNodeIn } from './node-writes';
import type { DeleteOutcome } from './node-writes';
import { auditEntry, checkExpectedRevision, locate } from './write-support';
import type { Writer } from './write-support';

/** The fields of one element, by kind (GraphQL EntityInput): exactly one is given. */
export interface EntityInput {
  country?: Record<string, unknown> | null;
  provider?: Record<string, unknown> | null;
  facility?: Record<string, unknown> | null;
  service?: Record<string, unknown> | null;
  criticalFunction?: Record<string, unknown> | null;
  incident?: Record<string, unknown> | null;
  dependency?: Record<string, unknown> | null;
}

export interface ChangeInput {
  create?: EntityInput | null;
  update?: { id: string; expectedRevision: number; set: EntityInput } | null;
  delete?: { id: string; expectedRevision?: number | null; force?: boolean | null } | null;
}

export type ChangeAction = 'CREATE' | 'UPDATE' | 'DELETE';

export interface ChangeResult {
  index: number;
  action: ChangeAction;
  id: string;
  /** Whether the element is a DEPENDS_ON (else a node). */
  isDependency: boolean;
  /** Revision after the change; null for a delete. */
  revision: number | null;
  changed: boolean;
  deleted: DeleteOutcome | null;
}

export const MAX_CHANGES = 1000;

const KIND_OF_FIELD: Record<keyof EntityInput, NodeKind | 'DependsOn'> = {
  country: 'Country',
  provider: 'Provider',
  facility: 'Facility',
  service: 'Service',
  criticalFunction: 'CriticalFunction',
  incident: 'Incident',
  dependency: 'DependsOn',
};

function oneOf<T extends object>(value: T, at: string): [keyof T, NonNullable<T[keyof T]>] {
  const given = (Object.entries(value) as [keyof T, T[keyof T]][]).filter(([, v]) => v !== null && v !== undefined);
  if (given.length !== 1) {
    throw new ValidationError(
      `${at}: give exactly one field (got ${given.length === 0 ? 'none' : given.map(([k]) => String(k)).join(', ')})`,
      [{ path: at, message: `exactly one field, got ${given.length}` }],
    );
  }
  return given[0] as [keyof T, NonNullable<T[keyof T]>];
}

type Step =
  | { kind: 'node'; index: number; run: () => Promise<ChangeResult> }
  | { kind: 'deps'; index: number; create?: DependencyCreate; update?: DependencyUpdate };

function plan(tx: Tx, caller: Caller, changes: readonly ChangeInput[]): Step[] {
  return changes.map((change, index): Step => {
    const at = `changes[${index}]`;
    const [action, body] = oneOf(change, at);
    if (action === 'create') {
      const [field, input] = oneOf(body as EntityInput, `${at}.create`);
      const kind = KIND_OF_FIELD[field];
      const where = `${at}.create.${field}`;
      if (kind === 'DependsOn') return { kind: 'deps', index, create: { input, at: where } };
      return {
        kind: 'node',
        index,
        run: async () => ({ index, action: 'CREATE', isDependency: false, deleted: null, ...(await createNodeIn(tx, caller, kind, input, where)) }),
      };
    }
    if (action === 'update') {
      const u = body as NonNullable<ChangeInput['update']>;
      checkExpectedRevision(u.expectedRevision, true);
      const [field, input] = oneOf(u.set, `${at}.update.set`);
      const kind = KIND_OF_FIELD[field];
      const where = `${at}.update.set.${field}`;
      if (kind === 'DependsOn') {
        checkStableId(u.id, input, where);
        return { kind: 'deps', index, update: { id: u.id, expectedRevision: u.expectedRevision, input: { ...input, id: undefined }, at: where } };
      }
      return {
        kind: 'node',
        index,
        run: async () => ({
          index,
          action: 'UPDATE',
          isDependency: false,
          deleted: null,
          ...(await updateNodeIn(tx, caller, { kind, id: u.id, expectedRevision: u.expectedRevision, input }, where)),
        }),
      };
    }
    const d = body as NonNullable<ChangeInput['delete']>;
    const where = `${at}.delete`;
    return {
      kind: 'node',
      index,
      run: async () => {
        if (d.id.startsWith(DEPENDENCY_ID_PREFIX)) {
          const detached = await deleteDependencyIn(tx, caller, { id: d.id, expectedRevision: d.expectedRevision }, where);
          const deleted = { id: d.id, detached: [detached], orphaned: [], adjusted: [] };
          return { index, action: 'DELETE', id: d.id, isDependency: true, revision: null, changed: true, deleted };
        }
        const deleted = await deleteNodeIn(tx, caller, { id: d.id, force: d.force ?? false, expectedRevision: d.expectedRevision }, where);
        return { index, action: 'DELETE', id: d.id, isDependency: false, revision: null, changed: true, deleted };
      },
    };
  });
}

/** Runs the changes in order in the caller's transaction; a run of dependency steps is one validated write. */
export async function applyChangesIn(tx: Tx, caller: Caller, changes: readonly ChangeInput[]): Promise<ChangeResult[]> {
  if (changes.length === 0) throw new ValidationError('changes is empty: give at least one change');
  if (changes.length > MAX_CHANGES) throw new ValidationError(`at most ${MAX_CHANGES} changes per batch (got ${changes.length})`);
  const steps = plan(tx, caller, changes);
  const results: ChangeResult[] = [];
  for (let i = 0; i < steps.length; ) {
    const step = steps[i]!;
    if (step.kind === 'node') {
      try {
        results.push(await step.run());
      } catch (error) {
        throw locate(error, `changes[${step.index}]`);
      }
      i += 1;
      continue;
    }
    const run: Extract<Step, { kind: 'deps' }>[] = [];
    while (i < steps.length && steps[i]!.kind === 'deps') run.push(steps[i++] as Extract<Step, { kind: 'deps' }>);
    const creates = run.filter((s) => s.create);
    const updates = run.filter((s) => s.update);
    // writeDependencies prefixes its problems with each item's path (changes[i].create.dependency…).
    const written = await writeDependencies(tx, caller, creates.map((s) => s.create!), updates.map((s) => s.update!));
    [...creates, ...updates].forEach((s, k) => {
      results.push({ index: s.index, action: s.create ? 'CREATE' : 'UPDATE', isDependency: true, deleted: null, ...written[k]! });
    });
  }
  results.sort((a, b) => a.index - b.index);
  await appendAudit(tx, [
    auditEntry(caller, 'batch.apply', null, null, { changes: results.map((r) => ({ index: r.index, action: r.action, id: r.id, changed: r.changed })) }),
  ]);
  return results;
}

export async function applyChanges(w: Writer, changes: readonly ChangeInput[]): Promise<ChangeResult[]> {
  return (await w.db.write((tx) => applyChangesIn(tx, w.caller, changes))).value;
}
