/**
 * Cost and size limits, end to end against the real server: graphql-armor's
 * aliases, depth, tokens and directives; the field cost of nested pages; the
 * analysis cost by runs × dependencies; string and list lengths of inputs;
 * the body size; the cap on errors. Every rejection has its code, none is a 500,
 * and nothing is stored by a rejected write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_LIMITS, LIMITS } from '../../src/api/limits';
import { startTestApi } from './db';
import type { GraphqlResponse, TestApi } from './db';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const post = (body: unknown) =>
  api.http('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function rejected(query: string, variables: Record<string, unknown> = {}) {
  const res = await post({ query, variables });
  const json = JSON.parse(res.text) as GraphqlResponse;
  expect(res.status).not.toBe(500);
  expect(json.errors?.length).toBeGreaterThan(0);
  return { status: res.status, errors: json.errors!, data: json.data };
}

const BLAST = (alias: string, runs = 1000) =>
  `${alias}: blastRadius(input: { origins: ["prov:microsoft"], mode: COMPROMISE, runs: ${runs} }) { totals { affected } }`;

describe('graphql-armor limits', () => {
  it('rejects 50 aliases of one blastRadius as TOO_COMPLEX before anything runs', async () => {
    const query = `{ ${Array.from({ length: 50 }, (_, i) => BLAST(`b${i}`)).join(' ')} }`;
    const { status, errors, data } = await rejected(query);
    expect(status).toBe(400);
    expect(errors[0]!.extensions?.code).toBe('TOO_COMPLEX');
    expect(errors[0]!.message).toContain(`Aliases limit of ${LIMITS.maxAliases} exceeded, found 50`);
    expect(data).toBeUndefined();
  });

  it('accepts as many aliases as the limit', async () => {
    const query = `{ ${Array.from({ length: LIMITS.maxAliases }, (_, i) => `s${i}: graphStats { version }`).join(' ')} }`;
    const res = await api.gql<Record<string, { version: number }>>(query);
    expect(res.errors).toBeUndefined();
    expect(Object.keys(res.data!)).toHaveLength(LIMITS.maxAliases);
  });

  it('rejects a document nested deeper than the depth limit', async () => {
    let inner = 'id';
    for (let i = 0; i < 7; i++) inner = `... on Provider { facilities { operator { ${inner} } } }`;
    const { errors } = await rejected(`{ providers(first: 1) { nodes { ${inner} } } }`);
    expect(errors.every((e) => e.extensions?.code === 'TOO_COMPLEX')).toBe(true);
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^too deep: Query depth limit of 12 exceeded, found \d+\.$/));
  });

  it('rejects a document with more tokens than the limit', async () => {
    const query = `{ graphStats { ${Array.from({ length: LIMITS.maxTokens }, () => 'version').join(' ')} } }`;
    const { errors } = await rejected(query);
    expect(errors[0]!.extensions?.code).toBe('TOO_COMPLEX');
    expect(errors[0]!.message).toContain(`Token limit of ${LIMITS.maxTokens} exceeded`);
  });

  it('rejects more directives than the limit', async () => {
    const query = `{ graphStats { version ${Array.from({ length: LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ')} } }`;
    const { errors } = await rejected(query);
    expect(errors[0]!.extensions?.code).toBe('TOO_COMPLEX');
    expect(errors[0]!.message).toContain('Directives limit');
  });
});

describe('field and analysis cost', () => {
  it('rejects nested pages whose product exceeds the field budget, naming the cost and the budget', async () => {
    const { status, errors } = await rejected(
      `query($n: Int) { providers(first: $n) { nodes { facilities { countries { providers { facilities { id } } } } } } }`,
      { n: 5000 },
    );
    expect(status).toBe(400);
    expect(errors[0]!.extensions?.code).toBe('TOO_COMPLEX');
    expect(errors[0]!.message).toMatch(new RegExp(`field cost: .* about \\d+ fields .*the budget is ${LIMITS.maxFieldCost}`));
  });

  it('answers the same shape with small pages', async () => {
    const res = await api.gql(`{ providers(first: 2) { nodes { facilities { countries { providers { id } } } } } }`);
    expect(res.errors).toBeUndefined();
  });

  it('rejects two 20,000-run COMPROMISE blast radii as over the analysis budget, naming the field and its cost', async () => {
    const query = `query($runs: Int) { a: blastRadius(input: { origins: ["prov:microsoft"], mode: COMPROMISE, runs: $runs }) { totals { affected } }
      b: blastRadius(input: { origins: ["prov:microsoft"], mode: COMPROMISE, runs: $runs }) { totals { affected } } }`;
    const stats = (await api.gql<{ graphStats: { dependencyCount: number } }>('{ graphStats { dependencyCount } }')).data!.graphStats;
    const { errors } = await rejected(query, { runs: 20_000 });
    expect(errors[0]!.extensions?.code).toBe('TOO_COMPLEX');
    expect(errors[0]!.message).toContain(`a (Query.blastRadius) costs ${20_000 * stats.dependencyCount} dependency visits`);
    expect(errors[0]!.message).toContain(`the budget per request is ${LIMITS.maxAnalysisCost}`);
  });

  it('runs one small COMPROMISE blastRadius within the budget', async () => {
    const res = await api.gql<{ x: { totals: { affected: number } } }>(`{ ${BLAST('x', 50)} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.x.totals.affected).toBeGreaterThan(0);
  });
});

describe('input limits', () => {
  const CREATE = `mutation($input: ProviderInput!) { createProvider(input: $input) { id } }`;

  it('refuses a 900 kB text field with BAD_USER_INPUT naming the path, its length and the limit, and stores nothing', async () => {
    const before = (await api.gql<{ graphStats: { version: number } }>('{ graphStats { version } }')).data!.graphStats.version;
    const { errors } = await rejected(CREATE, {
      input: { id: 'prov:t-huge', name: 'x'.repeat(900_000), providerKind: 'CLOUD', provenance: { source: 'https://example.org' } },
    });
    expect(errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]!.message).toBe(`createProvider.input.name is 900000 characters long; the limit is ${INPUT_LIMITS.shortTextChars}`);
    expect(errors[0]!.message.length).toBeLessThan(200);
    const after = await api.gql<{ graphStats: { version: number }; node: unknown }>('{ graphStats { version } node(id: "prov:t-huge") { id } }');
    expect(after.data!.graphStats.version).toBe(before);
    expect(after.data!.node).toBeNull();
  });

  it('checks literals in the document as well as variables, and free text against its own limit', async () => {
    const long = 'y'.repeat(INPUT_LIMITS.longTextChars + 1);
    const { errors } = await rejected(
      `mutation { createProvider(input: { id: "prov:t-src", name: "ok", providerKind: CLOUD, provenance: { source: "${long}" } }) { id } }`,
    );
    expect(errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]!.extensions?.details?.[0]).toEqual({
      path: 'createProvider.input.provenance.source',
      message: `createProvider.input.provenance.source is ${INPUT_LIMITS.longTextChars + 1} characters long; the limit is ${INPUT_LIMITS.longTextChars}`,
    });
  });

  it('refuses ids longer than an id can be, and lists longer than the list limit', async () => {
    const id = `prov:${'a'.repeat(200)}`;
    const one = await rejected(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(one.errors[0]!.message).toBe(`node.id is 205 characters long; the limit is ${INPUT_LIMITS.idChars}`);
    const ids = Array.from({ length: INPUT_LIMITS.listItems + 1 }, (_, i) => `prov:x${i}`);
    const many = await rejected(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(many.errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(many.errors[0]!.message).toBe(`nodes.ids has ${INPUT_LIMITS.listItems + 1} items; the limit is ${INPUT_LIMITS.listItems}`);
  });

  it('answers a body over the limit with a short 413 JSON error', async () => {
    const body = JSON.stringify({ query: '{ graphStats { version } }', variables: { pad: 'z'.repeat(LIMITS.maxBodyBytes) } });
    const res = await api.http('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(res.text.length).toBeLessThan(200);
    expect((JSON.parse(res.text) as GraphqlResponse).errors![0]!.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('never echoes a large input: a 0.9 MB bad variable gets a small error', async () => {
    const res = await post({ query: 'query($n: Int) { search(text: "a", first: $n) { id } }', variables: { n: 'q'.repeat(900_000) } });
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(2000);
  });

  it('returns at most the error cap, saying how many were left out', async () => {
    const query = `{ ${Array.from({ length: 60 }, (_, i) => `f${i}: graphStats { nope${i} }`).join(' ')} }`;
    const { errors } = await rejected(query);
    expect(errors).toHaveLength(LIMITS.maxErrors + 1);
    expect(errors[LIMITS.maxErrors]!.message).toMatch(/^\d+ more errors left out$/);
  });
});
