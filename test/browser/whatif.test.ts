/**
 * A what-if run through the UI: one node, picked by a seeded draw among the
 * providers, facilities and services something depends on, fails (OUTAGE,
 * HARD). After playback the page's totals and the ids coloured at each wave
 * equal the API's blastRadius for the same input.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/analysis/random';
import type { TestApi } from '../integration/db';
import { byTestId, coloredWaves, expectNumberShown, markResult, playToEnd, screenshot, selectedId, showIllustrative, waitForNewResult, useAppSession } from './browser';
import type { AppPage } from './browser';
import { allDependencies, blastRadius, drawnNodes, wavesOf } from './graph-data';

/** Seed of the draw; change it to exercise another node. */
const SEED = 20_260_401;

let api: TestApi;
let app: AppPage;

useAppSession((s) => ({ api, app } = s), { afterOpen: (s) => showIllustrative(s.app.page) });

describe('what-if', () => {
  it('fails a seeded random node (OUTAGE, HARD) and shows what the API computes, wave by wave', async () => {
    const [nodes, dependencies] = await Promise.all([drawnNodes(api), allDependencies(api)]);
    const suppliers = new Set(dependencies.map((d) => d.supplier));
    const candidates = nodes
      .filter((n) => n.kind !== 'CriticalFunction' && suppliers.has(n.id))
      .map((n) => n.id)
      .sort();
    expect(candidates.length).toBeGreaterThan(0);
    const origin = candidates[Math.floor(mulberry32(SEED)() * candidates.length)]!;

    const input = { origins: [origin], mode: 'OUTAGE', rule: 'HARD' };
    const expected = await blastRadius(api, input);
    const expectedWaves = wavesOf(expected);
    console.log(
      `browser: what-if on ${origin} (seed ${SEED}, 1 of ${candidates.length}): ${expected.totals.affected} affected in ${expectedWaves.length} waves, ` +
        `${expected.totals.functionsLost} functions, ${expected.crossBorder.borderCrossings.length} border crossings`,
    );

    await app.page.evaluate((id) => window.__linchpin!.adapter.select(id), origin);
    expect(await selectedId(app.page), 'selected node').toBe(origin);
    await byTestId(app.page, 'whatif-add-selected').click();
    const origins = byTestId(app.page, 'whatif-origins').locator('[data-node-id]');
    expect(await origins.evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id'))), 'whatif-origins').toEqual([origin]);
    await byTestId(app.page, 'whatif-mode').selectOption('OUTAGE');
    await byTestId(app.page, 'whatif-rule').selectOption('HARD');

    await markResult(app.page);
    await byTestId(app.page, 'whatif-run').click();
    await waitForNewResult(app.page);
    await playToEnd(app.page);

    await expectNumberShown(app.page, 'summary-functions-lost', expected.totals.functionsLost);
    await expectNumberShown(app.page, 'summary-affected', expected.totals.affected);
    await expectNumberShown(app.page, 'summary-cross-border', expected.crossBorder.borderCrossings.length);
    expect(await coloredWaves(app.page), 'ids coloured at each wave = affected grouped by wave').toEqual(expectedWaves);

    await screenshot(app.page, 'whatif');
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });
});
