/**
 * Users, organisations and API keys: validation and ownership rules around
 * src/store/access.ts. Roles are checked by the schema (src/api/access.ts);
 * what is checked here is whose keys a caller may see, make and revoke.
 */
import type { Role } from '../../graph-schema/vocabulary';
import { newApiKey } from '../auth/api-keys';
import type { Authenticator } from '../auth/authenticator';
import { hasRole } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { GraphDb } from '../store/driver';
import * as store from '../store/access';
import { listAudit } from '../store/audit';
import type { AuditQuery } from '../store/audit';

export const USER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$/;
export const ORGANISATION_ID_PATTERN = /^org:[a-z0-9][a-z0-9.-]{0,99}$/;
const MAX_NAME = 200;

const actor = (c: Caller) => ({ actor: c.id, actorOrganisation: c.organisation });

function checkName(field: string, name: string, max = MAX_NAME): void {
  if (name.trim().length === 0 || name.length > max) throw new ValidationError(`${field} must be 1..${max} characters (got ${name.length})`, [{ path: field, message: 'length' }]);
}

function checkRoles(roles: readonly Role[]): void {
  if (roles.length === 0) throw new ValidationError('roles must name at least one role', [{ path: 'roles', message: 'empty' }]);
}

export class AccessService {
  constructor(
    private readonly db: GraphDb,
    private readonly auth: Authenticator,
  ) {}

  async createUser(caller: Caller, input: { id: string; name: string; organisation?: string | null; roles: readonly Role[] }) {
    if (!USER_ID_PATTERN.test(input.id)) throw new ValidationError(`user id '${input.id.slice(0, 140)}' must match ${USER_ID_PATTERN}`, [{ path: 'input.id', message: 'pattern' }]);
    checkName('input.name', input.name);
    checkRoles(input.roles);
    const organisation = input.organisation ?? null;
    if (organisation !== null && !(await store.findOrganisation(this.db, organisation))) {
      throw new ValidationError(`organisation '${organisation.slice(0, 110)}' does not exist`, [{ path: 'input.organisation', message: 'unknown' }]);
    }
    if (await store.findUser(this.db, input.id)) throw new ConflictError(`a user with id '${input.id}' exists`);
    return store.createUser(this.db, { id: input.id, name: input.name, organisation, roles: [...new Set(input.roles)] }, actor(caller));
  }

  async setUserRoles(caller: Caller, id: string, roles: readonly Role[]) {
    checkRoles(roles);
    const user = await store.findUser(this.db, id);
    if (!user) throw new NotFoundError(`no user with id '${id.slice(0, 140)}'`);
    if (user.roles.includes('ADMIN') && !roles.includes('ADMIN') && (await store.countAdmins(this.db)) <= 1) {
      throw new ConflictError(`'${id}' is the last administrator; make another one first`);
    }
    const updated = await store.setUserRoles(this.db, id, [...new Set(roles)], actor(caller));
    this.auth.forget({ userId: id });
    return updated!;
  }

  async createOrganisation(caller: Caller, input: { id: string; name: string; memberOf?: string | null }) {
    if (!ORGANISATION_ID_PATTERN.test(input.id)) throw new ValidationError(`organisation id '${input.id.slice(0, 110)}' must match ${ORGANISATION_ID_PATTERN}`, [{ path: 'input.id', message: 'pattern' }]);
    checkName('input.name', input.name);
    const memberOf = input.memberOf ?? null;
    if (memberOf !== null && !(await store.findOrganisation(this.db, memberOf))) {
      throw new ValidationError(`organisation '${memberOf.slice(0, 110)}' does not exist`, [{ path: 'input.memberOf', message: 'unknown' }]);
    }
    if (await store.findOrganisation(this.db, input.id)) throw new ConflictError(`an organisation with id '${input.id}' exists`);
    const created = await store.createOrganisation(this.db, { id: input.id, name: input.name, memberOf }, actor(caller));
    this.auth.forget({});
    return created;
  }

  users() {
    return store.listUsers(this.db);
  }

  organisations() {
    return store.listOrganisations(this.db);
  }

  private ownerOrAdmin(caller: Caller, userId: string, what: string): void {
    if (userId !== caller.id && !hasRole(caller, 'ADMIN')) throw new ForbiddenError(`only administrators can ${what} another user's keys`);
  }

  async apiKeys(caller: Caller, userId: string | null | undefined, all: boolean) {
    if (all) {
      if (!hasRole(caller, 'ADMIN')) throw new ForbiddenError("only administrators can list everyone's keys");
      return store.listApiKeys(this.db, null);
    }
    const who = userId ?? caller.id;
    this.ownerOrAdmin(caller, who, 'list');
    return store.listApiKeys(this.db, who);
  }

  async createApiKey(caller: Caller, name: string, userId: string | null | undefined) {
    checkName('name', name, 100);
    const who = userId ?? caller.id;
    this.ownerOrAdmin(caller, who, 'create');
    if (!(await store.findUser(this.db, who))) {
      throw new NotFoundError(who === caller.id ? `you ('${who}') are not a stored user: keys are for stored users` : `no user with id '${who.slice(0, 140)}'`);
    }
    const key = await newApiKey();
    const row = { id: key.id, userId: who, name, createdAt: new Date().toISOString(), salt: key.salt, hash: key.hash };
    await store.createApiKey(this.db, row, actor(caller));
    return { key: key.key, apiKey: { id: row.id, userId: who, name, createdAt: row.createdAt, revokedAt: null } };
  }

  async revokeApiKey(caller: Caller, id: string) {
    const key = await store.findApiKey(this.db, id);
    if (!key || (key.userId !== caller.id && !hasRole(caller, 'ADMIN'))) throw new NotFoundError(`no API key with id '${id.slice(0, 40)}'`);
    const revoked = await store.revokeApiKey(this.db, id, actor(caller));
    this.auth.forget({ keyId: id });
    return revoked!;
  }

  auditLog(q: AuditQuery) {
    if (!Number.isInteger(q.first) || q.first < 1 || q.first > 500) throw new ValidationError(`first must be in 1..500 (got ${q.first})`, [{ path: 'first', message: 'range' }]);
    return listAudit(this.db, q);
  }
}

/**
 * The first administrator, for `npm start` in local mode: created with a key
 * when no administrator exists. Returns the key to print once, or null.
 */
export async function bootstrapAdministrator(db: GraphDb): Promise<{ userId: string; key: string } | null> {
  if ((await store.countAdmins(db)) > 0) return null;
  const key = await newApiKey();
  const created = await store.bootstrapAdmin(
    db,
    { id: 'admin', name: 'Administrator', organisation: null, roles: ['ADMIN'] },
    { id: key.id, userId: 'admin', name: 'first administrator (npm start)', createdAt: new Date().toISOString(), salt: key.salt, hash: key.hash },
  );
  return created ? { userId: 'admin', key: key.key } : null;
}
