/**
 * Helpers for the browser tests: Debian's Chromium driven by playwright-core,
 * the web app as the in-process API server serves it, its test hook
 * `window.__linchpin`, console-error collection and screenshots.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { startTestApi } from '../integration/db';
import type { TestApi } from '../integration/db';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-artifacts', 'screenshots');
export const VIEWPORT = { width: 1280, height: 800 };

/** How long the app may take to become ready (it loads the whole graph and lays it out). */
export const READY_TIMEOUT_MS = 60_000;
/** How long a click or a fill waits for its element. */
export const ACTION_TIMEOUT_MS = 15_000;

/** The graph adapter the app exposes for tests (web/src/graph is its only implementer). */
export interface LinchpinAdapter {
  renderer(): 'canvas' | 'webgl';
  nodeCount(): number;
  visibleNodeIds(): string[];
  selectedId(): string | null;
  select(id: string): void;
  /** Ids coloured at each wave shown so far; index = wave. */
  coloredWaves(): string[][];
  layoutMs: number;
  /** What placed the nodes last: 'cached' (the server's whole-model layout included), 'fcose', 'geographic'. */
  layoutKind: string;
  panBy(dx: number, dy: number): void;
}

/** The app's test hook. */
export interface LinchpinHook {
  ready: boolean;
  adapter: LinchpinAdapter;
  /** The last blastRadius result, as JSON. */
  lastResult: unknown;
  playbackDone: boolean;
  serverLayout: { status: string; snapshotVersion: number | null; positions: number } | null;
  modelVersion(): number | null;
  serverVersion: number | null;
  checkVersion(): Promise<void>;
  /** Start-up milestones, milliseconds since navigation start. */
  timings: Record<string, number>;
}

declare global {
  interface Window {
    __linchpin?: LinchpinHook;
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** A page in a fresh context, with every console error and uncaught page error collected. */
export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Console messages of type error and uncaught exceptions, in order. */
  errors: string[];
  close(): Promise<void>;
}

/** With `credential` (an API key), the page starts signed in, as after the sign-in screen. */
export async function newAppPage(browser: Browser, credential?: string): Promise<AppPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  if (credential) await context.addInitScript((c) => sessionStorage.setItem('linchpin.credential', c), credential);
  // Fail a missing control in seconds rather than Playwright's default 30 s.
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url;
    errors.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, errors, close: () => context.close() };
}

export interface OpenOptions {
  /** Path and query below the server's root, e.g. `/?generated=5000` (default `/`). */
  path?: string;
  /** Wait for `window.__linchpin.ready` (default true). */
  waitReady?: boolean;
  timeoutMs?: number;
}

/** Opens the app served at `baseUrl` and (by default) waits until it says it is ready. Returns the milliseconds that took. */
export async function openApp(app: AppPage, baseUrl: string, options: OpenOptions = {}): Promise<number> {
  const started = Date.now();
  const timeout = options.timeoutMs ?? READY_TIMEOUT_MS;
  // 'commit', not 'load': the app may build and lay out its graph before the load event (e.g. ?generated=N).
  await app.page.goto(`${baseUrl}${options.path ?? '/'}`, { waitUntil: 'commit', timeout });
  if (options.waitReady ?? true) await waitForReady(app, Math.max(1, timeout - (Date.now() - started)));
  return Date.now() - started;
}

/** Waits for `window.__linchpin.ready`; on timeout, fails with what the page shows instead. */
export async function waitForReady(app: AppPage, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  try {
    await app.page.waitForFunction(() => window.__linchpin?.ready === true, undefined, { timeout: timeoutMs, polling: 100 });
  } catch {
    const state = await app.page.evaluate(() => ({
      title: document.title,
      hook: window.__linchpin === undefined ? 'missing' : `ready=${String(window.__linchpin.ready)}`,
      status: document.querySelector('[data-testid="app-status"]')?.textContent?.trim() ?? '(no app-status element)',
      body: (document.body?.innerText ?? '').trim().slice(0, 200),
    }));
    throw new Error(
      `the app did not become ready within ${timeoutMs} ms: window.__linchpin ${state.hook}; app-status "${state.status}"; ` +
        `title "${state.title}"; page text "${state.body}"; errors: ${app.errors.length === 0 ? 'none' : app.errors.join(' | ')}`,
    );
  }
}

