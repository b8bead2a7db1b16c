/**
 * Opening the stored SolarWinds replay and playing it to the end: the summary
 * the page shows is the scenario's stored result, as the API returns it.
 */
import { describe, expect, it } from 'vitest';
import type { TestApi } from '../integration/db';
import { byTestId, expectNumberShown, markResult, playToEnd, screenshot, waitForNewResult, useAppSession } from './browser';
import type { AppPage } from './browser';
import { scenarioResult } from './graph-data';

const SCENARIO = 'scn:incident-solarwinds-2020';

let api: TestApi;
let app: AppPage;

useAppSession((s) => ({ api, app } = s));

describe('a stored scenario', () => {
  it('plays the SolarWinds replay to the end and shows its stored totals', async () => {
    const stored = await scenarioResult(api, SCENARIO);
    const result = stored.result;
    console.log(
      `browser: ${SCENARIO} (${result.mode}): ${result.totals.affected} affected, ${result.totals.functionsLost} functions, ` +
        `importance ${result.totals.importanceLost}, ${result.crossBorder.borderCrossings.length} border crossings`,
    );

    await markResult(app.page);
    await byTestId(app.page, `scenario-open-${SCENARIO}`).click();
    await waitForNewResult(app.page);
    await playToEnd(app.page);

    expect(await byTestId(app.page, 'summary-panel').isVisible(), 'summary-panel visible').toBe(true);
    await expectNumberShown(app.page, 'summary-functions-lost', result.totals.functionsLost);
    await expectNumberShown(app.page, 'summary-affected', result.totals.affected);
    await expectNumberShown(app.page, 'summary-cross-border', result.crossBorder.borderCrossings.length);
    await expectNumberShown(app.page, 'summary-importance-lost', result.totals.importanceLost);

    const sectors = await byTestId(app.page, 'summary-by-sector').locator('[data-sector]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sector')!));
    expect([...new Set(sectors)].sort(), 'summary-by-sector rows = totals.bySector').toEqual(result.totals.bySector.map((s) => s.sector).sort());
    const countries = await byTestId(app.page, 'summary-by-country').locator('[data-country]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-country')!));
    const known = new Set([...result.totals.byCountry.map((c) => c.country.id), ...result.functionsLostByCountry.map((c) => c.country.id)]);
    expect(countries.length, 'summary-by-country rows').toBeGreaterThan(0);
    expect(countries.filter((c) => !known.has(c)), 'summary-by-country rows for countries the result does not name').toEqual([]);

    await screenshot(app.page, 'solarwinds-playback');
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });
});
