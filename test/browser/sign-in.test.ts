/**
 * The sign-in screen: without a credential the page asks for an API key, a
 * wrong key is refused with the server's reason, a right one opens the app
 * with the user named in the session bar; sign-out returns to the screen.
 * With LINCHPIN_DEV_OPEN=1 every page says nothing is protected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer } from '../../src/api/server';
import type { RunningServer } from '../../src/api/server';
import { startTestApi, testAuthConfig, testUserKey } from '../integration/db';
import type { TestApi } from '../integration/db';
import { byTestId, launchBrowser, newAppPage, openApp, waitForReady } from './browser';
import type { AppPage } from './browser';

let api: TestApi;
let open: RunningServer;
let browser: Browser;
const pages: AppPage[] = [];

beforeAll(async () => {
  api = await startTestApi();
  open = await startServer(api.db, 0, undefined, undefined, { auth: testAuthConfig({ devOpen: true }) });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of pages) await p.close();
  await browser?.close();
  await open?.close();
  await api?.close();
});

async function page(): Promise<AppPage> {
  const p = await newAppPage(browser);
  pages.push(p);
  return p;
}

describe('sign-in', () => {
  it('asks for a key, refuses a wrong one with the reason, signs in with a right one and signs out', async () => {
    const key = await testUserKey(api.db, { id: 'web-analyst', name: 'Wendy Analyst', roles: ['ANALYST'] });
    const app = await page();
    await openApp(app, api.server.url, { waitReady: false });
    await byTestId(app.page, 'sign-in').waitFor({ state: 'visible' });
    expect(await app.page.evaluate(() => window.__linchpin?.ready ?? false)).toBe(false);

    await byTestId(app.page, 'sign-in-key').fill(`lpk_0000000000000000_${'A'.repeat(43)}`);
    await byTestId(app.page, 'sign-in-submit').click();
    await app.page.waitForFunction(() => (document.querySelector('[data-testid="sign-in-error"]')?.textContent ?? '').length > 0);
    expect(await byTestId(app.page, 'sign-in-error').textContent()).toMatch(/not valid/);

    await byTestId(app.page, 'sign-in-key').fill(key);
    await byTestId(app.page, 'sign-in-submit').click();
    await waitForReady(app);
    expect(await byTestId(app.page, 'signed-in-as').textContent()).toBe('Wendy Analyst · ANALYST');
    // The page keeps a token, not the key.
    const stored = await app.page.evaluate(() => sessionStorage.getItem('linchpin.credential'));
    expect(stored).not.toBe(key);
    expect(stored?.split('.')).toHaveLength(3);

    await byTestId(app.page, 'sign-out').click();
    await byTestId(app.page, 'sign-in').waitFor({ state: 'visible' });
    expect(app.errors.filter((e) => !/401/.test(e))).toEqual([]);
  });

  it('says on the page when the server runs with LINCHPIN_DEV_OPEN=1', async () => {
    const app = await page();
    await openApp(app, open.url);
    expect(await byTestId(app.page, 'dev-open-banner').textContent()).toMatch(/LINCHPIN_DEV_OPEN=1.*nothing is protected/);
  });
});
