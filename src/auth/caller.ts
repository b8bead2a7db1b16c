/**
 * Who is asking: the signed-in user (by token or API key) as the rest of the
 * server sees them. Roles decide what a caller may call (src/api/access.ts);
 * the organisation and identity decide what a caller may see (TLP markings,
 * src/auth/clearance.ts).
 */
import { ROLES } from '../../graph-schema/vocabulary';
import type { Role } from '../../graph-schema/vocabulary';

export interface Caller {
  /** How the caller signed in: a JWT, an API key, or nobody (LINCHPIN_DEV_OPEN=1, or a local script). */
  via: 'token' | 'key' | 'dev-open' | 'local';
  /** The user id (a JWT's subject claim, an API key's owner). */
  id: string;
  name: string;
  /** The caller's organisation id, or null. */
  organisation: string | null;
  /** The caller's organisation and every organisation it is a member of, for AMBER (nearest first). */
  memberOf: readonly string[];
  roles: readonly Role[];
}

const RANK = new Map<Role, number>(ROLES.map((r, i) => [r, i]));

/** True when one of the caller's roles is `required` or stronger. */
export function hasRole(caller: Pick<Caller, 'roles'>, required: Role): boolean {
  const need = RANK.get(required)!;
  return caller.roles.some((r) => (RANK.get(r) ?? -1) >= need);
}

/** The strongest of the caller's roles, or null. */
export function topRole(caller: Pick<Caller, 'roles'>): Role | null {
  let best: Role | null = null;
  for (const r of caller.roles) if (best === null || RANK.get(r)! > RANK.get(best)!) best = r;
  return best;
}

/**
 * The caller of in-process work that no user asked for (the CLI's seed load,
 * the incident replays stored at start). It is an administrator that sees
 * only CLEAR and GREEN, like any member without an organisation.
 */
export const LOCAL_CALLER: Caller = {
  via: 'local',
  id: 'local',
  name: 'local process',
  organisation: null,
  memberOf: [],
  roles: ['ADMIN'],
};

/** The caller of every request when LINCHPIN_DEV_OPEN=1: an administrator without organisation. */
export const DEV_OPEN_CALLER: Caller = { ...LOCAL_CALLER, via: 'dev-open', id: 'dev-open', name: 'anyone (LINCHPIN_DEV_OPEN=1)' };
