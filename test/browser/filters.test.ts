/**
 * Filtering the graph to one country, and the country view.
 *
 * With filter-country = EE the visible set must change and shrink, must
 * include every critical function serving EE, and may hold only nodes that
 * serve or are located in EE (a facility in EE, a provider headquartered there
 * or a service of such a provider), nodes an EE function depends on through
 * DEPENDS_ON (transitively), and the providers that own those.
 */
import { describe, expect, it } from 'vitest';
import type { TestApi } from '../integration/db';
import { byTestId, screenshot, showIllustrative, visibleNodeIds, useAppSession } from './browser';
import type { AppPage } from './browser';
import { allDependencies, drawnNodes, functionIdsOf, supplierClosure } from './graph-data';

const COUNTRY = 'EE';

let api: TestApi;
let app: AppPage;

useAppSession((s) => ({ api, app } = s), { afterOpen: (s) => showIllustrative(s.app.page) });

/** Waits until the visible node set differs from `before`, then until it holds still for 300 ms. */
async function visibleAfterChange(before: readonly string[]): Promise<string[]> {
  await app.page.waitForFunction(
    (previous) => [...window.__linchpin!.adapter.visibleNodeIds()].sort().join('\n') !== previous,
    before.join('\n'),
    { timeout: 15_000, polling: 100 },
  );
  let last = await visibleNodeIds(app.page);
  for (;;) {
    await app.page.waitForTimeout(300);
    const now = await visibleNodeIds(app.page);
    if (now.join('\n') === last.join('\n')) return now;
    last = now;
  }
}

describe('filters and views', () => {
  it(`filters to ${COUNTRY}: fewer nodes, every ${COUNTRY} function, nothing unrelated to ${COUNTRY}`, async () => {
    const [nodes, dependencies, countryFunctions] = await Promise.all([drawnNodes(api), allDependencies(api), functionIdsOf(api, COUNTRY)]);
    expect(countryFunctions.length).toBeGreaterThan(0);
    const owner = new Map(nodes.map((n) => [n.id, n.owner]));
    const closure = supplierClosure(countryFunctions, dependencies);
    const allowed = new Set([...closure, ...nodes.filter((n) => n.country === COUNTRY).map((n) => n.id)]);
    for (const id of closure) {
      const o = owner.get(id);
      if (o) allowed.add(o);
    }

    await app.page
      .waitForFunction((n) => window.__linchpin!.adapter.visibleNodeIds().length === n, nodes.length, { timeout: 10_000, polling: 100 })
      .catch(() => undefined);
    const all = await visibleNodeIds(app.page);
    expect(all.length, 'visible before filtering').toBe(nodes.length);

    await byTestId(app.page, 'filter-country').selectOption(COUNTRY);
    const filtered = await visibleAfterChange(all);
    console.log(`browser: filter-country=${COUNTRY} shows ${filtered.length} of ${all.length} nodes (${countryFunctions.length} ${COUNTRY} functions, ${allowed.size} nodes allowed)`);

    expect(filtered.length, 'the filtered set is smaller').toBeLessThan(all.length);
    expect(countryFunctions.filter((id) => !filtered.includes(id)), `${COUNTRY} functions not shown`).toEqual([]);
    expect(filtered.filter((id) => !allowed.has(id)), `shown nodes unrelated to ${COUNTRY}`).toEqual([]);
    await screenshot(app.page, `filtered-${COUNTRY}`);

    await byTestId(app.page, 'filter-country').selectOption('');
    expect(await visibleAfterChange(filtered), "filter-country '' shows every node again").toEqual(all);
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });

  it('switches to the country view and back', async () => {
    await byTestId(app.page, 'view-country').click();
    await app.page.waitForTimeout(1000);
    await screenshot(app.page, 'country-view');
    await byTestId(app.page, 'view-graph').click();
    expect(await app.page.evaluate(() => window.__linchpin!.adapter.nodeCount()), 'nodes after returning to the graph view').toBeGreaterThan(0);
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });
});
