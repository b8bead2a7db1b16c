/**
 * The rankings panel: once the linchpin ranking is FRESH, the first row of the
 * linchpins table is the API's top linchpin, and clicking it selects that node.
 */
import { describe, expect, it } from 'vitest';
import type { TestApi } from '../integration/db';
import { byTestId, selectedId, useAppSession } from './browser';
import type { AppPage } from './browser';
import { gqlData } from './graph-data';

let api: TestApi;
let app: AppPage;

useAppSession((s) => ({ api, app } = s), {
  beforeOpen: async (a) => a.server.analysis.linchpinRanker.settled(await a.server.analysis.snapshot()),
});

const rowIds = (table: string) =>
  byTestId(app.page, table)
    .locator('[data-node-id]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node-id')!));

describe('rankings', () => {
  it('lists the API’s top linchpin first; clicking it selects the node', async () => {
    const data = await gqlData<{ linchpins: { status: string; rows: { node: { id: string }; score: number }[] } }>(api, '{ linchpins(top: 1) { status rows { node { id } score } } }');
    expect(data.linchpins.status).toBe('FRESH');
    const top = data.linchpins.rows[0]!.node.id;
    console.log(`browser: top linchpin ${top} (score ${data.linchpins.rows[0]!.score})`);

    await app.page.waitForFunction(
      (want) => document.querySelector('[data-testid="rankings-linchpins"] [data-node-id]')?.getAttribute('data-node-id') === want,
      top,
      { timeout: 30_000, polling: 200 },
    ).catch(() => undefined);
    expect((await rowIds('rankings-linchpins'))[0], 'first row of rankings-linchpins').toBe(top);

    await byTestId(app.page, 'rankings-linchpins').locator(`[data-node-id="${top}"]`).first().click();
    expect(await selectedId(app.page), 'selected after clicking the row').toBe(top);
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="details-id"]')?.textContent?.includes(want) === true, top, { timeout: 15_000 });

    // The centrality table is computed in the analysis pool on first use: wait for its rows.
    await app.page
      .waitForFunction(() => document.querySelector('[data-testid="rankings-centrality"] [data-node-id]') !== null, undefined, { timeout: 30_000, polling: 200 })
      .catch(() => undefined);
    const centralityText = (await byTestId(app.page, 'rankings-centrality').textContent())?.slice(0, 300);
    expect((await rowIds('rankings-centrality')).length, `rows of rankings-centrality (panel: ${centralityText})`).toBeGreaterThan(0);
    expect((await rowIds('rankings-concentration')).length, 'rows of rankings-concentration').toBeGreaterThan(0);
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });
});
