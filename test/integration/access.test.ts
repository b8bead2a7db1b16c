/**
 * Sign-in and roles through the real server: no credential, bad credentials,
 * API keys, local tokens, and the whole role × field matrix derived from the
 * schema (every Query and Mutation field, every role).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../graph-schema/vocabulary';
import type { Role } from '../../graph-schema/vocabulary';
import { fieldRoles } from '../../src/api/access';
import { buildSchema } from '../../src/api/schema';
import { listAudit } from '../../src/store/audit';
import { bootstrapAdministrator } from '../../src/services/access';
import { getNamedType, isLeafType, isNonNullType } from 'graphql';
import type { GraphQLField } from 'graphql';
import { startTestApi, testUserKey } from './db';
import type { TestApi } from './db';

let api: TestApi;
const keys = new Map<Role, string>();
const RANK = new Map<Role, number>(ROLES.map((r, i) => [r, i]));

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ROLES) keys.set(role, await testUserKey(api.db, { id: `test-role-${role.toLowerCase()}`, roles: [role] }));
}, 60_000);

afterAll(async () => {
  await api.close();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('sign-in', () => {
  it('answers nothing but /health without a credential: 401 UNAUTHENTICATED', async () => {
    const none = await post({ query: '{ graphStats { version } }' });
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${api.server.url}/health`)).status).toBe(200);
  });

  it('rejects malformed, unknown and forged credentials, naming what was wrong, and audits the failures', async () => {
    const before = (await listAudit(api.db, { action: 'signIn.failed', first: 500 })).length;
    const cases: [string, RegExp][] = [
      ['Basic abc', /Bearer/],
      ['Bearer lpk_nope', /malformed/],
      [`Bearer ${keys.get('VIEWER')!.slice(0, -3)}AAA`, /not valid/],
      ['Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', /not accepted|not valid/],
    ];
    for (const [header, message] of cases) {
      const r = await post({ query: '{ graphStats { version } }' }, { authorization: header });
      expect(r.status, header).toBe(401);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(r.body.errors?.[0]?.message).toMatch(message);
    }
    await new Promise((r) => setTimeout(r, 200)); // failures are audited without holding up the answer
    const after = await listAudit(api.db, { action: 'signIn.failed', first: 500 });
    expect(after.length - before).toBe(cases.length);
  });

  it('exchanges an API key for a local token (HS256) that signs in as the key’s user; revoking the key ends both', async () => {
    const key = await testUserKey(api.db, { id: 'test-token-user', roles: ['PLANNER'], organisation: 'org:test-token' }, [{ id: 'org:test-token-parent' }, { id: 'org:test-token', memberOf: 'org:test-token-parent' }]);
    const res = await fetch(`${api.server.url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(token.split('.')).toHaveLength(3);
    const me = await api.gql<{ me: { id: string; roles: string[]; organisation: string; memberOf: string[]; via: string } }>('{ me { id roles organisation memberOf via } }', {}, { credential: token });
    expect(me.data?.me).toEqual({ id: 'test-token-user', roles: ['PLANNER'], organisation: 'org:test-token', memberOf: ['org:test-token', 'org:test-token-parent'], via: 'token' });

    const keyId = key.split('_')[1]!;
    const own = await api.gql<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }', {}, { credential: key });
    expect(own.data?.apiKeys.map((k) => k.id)).toContain(keyId);
    const revoked = await api.gql<{ revokeApiKey: { revokedAt: string | null } }>('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: keyId }, { credential: key });
    expect(revoked.data?.revokeApiKey.revokedAt).toMatch(/^\d{4}-/);
    for (const credential of [key, token]) {
      const after = await post({ query: '{ me { id } }' }, { authorization: `Bearer ${credential}` });
      expect(after.status).toBe(401);
      expect(after.body.errors?.[0]?.message).toMatch(/revoked/);
    }
    const wrong = await fetch(`${api.server.url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'lpk_0000000000000000_' + 'A'.repeat(43) }) });
    expect(wrong.status).toBe(401);
  });

  it('lets an administrator create users, organisations and keys (shown once, stored hashed) and change roles, all audited', async () => {
    const suffix = Date.now().toString(36);
    const org = await api.gql('mutation($i: OrganisationInput!) { createOrganisation(input: $i) { id memberOf } }', { i: { id: `org:acme-${suffix}`, name: 'Acme' } });
    expect(org.errors).toBeUndefined();
    const user = await api.gql('mutation($i: UserInput!) { createUser(input: $i) { id roles organisation } }', { i: { id: `alice-${suffix}`, name: 'Alice', organisation: `org:acme-${suffix}`, roles: ['VIEWER'] } });
    expect(user.data).toEqual({ createUser: { id: `alice-${suffix}`, roles: ['VIEWER'], organisation: `org:acme-${suffix}` } });
    const again = await api.gql('mutation($i: UserInput!) { createUser(input: $i) { id } }', { i: { id: `alice-${suffix}`, name: 'Alice', roles: ['VIEWER'] } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const made = await api.gql<{ createApiKey: { key: string; apiKey: { id: string; userId: string } } }>('mutation($u: ID) { createApiKey(name: "script", userId: $u) { key apiKey { id userId } } }', { u: `alice-${suffix}` });
    const aliceKey = made.data!.createApiKey.key;
    expect(made.data!.createApiKey.apiKey.userId).toBe(`alice-${suffix}`);
    const stored = await api.db.read((tx) => tx.run('MATCH (k:ApiKey {id: $id}) RETURN k {.*} AS k', { id: made.data!.createApiKey.apiKey.id }));
    expect(JSON.stringify(stored)).not.toContain(aliceKey.slice('lpk_'.length + 17)); // the secret after lpk_<id>_

    const denied = await api.gql('{ blastRadius(input: { origins: ["prov:aws"] }) { totals { functionsLost } } }', {}, { credential: aliceKey });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(denied.errors?.[0]?.message).toMatch(/Query\.blastRadius needs PLANNER/);
    const promoted = await api.gql('mutation($id: ID!) { setUserRoles(id: $id, roles: [PLANNER]) { roles } }', { id: `alice-${suffix}` });
    expect(promoted.data).toEqual({ setUserRoles: { roles: ['PLANNER'] } });
    const allowed = await api.gql<{ blastRadius: unknown }>('{ blastRadius(input: { origins: ["prov:aws"] }) { totals { functionsLost } } }', {}, { credential: aliceKey });
    expect(allowed.errors).toBeUndefined();

    const log = await api.gql<{ auditLog: { action: string; target: string; before: string | null; after: string | null }[] }>('query($t: String) { auditLog(target: $t, first: 10) { action target before after } }', { t: `alice-${suffix}` });
    expect(log.data!.auditLog.map((e) => e.action)).toEqual(['user.roles', 'user.create']);
    expect((JSON.parse(log.data!.auditLog[0]!.before!) as { roles: string[] }).roles).toEqual(['VIEWER']);
    expect((JSON.parse(log.data!.auditLog[0]!.after!) as { roles: string[] }).roles).toEqual(['PLANNER']);
  });

  it('makes the first administrator with a key (what npm start prints) only when there is none', async () => {
    expect(await bootstrapAdministrator(api.db)).toBeNull();
    // Files run one at a time: set the administrators aside for a moment, as on a fresh database.
    const admins = (await api.db.read((tx) => tx.run("MATCH (u:User) WHERE 'ADMIN' IN u.roles AND NOT coalesce(u.disabled, false) RETURN u.id AS id"))).map((r) => String(r.id));
    await api.db.write((tx) => tx.run('MATCH (u:User) WHERE u.id IN $ids SET u.disabled = true', { ids: admins }), { countsAsModelWrite: false });
    try {
      const first = await bootstrapAdministrator(api.db);
      expect(first?.userId).toBe('admin');
      const me = await api.gql<{ me: { id: string; roles: string[] } }>('{ me { id roles } }', {}, { credential: first!.key });
      expect(me.data?.me).toEqual({ id: 'admin', roles: ['ADMIN'] });
      expect(await bootstrapAdministrator(api.db)).toBeNull();
    } finally {
      await api.db.write((tx) => tx.run('MATCH (u:User) WHERE u.id IN $ids SET u.disabled = false', { ids: admins }), { countsAsModelWrite: false });
      await api.db.write((tx) => tx.run("MATCH (k:ApiKey {userId: 'admin'}) DETACH DELETE k WITH 1 AS x MATCH (u:User {id: 'admin'}) DETACH DELETE u"), { countsAsModelWrite: false });
    }
  });
});

/** A document that selects `field` with every argument passed as a declared, unsupplied variable. */
function documentFor(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${a.type.toString()}`);
  const args = field.args.map((a) => `${a.name}: $${a.name}`);
  const leaf = isLeafType(getNamedType(field.type));
  return `${operation}${vars.length ? `(${vars.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${leaf ? '' : ' { __typename }'} }`;
}

describe('the role × field matrix', () => {
  const schema = buildSchema();
  const roles = fieldRoles(schema);
  const fields: { operation: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ operation: 'query' as const, field })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ operation: 'mutation' as const, field })),
  ];

  it('refuses every Query and Mutation field to every role below the declared one (FORBIDDEN), and lets the others past', async () => {
    let checked = 0;
    for (const { operation, field } of fields) {
      const need = roles.get(`${operation === 'query' ? 'Query' : 'Mutation'}.${field.name}`)!;
      // Fields without required arguments would run for the allowed roles: those are checked only for refusal.
      const runsWhenAllowed = !field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      for (const role of ROLES) {
        const allowed = RANK.get(role)! >= RANK.get(need)!;
        if (allowed && runsWhenAllowed && operation === 'mutation') continue;
        const r = await post({ query: documentFor(operation, field) }, { authorization: `Bearer ${keys.get(role)!}` });
        const code = r.body.errors?.[0]?.extensions?.code;
        if (allowed) expect(code, `${field.name} as ${role}`).not.toBe('FORBIDDEN');
        else {
          expect(code, `${field.name} as ${role}`).toBe('FORBIDDEN');
          expect(r.status).toBe(403);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(fields.length * 5);
  }, 120_000);

  it('checks fields inside fragments and nested selections too', async () => {
    const viewer = keys.get('VIEWER')!;
    const nested = await post({ query: '{ providers(first: 1) { nodes { id metrics { pagerank } } } }' }, { authorization: `Bearer ${viewer}` });
    expect(nested.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(nested.body.data).toBeUndefined();
    const fragment = await post({ query: 'query { ...Q } fragment Q on Query { blastRadius(input: { origins: ["prov:aws"] }) { totals { functionsLost } } }' }, { authorization: `Bearer ${viewer}` });
    expect(fragment.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await post({ query: '{ providers(first: 1) { nodes { id } } }' }, { authorization: `Bearer ${viewer}` });
    expect(ok.body.errors).toBeUndefined();
  });
});
