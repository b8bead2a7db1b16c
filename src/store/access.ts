/**
 * Users, organisations and API keys (graph-schema/README.md, "Access"). They
 * live beside the model, never in it: no :Entity label, no version bump, never
 * in a snapshot. Key secrets are never stored, only their scrypt hashes.
 */
import type { Role } from '../../graph-schema/vocabulary';
import type { GraphDb, Row, Tx } from './driver';
import { appendAudit } from './audit';
import type { AuditInput } from './audit';

export interface UserRow {
  id: string;
  name: string;
  organisation: string | null;
  roles: Role[];
  createdAt: string;
  disabled: boolean;
}

export interface OrganisationRow {
  id: string;
  name: string;
  /** The organisation this one is a member of, or null. */
  memberOf: string | null;
}

export interface ApiKeyRow {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface ApiKeySecretRow extends ApiKeyRow {
  salt: string;
  hash: string;
}

const OPTS = { countsAsModelWrite: false };
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function userOf(r: Row): UserRow {
  const u = r.u as Record<string, unknown>;
  return {
    id: String(u.id),
    name: String(u.name ?? u.id),
    organisation: (u.organisation as string | null) ?? null,
    roles: (Array.isArray(u.roles) ? u.roles : []) as Role[],
    createdAt: str(u.createdAt),
    disabled: u.disabled === true,
  };
}

function keyOf(r: Row): ApiKeySecretRow {
  const k = r.k as Record<string, unknown>;
  return {
    id: String(k.id),
    userId: String(k.userId),
    name: str(k.name),
    createdAt: str(k.createdAt),
    revokedAt: (k.revokedAt as string | null) ?? null,
    salt: str(k.salt),
    hash: str(k.hash),
  };
}

export async function findUser(db: GraphDb, id: string): Promise<UserRow | null> {
  const rows = await db.read((tx) => tx.run('MATCH (u:User {id: $id}) RETURN u {.*} AS u', { id }));
  return rows[0] ? userOf(rows[0]) : null;
}

export async function listUsers(db: GraphDb): Promise<UserRow[]> {
  const rows = await db.read((tx) => tx.run('MATCH (u:User) RETURN u {.*} AS u ORDER BY u.id'));
  return rows.map(userOf);
}

export async function countAdmins(db: GraphDb): Promise<number> {
  const rows = await db.read((tx) =>
    tx.run("MATCH (u:User) WHERE 'ADMIN' IN u.roles AND coalesce(u.disabled, false) = false RETURN count(u) AS n"),
  );
  return Number(rows[0]?.n ?? 0);
}

/** Creates a user; CONFLICT (from the uniqueness constraint) when the id exists. */
export async function createUser(db: GraphDb, user: Omit<UserRow, 'createdAt' | 'disabled'>, audit: Omit<AuditInput, 'before' | 'after' | 'target' | 'action'>): Promise<UserRow> {
  const { value } = await db.write(async (tx) => {
    const rows = await tx.run(
      'CREATE (u:User {id: $id, name: $name, organisation: $organisation, roles: $roles, createdAt: $now, disabled: false}) RETURN u {.*} AS u',
      { ...user, now: new Date().toISOString() },
    );
    const created = userOf(rows[0]!);
    await appendAudit(tx, [{ ...audit, action: 'user.create', target: user.id, before: null, after: created }]);
    return created;
  }, OPTS);
  return value;
}

/** Sets a user's roles; null when there is no such user. */
export async function setUserRoles(db: GraphDb, id: string, roles: readonly Role[], audit: Omit<AuditInput, 'before' | 'after' | 'target' | 'action'>): Promise<UserRow | null> {
  const { value } = await db.write(async (tx) => {
    const before = await tx.run('MATCH (u:User {id: $id}) RETURN u {.*} AS u', { id });
    if (!before[0]) return null;
    const rows = await tx.run('MATCH (u:User {id: $id}) SET u.roles = $roles RETURN u {.*} AS u', { id, roles: [...roles] });
    const after = userOf(rows[0]!);
    await appendAudit(tx, [{ ...audit, action: 'user.roles', target: id, before: userOf(before[0]), after }]);
    return after;
  }, OPTS);
  return value;
}

export async function findOrganisation(db: GraphDb, id: string): Promise<OrganisationRow | null> {
  const rows = await db.read((tx) => tx.run('MATCH (o:Organisation {id: $id}) RETURN o {.*} AS o', { id }));
  const o = rows[0]?.o as Record<string, unknown> | undefined;
  return o ? { id: String(o.id), name: String(o.name ?? o.id), memberOf: (o.memberOf as string | null) ?? null } : null;
}

export async function listOrganisations(db: GraphDb): Promise<OrganisationRow[]> {
  const rows = await db.read((tx) => tx.run('MATCH (o:Organisation) RETURN o {.*} AS o ORDER BY o.id'));
  return rows.map((r) => {
    const o = r.o as Record<string, unknown>;
    return { id: String(o.id), name: String(o.name ?? o.id), memberOf: (o.memberOf as string | null) ?? null };
  });
}

export async function createOrganisation(db: GraphDb, org: OrganisationRow, audit: Omit<AuditInput, 'before' | 'after' | 'target' | 'action'>): Promise<OrganisationRow> {
  await db.write(async (tx) => {
    await tx.run('CREATE (o:Organisation {id: $id, name: $name, memberOf: $memberOf})', { ...org });
    await appendAudit(tx, [{ ...audit, action: 'organisation.create', target: org.id, before: null, after: org }]);
  }, OPTS);
  return org;
}

export async function insertApiKey(tx: Tx, key: Omit<ApiKeySecretRow, 'revokedAt'>): Promise<void> {
  await tx.run(
    'CREATE (:ApiKey {id: $id, userId: $userId, name: $name, createdAt: $createdAt, revokedAt: null, salt: $salt, hash: $hash})',
    { ...key },
  );
}

export async function createApiKey(db: GraphDb, key: Omit<ApiKeySecretRow, 'revokedAt'>, audit: Omit<AuditInput, 'before' | 'after' | 'target' | 'action'>): Promise<void> {
  await db.write(async (tx) => {
    await insertApiKey(tx, key);
    const { salt: _s, hash: _h, ...shown } = key;
    await appendAudit(tx, [{ ...audit, action: 'apiKey.create', target: key.id, before: null, after: shown }]);
  }, OPTS);
}

export async function findApiKey(db: GraphDb, id: string): Promise<ApiKeySecretRow | null> {
  const rows = await db.read((tx) => tx.run('MATCH (k:ApiKey {id: $id}) RETURN k {.*} AS k', { id }));
  return rows[0] ? keyOf(rows[0]) : null;
}

export async function listApiKeys(db: GraphDb, userId: string | null): Promise<ApiKeyRow[]> {
  const rows = await db.read((tx) =>
    tx.run('MATCH (k:ApiKey) WHERE $userId IS NULL OR k.userId = $userId RETURN k {.*} AS k ORDER BY k.createdAt, k.id', { userId }),
  );
  return rows.map((r) => {
    const { salt: _s, hash: _h, ...row } = keyOf(r);
    return row;
  });
}

/** Revokes a key (idempotent); null when there is no such key. */
export async function revokeApiKey(db: GraphDb, id: string, audit: Omit<AuditInput, 'before' | 'after' | 'target' | 'action'>): Promise<ApiKeyRow | null> {
  const { value } = await db.write(async (tx) => {
    const rows = await tx.run(
      'MATCH (k:ApiKey {id: $id}) WITH k, k.revokedAt AS was SET k.revokedAt = coalesce(k.revokedAt, $now) RETURN k {.*} AS k, was',
      { id, now: new Date().toISOString() },
    );
    if (!rows[0]) return null;
    const { salt: _s, hash: _h, ...row } = keyOf(rows[0]);
    if (rows[0].was === null || rows[0].was === undefined) {
      await appendAudit(tx, [{ ...audit, action: 'apiKey.revoke', target: id, before: { ...row, revokedAt: null }, after: row }]);
    }
    return row;
  }, OPTS);
  return value;
}

/** Creates the first administrator with its key in one transaction, unless an administrator exists. */
export async function bootstrapAdmin(
  db: GraphDb,
  user: Omit<UserRow, 'createdAt' | 'disabled'>,
  key: Omit<ApiKeySecretRow, 'revokedAt'>,
): Promise<boolean> {
  const { value } = await db.write(async (tx) => {
    const admins = await tx.run("MATCH (u:User) WHERE 'ADMIN' IN u.roles AND coalesce(u.disabled, false) = false RETURN count(u) AS n");
    if (Number(admins[0]?.n ?? 0) > 0) return false;
    await tx.run('MERGE (u:User {id: $id}) SET u.name = $name, u.organisation = $organisation, u.roles = $roles, u.createdAt = $now, u.disabled = false', {
      ...user,
      now: new Date().toISOString(),
    });
    await insertApiKey(tx, key);
    await appendAudit(tx, [{ actor: 'local', actorOrganisation: null, action: 'user.bootstrap', target: user.id, before: null, after: { ...user, key: key.id } }]);
    return true;
  }, OPTS);
  return value;
}

/** Creates or updates a user by id (the command line and the test suite set up users this way). */
export async function upsertUser(db: GraphDb, user: Omit<UserRow, 'createdAt' | 'disabled'>): Promise<void> {
  await db.write(
    (tx) =>
      tx.run(
        'MERGE (u:User {id: $id}) ON CREATE SET u.createdAt = $now SET u.name = $name, u.organisation = $organisation, u.roles = $roles, u.disabled = false',
        { ...user, now: new Date().toISOString() },
      ),
    OPTS,
  );
}

/** Creates an organisation unless it exists. */
export async function upsertOrganisation(db: GraphDb, org: OrganisationRow): Promise<void> {
  await db.write((tx) => tx.run('MERGE (o:Organisation {id: $id}) SET o.name = $name, o.memberOf = $memberOf', { ...org }), OPTS);
}
