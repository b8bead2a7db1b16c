/**
 * HTTP hardening against the real server: the Host allowlist (DNS
 * rebinding), the security headers of every response, production mode (no
 * introspection, no explorer), the per-caller rate limit, and a catalogue of
 * bad requests none of which gets a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestApi } from './db';
import type { RawRequest, TestApi } from './db';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('Host allowlist', () => {
  it('answers localhost, 127.0.0.1 and [::1] (with the served port or none), and refuses other names with a short 421', async () => {
    const port = api.server.port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      expect((await api.http('/health', { headers: { host } })).status, host).toBe(200);
    }
    for (const host of [`evil.example:${port}`, 'rebind.attacker.test', `localhost:${port + 1}`, 'not a host']) {
      const res = await api.http('/graphql', { method: 'POST', headers: { ...JSON_HEADERS, host }, body: '{"query":"{ graphStats { version } }"}' });
      expect(res.status, host).toBe(421);
      expect(res.text.length).toBeLessThan(300);
      expect(res.text).not.toContain('"data"');
    }
  });

  it('extends the allowlist with LINCHPIN_ALLOWED_HOSTS', async () => {
    const other = await startTestApi({ env: { LINCHPIN_ALLOWED_HOSTS: 'linchpin.internal, 10.0.0.5' } });
    try {
      expect((await other.http('/health', { headers: { host: `linchpin.internal:${other.server.port}` } })).status).toBe(200);
      expect((await other.http('/health', { headers: { host: '10.0.0.5' } })).status).toBe(200);
      expect((await other.http('/health', { headers: { host: 'evil.example' } })).status).toBe(421);
    } finally {
      await other.close();
    }
  });
});

describe('security headers', () => {
  it('sends CSP, nosniff, frame denial, no referrer and COOP on every response, errors included', async () => {
    for (const path of ['/', '/health', '/graphql?query=%7BgraphStats%7Bversion%7D%7D', '/explorer', '/no-such-page']) {
      const res = await api.http(path, { headers: { 'apollo-require-preflight': '1' } });
      expect(res.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], path).toBe('same-origin');
    }
  });

  it('allows the explorer its one inline script by hash, and nothing inline elsewhere', async () => {
    const explorer = await api.http('/explorer');
    expect(explorer.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    const page = await api.http('/');
    expect(page.headers['content-security-policy']).not.toContain('sha256-');
    expect(page.headers['content-security-policy']).not.toContain("'unsafe-eval'");
  });
});

describe('production mode', () => {
  it('turns introspection and the explorer off; development has both', async () => {
    const introspect = JSON.stringify({ query: '{ __schema { queryType { name } } }' });
    const dev = await api.http('/graphql', { method: 'POST', headers: JSON_HEADERS, body: introspect });
    expect(dev.status).toBe(200);
    expect((await api.http('/explorer')).status).toBe(200);

    const prod = await startTestApi({ env: { LINCHPIN_MODE: 'production' } });
    try {
      const res = await prod.http('/graphql', { method: 'POST', headers: JSON_HEADERS, body: introspect });
      expect(res.status).toBe(400);
      expect(res.text).toContain('GRAPHQL_VALIDATION_FAILED');
      expect(res.text).not.toContain('"queryType"');
      expect((await prod.http('/explorer')).status).toBe(404);
      expect((await prod.http('/explorer/assets/graphiql.js')).status).toBe(404);
      expect((await prod.gql<{ graphStats: { version: number } }>('{ graphStats { version } }')).data!.graphStats.version).toBeGreaterThan(0);
    } finally {
      await prod.close();
    }
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a caller has used its bucket, and only that caller', async () => {
    const limited = await startTestApi({ env: { LINCHPIN_RATE_LIMIT_PER_MINUTE: '6', LINCHPIN_RATE_LIMIT_BURST: '3' } });
    try {
      const ask = () => limited.http('/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ graphStats { version } }"}' });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await ask()).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await ask();
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(res.text)).toEqual({
        errors: [{ message: expect.stringContaining('at most 6 requests a minute') as string, extensions: { code: 'RATE_LIMITED' } }],
      });
      // /health stays answerable for monitoring.
      expect((await limited.http('/health')).status).toBe(200);
      // The default limit is high: the shared test server answers a burst.
      const burst = await Promise.all(Array.from({ length: 30 }, () => api.gql('{ graphStats { version } }')));
      expect(burst.every((r) => r.errors === undefined)).toBe(true);
    } finally {
      await limited.close();
    }
  });
});

describe('no HTTP 500 for user errors', () => {
  const catalogue: [string, string, RawRequest][] = [
    ['malformed JSON', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query": "{ graphStats' }],
    ['JSON that is not an object', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '[1, 2, 3]' }],
    ['JSON null', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: 'null' }],
    ['empty body', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '' }],
    ['no query', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"variables":{}}' }],
    ['query not a string', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query": 42}' }],
    ['variables not an object', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ graphStats { version } }","variables":"x"}' }],
    ['wrong content type', '/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ graphStats { version } }"}' }],
    ['no content type', '/graphql', { method: 'POST', body: '{"query":"{ graphStats { version } }"}' }],
    ['form content type', '/graphql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=x' }],
    ['GET with a mutation', '/graphql?query=mutation%7BdeleteNode(id%3A%22prov%3Ax%22)%7Bid%7D%7D', { headers: { 'apollo-require-preflight': '1' } }],
    ['GET without preflight header', '/graphql?query=%7BgraphStats%7Bversion%7D%7D', {}],
    ['GET with no query', '/graphql', { headers: { 'apollo-require-preflight': '1' } }],
    ['PUT on /graphql', '/graphql', { method: 'PUT', headers: JSON_HEADERS, body: '{}' }],
    ['DELETE on /graphql', '/graphql', { method: 'DELETE' }],
    ['POST on /health', '/health', { method: 'POST', body: 'x' }],
    ['DELETE on a page', '/', { method: 'DELETE' }],
    ['PATCH on an asset', '/explorer/assets/graphiql.js', { method: 'PATCH' }],
    ['bad %-escape in the path', '/%E0%A4%A', {}],
    ['syntax error', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ graphStats { "}' }],
    ['unknown field', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ nope }"}' }],
    ['unknown operation name', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"query A { graphStats { version } }","operationName":"B"}' }],
    ['two operations, no name', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"query A { graphStats { version } } query B { graphStats { version } }"}' }],
    ['variable of the wrong type', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"query($n: Int) { search(text: \\"a\\", first: $n) { id } }","variables":{"n":"ten"}}' }],
    ['missing required variable', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"query($id: ID!) { node(id: $id) { id } }"}' }],
    ['enum outside the vocabulary', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"query($k: [NodeKind!]) { search(text: \\"a\\", kinds: $k) { id } }","variables":{"k":["Planet"]}}' }],
    ['bad cursor', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ providers(after: \\"!!\\") { totalCount } }"}' }],
    ['page size out of range', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ providers(first: -1) { totalCount } }"}' }],
    ['unknown node in an analysis', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ blastRadius(input: { origins: [\\"prov:nope\\"] }) { totals { affected } } }"}' }],
    ['probability of 7', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ blastRadius(input: { origins: [\\"prov:microsoft\\"], lossProbability: 7 }) { totals { affected } } }"}' }],
    ['negative runs', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ blastRadius(input: { origins: [\\"prov:microsoft\\"], mode: COMPROMISE, runs: -5 }) { totals { affected } } }"}' }],
    ['update of an unknown node', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"mutation { updateProvider(id: \\"prov:nope-nope\\", input: { name: \\"x\\" }) { id } }"}' }],
    ['create with a bad id', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"mutation { createProvider(input: { id: \\"Bad Id\\", name: \\"x\\", providerKind: CLOUD, provenance: { source: \\"s\\" } }) { id } }"}' }],
    ['unknown scenario', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '{"query":"{ scenario(id: \\"nope\\") { id } }"}' }],
    ['batched request array', '/graphql', { method: 'POST', headers: JSON_HEADERS, body: '[{"query":"{ graphStats { version } }"}]' }],
  ];

  it.each(catalogue)('%s gets a 4xx or a GraphQL error code, never a 500', async (_name, path, init) => {
    const res = await rawRequest(`${api.server.url}${path}`, init);
    expect(res.status).not.toBe(500);
    expect(res.status === 200 || (res.status >= 400 && res.status < 500)).toBe(true);
    expect(res.text).not.toContain('INTERNAL_SERVER_ERROR');
    if (res.status === 200) {
      const json = JSON.parse(res.text) as { errors?: { extensions?: { code?: string } }[] };
      expect(json.errors?.[0]?.extensions?.code).toMatch(/^(BAD_USER_INPUT|NOT_FOUND|CONFLICT|TOO_COMPLEX)$/);
    }
  });

  it('still answers after the catalogue', async () => {
    expect((await api.gql<{ graphStats: { version: number } }>('{ graphStats { version } }')).data!.graphStats.version).toBeGreaterThan(0);
  });
});
