/**
 * The audit log: one :AuditEntry per write, import, export, sign-in failure
 * and role change, appended in the same transaction as the change it records
 * (so an entry exists exactly when the change does). Nothing in the API
 * updates or deletes an entry.
 */
import { randomUUID } from 'node:crypto';
import type { GraphDb, Tx } from './driver';

export interface AuditInput {
  /** The caller's id ('local' for the CLI, 'dev-open' without sign-in). */
  actor: string;
  actorOrganisation: string | null;
  /** What happened, e.g. `node.create`, `dependency.update`, `node.delete`, `signIn.failed`, `user.roles`, `export`. */
  action: string;
  /** The id acted on (a node, a dependency, a user, a key), when there is one. */
  target: string | null;
  /** JSON of the record before and after (null when it did not exist / no longer exists). */
  before: unknown;
  after: unknown;
  /** A short free-text note (e.g. why a sign-in failed). */
  detail?: string | null;
}

export interface AuditEntry extends Omit<AuditInput, 'before' | 'after'> {
  id: string;
  /** ISO 8601 time of the transaction. */
  at: string;
  before: string | null;
  after: string | null;
  detail: string | null;
}

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** Appends entries in the caller's transaction. */
export async function appendAudit(tx: Tx, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date().toISOString();
  await tx.run(
    `UNWIND $entries AS e
     CREATE (:AuditEntry {id: e.id, at: $at, seq: e.seq, actor: e.actor, actorOrganisation: e.actorOrganisation,
                          action: e.action, target: e.target, before: e.before, after: e.after, detail: e.detail})`,
    {
      at,
      entries: entries.map((e, seq) => ({
        id: randomUUID(),
        seq,
        actor: e.actor,
        actorOrganisation: e.actorOrganisation,
        action: e.action,
        target: e.target,
        before: json(e.before),
        after: json(e.after),
        detail: e.detail ?? null,
      })),
    },
    // The log is not the modelled graph: an entry alone (a seed load that changed nothing) leaves the version counter.
    { modelChange: false },
  );
}

/** Records an event that changes nothing else (a failed sign-in, an export), in its own transaction. */
export async function recordAudit(db: GraphDb, entries: readonly AuditInput[]): Promise<void> {
  await db.write((tx) => appendAudit(tx, entries), { countsAsModelWrite: false });
}

export interface AuditQuery {
  actor?: string | null;
  action?: string | null;
  target?: string | null;
  /** Entries strictly before this time (ISO 8601), for paging back. */
  before?: string | null;
  first: number;
}

/** The newest entries first. */
export async function listAudit(db: GraphDb, q: AuditQuery): Promise<AuditEntry[]> {
  const rows = await db.read((tx) =>
    tx.run(
      `MATCH (e:AuditEntry)
       WHERE ($actor IS NULL OR e.actor = $actor) AND ($action IS NULL OR e.action = $action)
         AND ($target IS NULL OR e.target = $target) AND ($before IS NULL OR e.at < $before)
       RETURN e {.*} AS e ORDER BY e.at DESC, e.seq DESC LIMIT $limit`,
      { actor: q.actor ?? null, action: q.action ?? null, target: q.target ?? null, before: q.before ?? null, limit: q.first },
    ),
  );
  return rows.map((r) => {
    const e = r.e as Record<string, unknown>;
    return {
      id: String(e.id),
      at: String(e.at),
      actor: String(e.actor),
      actorOrganisation: (e.actorOrganisation as string | null) ?? null,
      action: String(e.action),
      target: (e.target as string | null) ?? null,
      before: (e.before as string | null) ?? null,
      after: (e.after as string | null) ?? null,
      detail: (e.detail as string | null) ?? null,
    };
  });
}
