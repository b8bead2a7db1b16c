/**
 * Tokens from an organisation's identity provider (OIDC): RS256 and ES256
 * against a JWKS served over HTTP, issuer and audience checked, roles,
 * organisation and name from configurable claims (a Keycloak-style
 * `realm_access.roles`), through the real server.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { startServer } from '../../src/api/server';
import type { RunningServer } from '../../src/api/server';
import { upsertOrganisation } from '../../src/store/access';
import type { GraphDb } from '../../src/store/driver';
import { testAuthConfig, testDb } from './db';

let db: GraphDb;
let jwks: Server;
let api: RunningServer;
const keys = {} as Record<'RS256' | 'ES256', { privateKey: CryptoKey; jwk: JWK }>; // filled in beforeAll
let stranger: CryptoKey;
const ISSUER = 'https://idp.example.org/realms/alliance';
const AUDIENCE = 'linchpin-api';

beforeAll(async () => {
  db = testDb();
  for (const alg of ['RS256', 'ES256'] as const) {
    const pair = await generateKeyPair(alg);
    keys[alg] = { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: `k-${alg}`, alg, use: 'sig' } };
  }
  stranger = (await generateKeyPair('RS256')).privateKey;
  jwks = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [keys.RS256.jwk, keys.ES256.jwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  const port = (jwks.address() as { port: number }).port;
  await upsertOrganisation(db, { id: 'org:oidc-parent', name: 'parent', memberOf: null });
  await upsertOrganisation(db, { id: 'org:oidc-unit', name: 'unit', memberOf: 'org:oidc-parent' });
  api = await startServer(db, 0, undefined, undefined, {
    auth: testAuthConfig({
      oidc: { issuer: ISSUER, audience: AUDIENCE, jwksUrl: `http://127.0.0.1:${port}/certs`, rolesClaim: 'realm_access.roles', organisationClaim: 'org', nameClaim: 'preferred_username' },
    }),
  });
});
afterAll(async () => {
  await api?.close();
  await new Promise((r) => jwks?.close(r));
  await db?.close();
});

function token(alg: 'RS256' | 'ES256', claims: Record<string, unknown>, options: { issuer?: string; audience?: string; expires?: string; key?: CryptoKey } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg, kid: `k-${alg}` })
    .setSubject('oidc-user-1')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '10m')
    .sign(options.key ?? keys[alg].privateKey);
}

async function me(credential: string) {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify({ query: '{ me { id name organisation memberOf roles via } }' }),
  });
  return { status: res.status, body: (await res.json()) as { data?: { me: unknown }; errors?: { message: string; extensions: { code: string } }[] } };
}

describe('OIDC tokens', () => {
  it('accepts RS256 and ES256 tokens of the configured issuer and audience, with roles and organisation from the claims', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const r = await me(await token(alg, { realm_access: { roles: ['planner', 'offline_access', 'Risk'] }, org: 'org:oidc-unit', preferred_username: 'Olga' }));
      expect(r.status, alg).toBe(200);
      expect(r.body.data?.me).toEqual({ id: 'oidc-user-1', name: 'Olga', organisation: 'org:oidc-unit', memberOf: ['org:oidc-unit', 'org:oidc-parent'], roles: ['PLANNER', 'RISK'], via: 'token' });
    }
  });

  it('refuses another issuer, another audience, an expired token and a key not in the JWKS, saying which', async () => {
    const cases: [Promise<string>, RegExp][] = [
      [token('RS256', {}, { issuer: 'https://evil.example.org' }), /iss/],
      [token('RS256', {}, { audience: 'someone-else' }), /aud/],
      [token('RS256', {}, { expires: '-1m' }), /exp/],
      [token('RS256', {}, { key: stranger }), /signature/],
    ];
    for (const [t, reason] of cases) {
      const r = await me(await t);
      expect(r.status).toBe(401);
      expect(r.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      expect(r.body.errors?.[0]?.message).toMatch(reason);
    }
  });

  it('gives a token without a known role no role: it signs in but may call nothing', async () => {
    const r = await me(await token('ES256', { realm_access: { roles: ['uma_authorization'] } }));
    expect(r.status).toBe(403);
    expect(r.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
