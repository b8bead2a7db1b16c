/**
 * The details panel of a selected node: name, id, kind and provenance as the
 * API has them, its direct dependencies and dependents, and its metrics.
 * prov:aws is selected through the search box; a facility with both
 * suppliers and dependents through the adapter.
 */
import { describe, expect, it } from 'vitest';
import type { TestApi } from '../integration/db';
import { byTestId, selectedId, textOf, useAppSession } from './browser';
import type { AppPage } from './browser';
import { allDependencies, drawnNodes, gqlData } from './graph-data';
import type { DrawnNode } from './graph-data';

let api: TestApi;
let app: AppPage;
let nodes: DrawnNode[];

useAppSession((s) => ({ api, app } = s), {
  afterOpen: async (s) => {
    nodes = await drawnNodes(s.api);
  },
});

interface NodeFacts {
  node: { id: string; name: string; kind: string; provenance: { source: string } };
  dependencies: { nodes: { id: string; name: string }[] };
  dependents: { nodes: { id: string; name: string }[] };
}

function nodeFacts(id: string): Promise<NodeFacts> {
  return gqlData<NodeFacts>(
    api,
    `query($id: ID!) {
      node(id: $id) { id name kind provenance { source } }
      dependencies: neighbourhood(id: $id, direction: DEPENDENCIES, depth: 1) { nodes { id name } }
      dependents: neighbourhood(id: $id, direction: DEPENDENTS, depth: 1) { nodes { id name } }
    }`,
    { id },
  );
}

/** The neighbours (by id or name) a details list mentions. */
async function mentioned(listId: string, neighbours: readonly { id: string; name: string }[]): Promise<string[]> {
  const text = await textOf(app.page, listId);
  return neighbours.filter((n) => text.includes(n.id) || text.includes(n.name)).map((n) => n.id);
}

/** Checks every part of the details panel against the API for the selected node. */
async function expectDetailsOf(id: string): Promise<void> {
  const facts = await nodeFacts(id);
  // The panel shows the id at once and "Loading…" as the name until the node's details arrive.
  await app.page.waitForFunction(
    (want) =>
      document.querySelector('[data-testid="details-id"]')?.textContent?.includes(want.id) === true &&
      document.querySelector('[data-testid="details-name"]')?.textContent?.includes(want.name) === true,
    { id, name: facts.node.name },
    { timeout: 15_000 },
  );
  expect(await byTestId(app.page, 'details-panel').isVisible(), 'details-panel visible').toBe(true);
  expect(await textOf(app.page, 'details-name'), 'details-name').toContain(facts.node.name);
  expect(await textOf(app.page, 'details-id'), 'details-id').toContain(facts.node.id);
  expect(await textOf(app.page, 'details-kind'), 'details-kind').toContain(facts.node.kind);

  const provenance = byTestId(app.page, 'details-provenance');
  const links = await provenance.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect((await textOf(app.page, 'details-provenance')).includes(facts.node.provenance.source) || links.includes(facts.node.provenance.source), `details-provenance shows ${facts.node.provenance.source}`).toBe(true);

  for (const [listId, neighbours] of [['details-dependencies', facts.dependencies.nodes], ['details-dependents', facts.dependents.nodes]] as const) {
    expect(await byTestId(app.page, listId).count(), `${listId} element`).toBe(1);
    const shown = await mentioned(listId, neighbours);
    console.log(`browser: ${id} ${listId} names ${shown.length} of the ${neighbours.length} the API lists`);
    if (neighbours.length > 0) {
      expect(shown.length, `${listId} names at least one of ${neighbours.map((n) => n.id).join(', ')}`).toBeGreaterThan(0);
    } else {
      const text = await textOf(app.page, listId);
      expect(nodes.filter((n) => text.includes(n.id)).map((n) => n.id), `${listId} should be empty (the API lists none)`).toEqual([]);
    }
  }

  expect(await textOf(app.page, 'details-metrics'), 'details-metrics shows numbers').toMatch(/\d/);
  expect(await byTestId(app.page, 'details-functions-by-country').count(), 'details-functions-by-country element').toBe(1);
}

describe('details of a selected node', () => {
  it('selects prov:aws through the search box and shows its details', async () => {
    const search = byTestId(app.page, 'search-input');
    await search.fill('prov:aws');
    await search.press('Enter');
    await app.page.waitForFunction(() => window.__linchpin!.adapter.selectedId() !== null, undefined, { timeout: 15_000 });
    expect(await selectedId(app.page), 'Enter selects the first match').toBe('prov:aws');
    await expectDetailsOf('prov:aws');
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });

  it('shows the suppliers and dependents of a facility', async () => {
    const dependencies = await allDependencies(api);
    const dependents = new Set(dependencies.map((d) => d.dependent));
    const suppliers = new Set(dependencies.map((d) => d.supplier));
    const facility = nodes.filter((n) => n.kind === 'Facility' && dependents.has(n.id) && suppliers.has(n.id)).map((n) => n.id).sort()[0];
    expect(facility, 'a facility with suppliers and dependents').toBeDefined();
    await app.page.evaluate((id) => window.__linchpin!.adapter.select(id), facility!);
    expect(await selectedId(app.page)).toBe(facility);
    await expectDetailsOf(facility!);
    expect(app.errors, 'console errors and page errors').toEqual([]);
  });
});
