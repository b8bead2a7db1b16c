/**
 * With Neo4j unreachable the API still serves the app, and the app says what
 * is wrong in app-status instead of showing a blank page or loading forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer } from '../../src/api/server';
import type { RunningServer } from '../../src/api/server';
import { connect } from '../../src/store/driver';
import { testAuthConfig } from '../integration/db';
import type { GraphDb } from '../../src/store/driver';
import { byTestId, launchBrowser, newAppPage, openApp, screenshot, textOf } from './browser';
import type { AppPage } from './browser';

let db: GraphDb;
let server: RunningServer;
let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  db = connect({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'unused', database: 'neo4j' });
  // Sign-in off: this is about the database being down, not about credentials.
  server = await startServer(db, 0, undefined, undefined, { auth: testAuthConfig({ devOpen: true }) });
  browser = await launchBrowser();
  app = await newAppPage(browser);
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.close();
  await db?.close();
});

describe('API without a database', () => {
  it('shows a clear error in app-status', async () => {
    await openApp(app, server.url, { waitReady: false });
    const status = byTestId(app.page, 'app-status');
    await status.waitFor({ state: 'attached', timeout: 15_000 });
    // The driver gives up on Neo4j within seconds (connection timeout 5 s, retries 5 s).
    await app.page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid="app-status"]')?.textContent?.trim() ?? '';
        return text !== '' && !/^loading/i.test(text);
      },
      undefined,
      { timeout: 60_000, polling: 200 },
    );
    const text = await textOf(app.page, 'app-status');
    console.log(`browser: with Neo4j down, app-status says "${text}"`);
    expect(await status.isVisible(), 'app-status visible').toBe(true);
    expect(text, 'app-status names the failure').toMatch(/error|unavailable|unreachable|fail|cannot|could not|down|neo4j|database/i);
    expect(await app.page.evaluate(() => window.__linchpin?.ready === true), 'ready while the API fails').toBe(false);
    await screenshot(app.page, 'api-down');
  });
});
