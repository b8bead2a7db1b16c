/**
 * What every write of the API shares: who writes (the caller, for the audit
 * log and the markings), the checks made on a stored element before it is
 * changed (visible to the caller, at the revision the caller read), the
 * marking defaults, and audit entries with before and after records.
 */
import type { Caller } from '../auth/caller';
import { canSee, clearanceOf, markingOf } from '../auth/clearance';
import { ConflictError, LinchpinError, NotFoundError, ValidationError } from '../errors';
import type { ErrorCode, ErrorDetail } from '../errors';
import type { AuditInput } from '../store/audit';
import type { GraphDb } from '../store/driver';

/** A write's database and caller; an ApiContext is one. */
export interface Writer {
  db: GraphDb;
  caller: Caller;
}

export type AuditAction =
  | 'node.create'
  | 'node.update'
  | 'node.delete'
  | 'dependency.create'
  | 'dependency.update'
  | 'dependency.delete'
  | 'dependency.claim'
  | 'redundancyGroup.set'
  | 'batch.apply'
  | 'seed.load';

export function auditEntry(
  caller: Caller,
  action: AuditAction,
  target: string | null,
  before: unknown,
  after: unknown,
  detail: string | null = null,
): AuditInput {
  return { actor: caller.id, actorOrganisation: caller.organisation, action, target, before, after, detail };
}

/** A record as the audit log keeps it: the record and its revision. */
export const audited = (record: object, revision: number): Record<string, unknown> => ({ ...record, revision });

/**
 * NOT_FOUND for an element the caller cannot see, with the same message as for one that does not
 * exist: a write never reveals that a hidden element exists.
 */
export function assertVisible(caller: Caller, marking: Record<string, unknown> | undefined, missing: string): void {
  if (marking === undefined || !canSee(clearanceOf(caller), markingOf(marking))) throw new NotFoundError(missing);
}

/** CONFLICT naming the current revision when the caller's is stale. */
export function checkRevision(what: string, expected: number | null | undefined, current: number): void {
  if (expected === null || expected === undefined || expected === current) return;
  throw new ConflictError(
    `${what} is at revision ${current}, not ${expected}: it changed since it was read; read it again and re-apply the change with expectedRevision: ${current}`,
    [{ path: 'expectedRevision', message: `current revision is ${current}` }],
  );
}

export function checkExpectedRevision(expected: number | null | undefined, required: boolean): void {
  if (expected === null || expected === undefined) {
    if (required) throw new ValidationError('expectedRevision is required: give the revision of the element as you read it');
    return;
  }
  if (!Number.isInteger(expected) || expected < 1) {
    throw new ValidationError(`expectedRevision must be a positive integer (got ${expected})`);
  }
}

/* ----------------------------------------------------------- markings */

const MAX_SHARES = 50;
const ORG_LEVELS = new Set(['AMBER', 'AMBER_STRICT']);

/**
 * Fills the marking of a record about to be written by `caller` (src/model/integrity.ts
 * `markingProblems` then checks the result, as for the seed): AMBER and AMBER_STRICT without
 * `sharedWith` are shared with the caller's organisation (BAD_USER_INPUT when it has none); RED
 * without `sharedWithUsers` with the caller. Shares the record's level does not use are dropped
 * when they come from the stored record (the level changed), and rejected when the input gives
 * them (sharedWith on CLEAR, GREEN or RED; sharedWithUsers on anything but RED).
 */
export function applyMarkingDefaults(record: Record<string, unknown>, patch: Record<string, unknown>, caller: Caller, at: string): void {
  const tlp = (record.tlp as string | undefined) ?? 'CLEAR';
  const problems: ErrorDetail[] = [];
  const given = (key: string) => Array.isArray(patch[key]) && (patch[key] as unknown[]).length > 0;
  if (!ORG_LEVELS.has(tlp)) {
    if (given('sharedWith')) {
      problems.push({ path: `${at}.provenance.sharedWith`, message: `sharedWith names organisations for AMBER and AMBER_STRICT; it means nothing on ${tlp}` });
    }
    delete record.sharedWith;
  } else if (!Array.isArray(record.sharedWith) || record.sharedWith.length === 0) {
    if (caller.organisation === null) {
      problems.push({
        path: `${at}.provenance.sharedWith`,
        message: `a ${tlp} element needs sharedWith (the organisations it is shared with); you belong to no organisation, so there is no default`,
      });
    } else record.sharedWith = [caller.organisation];
  }
  if (tlp !== 'RED') {
    if (given('sharedWithUsers')) {
      problems.push({ path: `${at}.provenance.sharedWithUsers`, message: `sharedWithUsers names individuals for RED; it means nothing on ${tlp}` });
    }
    delete record.sharedWithUsers;
  } else if (!Array.isArray(record.sharedWithUsers) || record.sharedWithUsers.length === 0) {
    record.sharedWithUsers = [caller.id];
  }
  for (const key of ['sharedWith', 'sharedWithUsers'] as const) {
    const list = record[key];
    if (Array.isArray(list) && list.length > MAX_SHARES) {
      problems.push({ path: `${at}.provenance.${key}`, message: `${key} has ${list.length} entries; at most ${MAX_SHARES}` });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

/* ------------------------------------------------------ error location */

/** How a message names where its problem is: nothing for a single mutation's `input`, else the path (`changes[2].create.provider: `). */
export const prefix = (at: string): string => (at === 'input' ? '' : `${at}: `);

/** The same kind of error, its message and details prefixed with where in a batch it happened. */
export function locate(error: unknown, at: string): unknown {
  if (!(error instanceof LinchpinError)) return error;
  if (error.message.startsWith(at)) return error;
  const details = error.details.map((d) => ({ ...d, path: d.path?.startsWith(at) ? d.path : `${at}${d.path ? `.${d.path}` : ''}` }));
  return errorOfCode(error.code, `${at}: ${error.message}`, details);
}

function errorOfCode(code: ErrorCode, message: string, details: readonly ErrorDetail[]): LinchpinError {
  switch (code) {
    case 'BAD_USER_INPUT':
      return new ValidationError(message, details);
    case 'NOT_FOUND':
      return new NotFoundError(message, details);
    case 'CONFLICT':
      return new ConflictError(message, details);
    default:
      return new LinchpinError(code, message, details);
  }
}