/** Locator of the element with this data-testid. */
export function byTestId(page: Page, id: string) {
  return page.locator(`[data-testid="${id}"]`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The text of an element, trimmed ('' when it is absent). */
export async function textOf(page: Page, id: string): Promise<string> {
  const el = byTestId(page, id);
  if ((await el.count()) === 0) return '';
  return ((await el.first().textContent()) ?? '').trim();
}

/**
 * The first number in an element's text (thousands separators ignored), with
 * the number of decimals shown, so that a rounded display can be compared.
 */
export async function numberShown(page: Page, id: string): Promise<{ value: number; decimals: number; text: string }> {
  const text = await textOf(page, id);
  const match = /-?\d[\d,\u202f\u00a0]*(?:\.(\d+))?/.exec(text);
  if (!match) throw new Error(`[data-testid="${id}"] shows no number: "${text}"`);
  return { value: Number(match[0].replace(/[,\u202f\u00a0]/g, '')), decimals: match[1]?.length ?? 0, text };
}

/** Expects the number an element shows to be `actual`, to the precision shown. */
export async function expectNumberShown(page: Page, id: string, actual: number): Promise<void> {
  const shown = await numberShown(page, id);
  const tolerance = 0.5 * 10 ** -shown.decimals + 1e-9;
  expect(Math.abs(shown.value - actual), `${id} shows "${shown.text}"; the API says ${actual}`).toBeLessThanOrEqual(tolerance);
}

/** Clicks an element and returns the bytes of the download it triggers. */
export async function downloadFrom(page: Page, id: string, timeoutMs = 30_000): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: timeoutMs }), byTestId(page, id).click()]);
  return { download, bytes: await readFile(await download.path()) };
}

/** Reads the adapter's coloured waves, each wave's ids sorted. */
export function coloredWaves(page: Page): Promise<string[][]> {
  return page.evaluate(() => window.__linchpin!.adapter.coloredWaves().map((wave) => [...wave].sort()));
}

export function visibleNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => [...window.__linchpin!.adapter.visibleNodeIds()].sort());
}

export function selectedId(page: Page): Promise<string | null> {
  return page.evaluate(() => window.__linchpin!.adapter.selectedId());
}

/**
 * Unchecks toggle-illustrative (checked hides illustrative elements), so that
 * the page shows, and runs analyses on, the whole graph as the API has it.
 */
export async function showIllustrative(page: Page): Promise<void> {
  await byTestId(page, 'toggle-illustrative').setChecked(false);
}

/**
 * Marks the current `lastResult` so that `waitForNewResult` can tell when a
 * different one arrives (the app replaces the object on every run).
 */
export async function markResult(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __previousResult: unknown }).__previousResult = window.__linchpin!.lastResult;
  });
}

export async function waitForNewResult(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const result = window.__linchpin?.lastResult;
      return result !== undefined && result !== null && result !== (window as unknown as { __previousResult: unknown }).__previousResult;
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
}

/** Clicks play and waits until the app says the playback reached its end. */
export async function playToEnd(page: Page, timeoutMs = 90_000): Promise<void> {
  await byTestId(page, 'playback-play').click();
  await page.waitForFunction(() => window.__linchpin?.playbackDone === true, undefined, { timeout: timeoutMs, polling: 100 });
}


/** The real API, Chromium and one app page, shared by the tests of one file. */
export interface AppSession {
  api: TestApi;
  browser: Browser;
  app: AppPage;
}

export interface SessionOptions {
  /** Open the app and wait until it is ready (default true). */
  open?: boolean;
  /** Runs once the API is up, before the browser opens the app. */
  beforeOpen?: (api: TestApi) => Promise<void>;
  /** Runs once the app is open. */
  afterOpen?: (session: AppSession) => Promise<void>;
}

/**
 * Registers the file's beforeAll/afterAll: starts the API on the suite's Neo4j,
 * launches Chromium, opens the app, and hands the session to `bind` (e.g.
 * `(s) => ({ api, browser, app } = s)`); closes everything afterwards.
 */
export function useAppSession(bind: (session: AppSession) => void, options: SessionOptions = {}): void {
  const session: Partial<AppSession> = {};
  beforeAll(async () => {
    session.api = await startTestApi();
    await options.beforeOpen?.(session.api);
    session.browser = await launchBrowser();
    session.app = await newAppPage(session.browser, session.api.adminKey);
    if (options.open ?? true) await openApp(session.app, session.api.server.url);
    bind(session as AppSession);
    await options.afterOpen?.(session as AppSession);
  });
  afterAll(async () => {
    await session.app?.close();
    await session.browser?.close();
    await session.api?.close();
  });
}
