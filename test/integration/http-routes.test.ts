/** The HTTP routes beside /graphql: the page, the offline explorer and /health. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/store/driver';
import { startServer } from '../../src/api/server';
import { webAppBuilt } from '../../src/api/static-files';
import { startTestApi, testAuthConfig } from './db';
import type { TestApi } from './db';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('http routes', () => {
  it('serves the web app (or, before it is built, a page linking to the explorer) at /', async () => {
    const res = await fetch(`${api.server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    if (webAppBuilt()) {
      for (const [, src] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
        expect((await fetch(`${api.server.url}${src}`)).status, src).toBe(200);
      }
    } else {
      expect(html).toContain('href="/explorer"');
    }
    expect((await fetch(`${api.server.url}/../package.json`)).status).not.toBe(200);
    expect((await fetch(`${api.server.url}/%2e%2e/package.json`)).status).not.toBe(200);
  });

  it('serves GraphiQL from this server only, with every asset it names', async () => {
    const html = await (await fetch(`${api.server.url}/explorer`)).text();
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length).toBe(4);
    for (const src of srcs) {
      expect(src.startsWith('/explorer/assets/'), `${src} must be local`).toBe(true);
      const asset = await fetch(`${api.server.url}${src}`);
      expect(asset.status, src).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, src).toBeGreaterThan(1000);
    }
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('disables Apollo’s CDN landing page: GET /graphql without a query is not a page', async () => {
    const res = await fetch(`${api.server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/apollo-server-landing-page|embeddable-sandbox|cdn\.apollographql/);
  });

  it('reports health: up with Neo4j, 503 when Neo4j cannot be reached', async () => {
    const ok = await fetch(`${api.server.url}/health`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { status: string; neo4j: { status: string; version: number } };
    expect(body.status).toBe('ok');
    expect(body.neo4j.status).toBe('up');
    expect(body.neo4j.version).toBe(await api.db.version());

    const dead = connect({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x', database: 'neo4j' });
    const server = await startServer(dead, 0, undefined, undefined, { auth: testAuthConfig({ devOpen: true }) });
    try {
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(503);
      const b = (await res.json()) as { status: string; neo4j: { status: string; error: string } };
      expect(b.status).toBe('degraded');
      expect(b.neo4j.status).toBe('down');
      expect(b.neo4j.error).toMatch(/not reachable/);
      const q = (await (await fetch(`${server.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ graphStats { version } }' }),
      })).json()) as { errors: { extensions: { code: string } }[] };
      expect(q.errors[0]!.extensions.code).toBe('UNAVAILABLE');
    } finally {
      await server.close();
      await dead.close();
    }
  });
});
