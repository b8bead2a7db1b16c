/**
 * The TLP visibility rule (src/auth/clearance.ts `canSee`) as a Cypher
 * predicate, for every read that lists or looks up stored elements. Callers
 * pass a typed Clearance; the predicate reads it from the `$clearance` parameter.
 */
import type { Clearance } from '../auth/clearance';

/** A predicate over element `alias` (a node or relationship variable), true when the clearance sees it. */
export function visibleWhere(alias: string): string {
  return `($clearance.all OR coalesce(${alias}.tlp, 'CLEAR') IN ['CLEAR', 'GREEN']
    OR (${alias}.tlp = 'AMBER' AND any(o IN coalesce(${alias}.sharedWith, []) WHERE o IN $clearance.memberOf))
    OR (${alias}.tlp = 'AMBER_STRICT' AND $clearance.organisation IS NOT NULL AND $clearance.organisation IN coalesce(${alias}.sharedWith, []))
    OR (${alias}.tlp = 'RED' AND $clearance.userId IN coalesce(${alias}.sharedWithUsers, [])))`;
}

/**
 * Whose clearance a read applies: a caller's, or `EVERYTHING` for the server's own reads
 * (before-images of writes, the snapshot), which are never handed to a caller unfiltered.
 */
export type Visibility = Clearance | typeof EVERYTHING;
export const EVERYTHING = 'everything' as const;

/** The `$clearance` parameter for `visibleWhere`. */
export function clearanceParam(c: Visibility): { clearance: { all: boolean; userId: string; organisation: string | null; memberOf: string[] } } {
  if (c === EVERYTHING) return { clearance: { all: true, userId: '', organisation: null, memberOf: [] } };
  return { clearance: { all: false, userId: c.userId, organisation: c.organisation, memberOf: [...c.memberOf] } };
}
