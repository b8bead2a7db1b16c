/**
 * Exports: PNG and SVG of the graph as drawn, CSV and JSON of the loaded
 * result. Each button must trigger a download; the files are checked by
 * decoding or parsing them, PNG and SVG in Chromium itself.
 */
import { describe, expect, it } from 'vitest';
import type { TestApi } from '../integration/db';
import { byTestId, downloadFrom, markResult, waitForNewResult, useAppSession } from './browser';
import type { AppPage } from './browser';
import { scenarioResult } from './graph-data';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SCENARIO = 'scn:incident-solarwinds-2020';

let api: TestApi;
let app: AppPage;

useAppSession((s) => ({ api, app } = s));

/** Splits CSV text into rows of fields (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('exports', () => {
  it('exports the graph as a PNG that Chromium decodes to a real image', async () => {
    const { download, bytes } = await downloadFrom(app.page, 'export-png');
    console.log(`browser: export-png → ${download.suggestedFilename()} (${bytes.length} bytes)`);
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'starts with the PNG signature').toBe(true);
    expect(bytes.length, 'bytes').toBeGreaterThan(2000);
    const size = await app.page.evaluate(async (base64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    }, bytes.toString('base64'));
    console.log(`browser: export-png decodes to ${size.width}×${size.height}`);
    expect(size.width, 'PNG width').toBeGreaterThanOrEqual(200);
    expect(size.height, 'PNG height').toBeGreaterThanOrEqual(200);
  });

  it('exports the graph as an SVG document', async () => {
    const { download, bytes } = await downloadFrom(app.page, 'export-svg');
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart();
    console.log(`browser: export-svg → ${download.suggestedFilename()} (${bytes.length} bytes)`);
    expect(text.startsWith('<svg') || text.startsWith('<?xml'), `starts with <svg or <?xml: "${text.slice(0, 40)}"`).toBe(true);
    const parsed = await app.page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      return { root: doc.documentElement.localName, error: doc.querySelector('parsererror')?.textContent ?? null, shapes: doc.querySelectorAll('circle, ellipse, path, rect, polygon, line, text').length };
    }, text);
    expect(parsed.error, 'SVG parse error').toBeNull();
    expect(parsed.root, 'SVG root element').toBe('svg');
    expect(parsed.shapes, 'shapes in the SVG').toBeGreaterThan(10);
  });

  it('exports the loaded result as CSV and JSON, naming every affected node', async () => {
    const { result } = await scenarioResult(api, SCENARIO);
    const affected = result.affected.map((a) => a.node.id);
    await markResult(app.page);
    await byTestId(app.page, `scenario-open-${SCENARIO}`).click();
    await waitForNewResult(app.page);

    const csv = await downloadFrom(app.page, 'export-csv');
    const rows = parseCsv(csv.bytes.toString('utf8').replace(/^\uFEFF/, '')).filter((r) => r.some((f) => f !== ''));
    console.log(`browser: export-csv → ${csv.download.suggestedFilename()} (${rows.length} rows × ${rows[0]?.length ?? 0} columns)`);
    expect(rows.length, 'CSV rows (header + data)').toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.length !== rows[0]!.length).length, 'CSV rows with a different number of fields than the header').toBe(0);
    const csvIds = new Set(rows.flat());
    expect(affected.filter((id) => !csvIds.has(id)), 'affected ids missing from the CSV').toEqual([]);

    const json = await downloadFrom(app.page, 'export-json');
    console.log(`browser: export-json → ${json.download.suggestedFilename()} (${json.bytes.length} bytes)`);
    const text = json.bytes.toString('utf8');
    expect(() => JSON.parse(text) as unknown, 'JSON parses').not.toThrow();
    expect(affected.filter((id) => !text.includes(JSON.stringify(id))), 'affected ids missing from the JSON').toEqual([]);
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });
});
