/**
 * The web app loads the seed graph from the real API: the status clears, every
 * provider, facility, service and critical function is drawn, the legend and
 * the controls of the contract are there, and nothing is logged as an error.
 */
import { describe, expect, it } from 'vitest';
import type { TestApi } from '../integration/db';
import { byTestId, openApp, screenshot, textOf, useAppSession } from './browser';
import type { AppPage } from './browser';
import { drawnNodeCount } from './graph-data';

let api: TestApi;
let app: AppPage;

useAppSession((s) => ({ api, app } = s), { open: false });

/** Controls the toolbar and panels must offer as soon as the app is ready. */
const ALWAYS_PRESENT = [
  'app-status', 'graph', 'legend',
  'view-graph', 'view-country', 'search-input',
  'filter-country', 'filter-sector', 'filter-provider-kind', 'filter-nato', 'filter-tlp', 'filter-confidence',
  'toggle-illustrative', 'size-metric', 'renderer',
  'whatif-panel', 'whatif-add-selected', 'whatif-origins', 'whatif-clear', 'whatif-mode', 'whatif-rule', 'whatif-effect', 'whatif-run',
  'scenarios-panel', 'scenario-save-name', 'scenario-save', 'compare-a', 'compare-b', 'compare-run',
  'rankings-panel', 'rankings-linchpins', 'rankings-centrality', 'rankings-concentration',
  'export-png', 'export-svg', 'export-csv', 'export-json',
];

/** The option values each select must offer. */
const SELECT_OPTIONS: Record<string, string[]> = {
  'filter-country': ['', 'EE', 'DE', 'US'],
  'filter-nato': ['', 'true', 'false'],
  'size-metric': ['degree', 'betweenness', 'pagerank', 'linchpin'],
  renderer: ['canvas', 'webgl'],
};

describe('loading the app', () => {
  it('draws every provider, facility, service and critical function, clears the status and logs no error', async () => {
    const expected = await drawnNodeCount(api);
    expect(expected).toBeGreaterThan(0);
    const ms = await openApp(app, api.server.url);
    console.log(`browser: seed graph ready in ${ms} ms`);

    const status = byTestId(app.page, 'app-status');
    expect(await status.count(), 'app-status element').toBe(1);
    if (await status.isVisible()) expect(await textOf(app.page, 'app-status'), 'app-status once ready').toBe('');

    const drawn = await app.page.evaluate(() => window.__linchpin!.adapter.nodeCount());
    expect(drawn, 'nodes drawn = providers + facilities + services + critical functions').toBe(expected);
    expect(await byTestId(app.page, 'graph').isVisible(), 'graph container visible').toBe(true);
    expect(await byTestId(app.page, 'legend').isVisible(), 'legend visible').toBe(true);
    expect(await textOf(app.page, 'legend'), 'legend text').not.toBe('');

    await screenshot(app.page, 'graph-view');
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });

  it('offers every control of the contract', async () => {
    const missing: string[] = [];
    for (const id of ALWAYS_PRESENT) if ((await byTestId(app.page, id).count()) === 0) missing.push(id);
    expect(missing, 'data-testid elements missing').toEqual([]);

    for (const [id, values] of Object.entries(SELECT_OPTIONS)) {
      const offered = await byTestId(app.page, id).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      expect(offered, `options of ${id}`).toEqual(expect.arrayContaining(values));
    }
    expect(await byTestId(app.page, 'toggle-illustrative').getAttribute('type'), 'toggle-illustrative is a checkbox').toBe('checkbox');
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });
});

describe('changes made by another client', () => {
  it('notices a write through the version, offers a reload, and draws the changed model in place', async () => {
    const before = await app.page.evaluate(() => ({ version: window.__linchpin!.modelVersion(), nodes: window.__linchpin!.adapter.nodeCount() }));
    expect(before.version).toBe(await api.db.version());
    const created = await api.gql(
      `mutation { createProvider(input: { id: "prov:t-browser-other", name: "Other client's provider", providerKind: CLOUD, headquarters: "EE", provenance: { source: "https://example.org/other" } }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    try {
      const after = await api.db.version();
      expect(after).toBeGreaterThan(before.version!);
      // The app polls every 10 s; the hook runs the same check now.
      await app.page.evaluate(() => window.__linchpin!.checkVersion());
      const offer = byTestId(app.page, 'app-offer');
      await offer.waitFor({ state: 'visible' });
      expect(await offer.textContent()).toContain(`version ${before.version} → ${after}`);

      await byTestId(app.page, 'app-offer-action').click();
      await app.page.waitForFunction((v) => window.__linchpin!.modelVersion() === v && window.__linchpin!.ready, after, { timeout: 30_000, polling: 100 });
      const state = await app.page.evaluate(() => ({
        nodes: window.__linchpin!.adapter.nodeCount(),
        drawn: window.__linchpin!.adapter.visibleNodeIds().includes('prov:t-browser-other'),
      }));
      expect(state).toEqual({ nodes: before.nodes + 1, drawn: true });
      expect(await offer.isVisible()).toBe(false);
      expect(app.errors, 'console errors and page errors').toEqual([]);
    } finally {
      await api.gql(`mutation { deleteNode(id: "prov:t-browser-other", force: true) { id } }`);
    }
  });
});
