/**
 * What a caller may see, by TLP 2.0 (graph-schema/README.md, "Markings"):
 * CLEAR and GREEN every signed-in member of the community (every caller that
 * got past sign-in); AMBER the named organisations and their members; AMBER+STRICT
 * the named organisations only; RED the named individuals only. Roles never
 * widen this: an administrator sees what their organisation and name clear.
 */
import type { Tlp } from '../../graph-schema/vocabulary';
import type { Caller } from './caller';

export interface Marking {
  tlp: Tlp;
  /** Organisation ids (AMBER, AMBER_STRICT). */
  sharedWith: readonly string[];
  /** User ids (RED). */
  sharedWithUsers: readonly string[];
}

export interface Clearance {
  userId: string;
  organisation: string | null;
  /** The organisation and every organisation it is a member of. */
  memberOf: readonly string[];
}

export function clearanceOf(caller: Caller): Clearance {
  return { userId: caller.id, organisation: caller.organisation, memberOf: caller.memberOf };
}

export function canSee(c: Clearance, m: Marking): boolean {
  switch (m.tlp) {
    case 'CLEAR':
    case 'GREEN':
      return true;
    case 'AMBER':
      return m.sharedWith.some((o) => c.memberOf.includes(o));
    case 'AMBER_STRICT':
      return c.organisation !== null && m.sharedWith.includes(c.organisation);
    case 'RED':
      return m.sharedWithUsers.includes(c.userId);
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The marking of a stored element's properties (absent tlp: CLEAR; an unknown tlp is treated as RED). */
export function markingOf(props: Record<string, unknown>): Marking {
  const tlp = props.tlp;
  const level: Tlp = tlp === undefined || tlp === null ? 'CLEAR' : tlp === 'CLEAR' || tlp === 'GREEN' || tlp === 'AMBER' || tlp === 'AMBER_STRICT' || tlp === 'RED' ? tlp : 'RED';
  return { tlp: level, sharedWith: strings(props.sharedWith), sharedWithUsers: strings(props.sharedWithUsers) };
}

/** A key equal for two callers exactly when they clear the same markings. */
export function clearanceKey(c: Clearance): string {
  return JSON.stringify([c.userId, c.organisation, [...c.memberOf].sort()]);
}
