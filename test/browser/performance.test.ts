/**
 * Performance figures, printed and never asserted: time to ready and layout
 * time on the seed graph; on a generated 5,000-node graph the layout time, the
 * renderer that ran and frame times while panning (two requestAnimationFrame
 * callbacks per step, timed with performance.now(): the WebGL renderer emits
 * no Cytoscape render events); and whether this headless Chromium has WebGL2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApi } from '../integration/db';
import type { TestApi } from '../integration/db';
import { byTestId, launchBrowser, newAppPage, openApp } from './browser';
import type { AppPage } from './browser';

const GENERATED_NODES = 5000;
const PAN_STEPS = 60;

let api: TestApi;
let warmApi: TestApi;
let browser: Browser;
const pages: AppPage[] = [];

beforeAll(async () => {
  api = await startTestApi();
  warmApi = await startTestApi({ warm: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of pages) await p.close();
  await browser?.close();
  await api?.close();
  await warmApi?.close();
});

async function freshPage(): Promise<AppPage> {
  const app = await newAppPage(browser, api.adminKey);
  pages.push(app);
  return app;
}

function stats(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return `min ${sorted[0]!.toFixed(1)} ms, median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms over ${sorted.length} steps`;
}

/** Pans back and forth, timing each step from panBy to the second animation frame after it. */
function panFrameTimes(page: Page): Promise<number[]> {
  return page.evaluate(async (steps) => {
    const adapter = window.__linchpin!.adapter;
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    await frame();
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      const started = performance.now();
      adapter.panBy(i < steps / 2 ? 12 : -12, i % 2 === 0 ? 5 : -5);
      await frame();
      await frame();
      times.push(performance.now() - started);
    }
    return times;
  }, PAN_STEPS);
}

describe('performance (printed, not asserted)', () => {
  it('reports whether headless Chromium offers WebGL2', async () => {
    const app = await freshPage();
    await app.page.goto('about:blank');
    const gl = await app.page.evaluate(() => {
      const context = document.createElement('canvas').getContext('webgl2');
      if (!context) return { available: false, renderer: '' };
      const info = context.getExtension('WEBGL_debug_renderer_info');
      return { available: true, renderer: info ? String(context.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(context.getParameter(context.RENDERER)) };
    });
    console.log(`browser: WebGL2 ${gl.available ? `available (${gl.renderer})` : 'not available'} in headless Chromium with --disable-gpu`);
  });

  /** Opens the seed graph in a fresh page and prints its start-up milestones; returns what placed the nodes. */
  async function timeSeedLoad(label: string, url: string): Promise<string> {
    const app = await freshPage();
    const readyMs = await openApp(app, url);
    const figures = await app.page.evaluate(() => {
      const hook = window.__linchpin!;
      const a = hook.adapter;
      return { nodes: a.nodeCount(), layoutMs: a.layoutMs, layoutKind: a.layoutKind, renderer: a.renderer(), timings: hook.timings, serverLayout: hook.serverLayout };
    });
    const t = figures.timings;
    console.log(
      `browser: seed graph (${figures.nodes} nodes), ${label}: ` +
        `${t.nodes === undefined ? '' : `nodes drawn at ${t.nodes} ms, `}whole graph drawn at ${t.frame} ms, ready in ${readyMs} ms ` +
        `(script ${t.script} ms, graph query answered ${t.graph} ms, elements ${t.elements} ms, layout done ${t.layout} ms after navigation); ` +
        `layout ${figures.layoutKind} in ${figures.layoutMs.toFixed(0)} ms (server layout ${figures.serverLayout?.status}, ${figures.serverLayout?.positions} positions); renderer ${figures.renderer}`,
    );
    console.log(`browser: seed graph panning (${figures.renderer}, ${label}): ${stats(await panFrameTimes(app.page))}`);
    pages.splice(pages.indexOf(app), 1);
    await app.close();
    return figures.layoutKind;
  }

  it('times the seed graph from a warm server (as npm start serves it), three loads in one browser', async () => {
    const kinds: string[] = [];
    for (const load of [1, 2, 3]) kinds.push(await timeSeedLoad(`warm server, load ${load} of 3${load === 1 ? ' (the browser just launched)' : ''}`, warmApi.server.url));
    // A warm server has the whole-model layout ready, so the first view is drawn from it.
    expect(kinds).toEqual(['cached', 'cached', 'cached']);
  });

  it('times the seed graph from a cold server (no snapshot, no layout yet: the page lays out itself)', async () => {
    expect(await timeSeedLoad('cold server', api.server.url)).toBe('fcose');
  });

  it(`times a generated ${GENERATED_NODES}-node graph with each renderer`, { timeout: 600_000 }, async () => {
    const app = await freshPage();
    const readyMs = await openApp(app, api.server.url, { path: `/?generated=${GENERATED_NODES}`, timeoutMs: 300_000 });
    const first = await app.page.evaluate(() => {
      const a = window.__linchpin!.adapter;
      return { nodes: a.nodeCount(), layoutMs: a.layoutMs, renderer: a.renderer() };
    });
    expect(first.nodes, '?generated=N draws N nodes').toBe(GENERATED_NODES);
    console.log(`browser: generated graph (${first.nodes} nodes): ready in ${readyMs} ms, layout ${first.layoutMs.toFixed(0)} ms, renderer ${first.renderer}`);
    console.log(`browser: generated graph panning (${first.renderer}): ${stats(await panFrameTimes(app.page))}`);

    const other = first.renderer === 'canvas' ? 'webgl' : 'canvas';
    const settleStarted = Date.now();
    await app.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
    console.log(`browser: after panning, the next animation frame came ${Date.now() - settleStarted} ms later`);
    // selectOption returns once the page's change handler has run: this times the switch of renderer itself.
    const switchStarted = Date.now();
    await byTestId(app.page, 'renderer').selectOption(other, { timeout: 180_000 });
    console.log(`browser: switching to the ${other} renderer took ${Date.now() - switchStarted} ms (selectOption, the change handler included)`);
    const ran = await app.page
      .waitForFunction((want) => window.__linchpin?.ready === true && window.__linchpin.adapter.renderer() === want, other, { timeout: 120_000, polling: 100 })
      .then(() => other)
      .catch(() => app.page.evaluate(() => window.__linchpin?.adapter.renderer() ?? 'none'));
    if (ran !== other) console.log(`browser: asked for the ${other} renderer; ${ran} is running`);
    const layoutMs = await app.page.evaluate(() => window.__linchpin!.adapter.layoutMs);
    console.log(`browser: generated graph panning (${ran}, layout ${layoutMs.toFixed(0)} ms): ${stats(await panFrameTimes(app.page))}`);
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });
});
