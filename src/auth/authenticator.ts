/**
 * Turns a request's credentials into a Caller, or an UnauthenticatedError
 * naming what was wrong. Three kinds of credentials (graph-schema/README.md, "Access"):
 *
 * - an API key (`Bearer lpk_…`), checked against its stored scrypt hash;
 * - a local token (HS256, signed by this server for a key holder at POST /auth/token):
 *   roles are the user's stored roles, read at use, so a role change or a revoked key
 *   takes effect within CACHE_MS;
 * - an organisation's OIDC token (RS256/ES256 against its JWKS): issuer and audience
 *   checked, roles, organisation and name from the configured claims.
 *
 * Verified credentials are cached for CACHE_MS (scrypt is deliberately slow);
 * revoking a key through this server drops its cache entry at once.
 */
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { ROLES } from '../../graph-schema/vocabulary';
import type { Role } from '../../graph-schema/vocabulary';
import { UnauthenticatedError, UnavailableError } from '../errors';
import type { GraphDb } from '../store/driver';
import { findApiKey, findUser, listOrganisations } from '../store/access';
import type { UserRow } from '../store/access';
import { apiKeyId, apiKeyMatches } from './api-keys';
import type { Caller } from './caller';
import type { AuthConfig } from './config';

const CACHE_MS = 30_000;
/** While Neo4j cannot be reached, a sign-in verified within this time still holds (reads keep answering from the snapshot). */
const UNAVAILABLE_GRACE_MS = 3_600_000;
const ORGS_MS = 30_000;

interface Cached {
  caller: Caller;
  keyId: string | null;
  until: number;
}

/** Reads a claim by dotted path (`realm_access.roles`). */
function claim(payload: JWTPayload, path: string): unknown {
  let current: unknown = payload;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Role names from a claim: a list or a space-separated string, case-insensitive; unknown names are ignored. */
export function rolesFromClaim(value: unknown): Role[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  const roles = new Set<Role>();
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const upper = name.trim().toUpperCase();
    if ((ROLES as readonly string[]).includes(upper)) roles.add(upper as Role);
  }
  return [...roles];
}

export class Authenticator {
  private readonly cache = new Map<string, Cached>();
  private orgs: { until: number; parent: Map<string, string | null> } | null = null;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | null;

  constructor(
    private readonly db: GraphDb,
    readonly config: AuthConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.jwks = config.oidc ? createRemoteJWKSet(new URL(config.oidc.jwksUrl)) : null;
  }

  /** The caller of an `Authorization` header value. */
  async authenticate(header: string | undefined): Promise<Caller> {
    if (!header) throw new UnauthenticatedError('sign in first: send `Authorization: Bearer <token or API key>`');
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('the Authorization header must be `Bearer <token or API key>`');
    const credential = match[1]!;
    const cacheKey = createHash('sha256').update(credential).digest('base64url');
    const hit = this.cache.get(cacheKey);
    if (hit && hit.until > this.now()) return hit.caller;
    let verified: { caller: Caller; keyId: string | null };
    try {
      verified = credential.startsWith('lpk_') ? await this.fromKey(credential) : await this.fromToken(credential);
    } catch (error) {
      if (error instanceof UnavailableError && hit && hit.until + UNAVAILABLE_GRACE_MS > this.now()) return hit.caller;
      throw error;
    }
    const { caller, keyId } = verified;
    this.cache.delete(cacheKey); // re-inserted last: the map's order is the eviction order
    this.cache.set(cacheKey, { caller, keyId, until: this.now() + CACHE_MS });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return caller;
  }

  /** Exchanges an API key for a local token (what the web page's sign-in does). */
  async issueToken(key: string): Promise<{ token: string; expiresAt: string; caller: Caller }> {
    const { caller, keyId } = await this.fromKey(key);
    const expires = Math.floor(this.now() / 1000) + this.config.localTokenSeconds;
    const token = await new SignJWT({ key: keyId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(caller.id)
      .setIssuer(this.config.localIssuer)
      .setAudience(this.config.localAudience)
      .setIssuedAt(Math.floor(this.now() / 1000))
      .setExpirationTime(expires)
      .sign(this.config.localSecret);
    return { token, expiresAt: new Date(expires * 1000).toISOString(), caller };
  }

  /** Drops cached sign-ins made with this key (call after revoking it) or of this user (after a role change). */
  forget(match: { keyId?: string; userId?: string }): void {
    for (const [k, v] of this.cache) {
      if ((match.keyId && v.keyId === match.keyId) || (match.userId && v.caller.id === match.userId)) this.cache.delete(k);
    }
    this.orgs = null;
  }

  /** An organisation and every organisation it is a member of, nearest first (cycle-safe). */
  async memberOf(organisation: string | null): Promise<string[]> {
    if (organisation === null) return [];
    if (!this.orgs || this.orgs.until <= this.now()) {
      const rows = await listOrganisations(this.db);
      this.orgs = { until: this.now() + ORGS_MS, parent: new Map(rows.map((o) => [o.id, o.memberOf])) };
    }
    const chain = [organisation];
    let current = this.orgs.parent.get(organisation) ?? null;
    while (current !== null && !chain.includes(current)) {
      chain.push(current);
      current = this.orgs.parent.get(current) ?? null;
    }
    return chain;
  }

  private async callerOfUser(user: UserRow, via: Caller['via']): Promise<Caller> {
    if (user.disabled) throw new UnauthenticatedError(`user '${user.id}' is disabled`);
    return { via, id: user.id, name: user.name, organisation: user.organisation, memberOf: await this.memberOf(user.organisation), roles: user.roles };
  }

  private async fromKey(key: string): Promise<{ caller: Caller; keyId: string }> {
    const id = apiKeyId(key);
    if (!id) throw new UnauthenticatedError('the API key is malformed (expected lpk_<16 characters>_<43 characters>)');
    const stored = await findApiKey(this.db, id);
    if (!stored || !(await apiKeyMatches(key, stored))) throw new UnauthenticatedError('the API key is not valid');
    if (stored.revokedAt !== null) throw new UnauthenticatedError(`the API key '${id}' was revoked at ${stored.revokedAt}`);
    const user = await findUser(this.db, stored.userId);
    if (!user) throw new UnauthenticatedError(`the API key '${id}' belongs to no user`);
    return { caller: await this.callerOfUser(user, 'key'), keyId: id };
  }

  private async fromToken(token: string): Promise<{ caller: Caller; keyId: string | null }> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new UnauthenticatedError('the bearer credential is neither an API key nor a JWT');
    }
    if (alg === 'HS256') return this.fromLocalToken(token);
    if ((alg === 'RS256' || alg === 'ES256') && this.config.oidc && this.jwks) return this.fromOidcToken(token, this.config.oidc, this.jwks);
    throw new UnauthenticatedError(`tokens signed with ${alg ?? 'no algorithm'} are not accepted here${this.config.oidc ? '' : ' (no identity provider is configured)'}`);
  }

  private async fromLocalToken(token: string): Promise<{ caller: Caller; keyId: string | null }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.config.localSecret, {
        algorithms: ['HS256'],
        issuer: this.config.localIssuer,
        audience: this.config.localAudience,
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      throw new UnauthenticatedError(`the token is not valid: ${(error as Error).message}`);
    }
    const keyId = typeof payload.key === 'string' ? payload.key : null;
    if (!payload.sub || !keyId) throw new UnauthenticatedError('the token names no user or key');
    const key = await findApiKey(this.db, keyId);
    if (!key || key.userId !== payload.sub) throw new UnauthenticatedError('the token was issued for a key that no longer exists');
    if (key.revokedAt !== null) throw new UnauthenticatedError(`the token was issued for API key '${keyId}', revoked at ${key.revokedAt}`);
    const user = await findUser(this.db, payload.sub);
    if (!user) throw new UnauthenticatedError(`the token's user '${payload.sub}' does not exist`);
    return { caller: await this.callerOfUser(user, 'token'), keyId };
  }

  private async fromOidcToken(token: string, oidc: NonNullable<AuthConfig['oidc']>, jwks: ReturnType<typeof createRemoteJWKSet>): Promise<{ caller: Caller; keyId: null }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { algorithms: ['RS256', 'ES256'], issuer: oidc.issuer, audience: oidc.audience, currentDate: new Date(this.now()) }));
    } catch (error) {
      throw new UnauthenticatedError(`the identity provider's token is not valid: ${(error as Error).message}`);
    }
    if (!payload.sub) throw new UnauthenticatedError('the token has no subject (sub) claim');
    const org = claim(payload, oidc.organisationClaim);
    const organisation = typeof org === 'string' && org.length > 0 ? org : null;
    const name = claim(payload, oidc.nameClaim);
    return {
      caller: {
        via: 'token',
        id: payload.sub,
        name: typeof name === 'string' ? name : payload.sub,
        organisation,
        memberOf: await this.memberOf(organisation),
        roles: rolesFromClaim(claim(payload, oidc.rolesClaim)),
      },
      keyId: null,
    };
  }
}
