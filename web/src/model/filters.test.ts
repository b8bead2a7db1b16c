import { describe, expect, it } from 'vitest';
import { NO_FILTERS, isFiltered, visibleElements } from './filters';
import type { Filters } from './filters';
import { adjacencyOf } from './graph-model';
import { tinyModel } from './test-graph';

const model = tinyModel();
const adjacency = adjacencyOf(model);
const visible = (f: Partial<Filters>) => [...visibleElements(model, adjacency, { ...NO_FILTERS, ...f }).nodes].sort();

describe('visibleElements', () => {
  it('shows everything without filters', () => {
    expect(isFiltered(NO_FILTERS)).toBe(false);
    const all = visibleElements(model, adjacency, NO_FILTERS);
    expect(all.nodes.size).toBe(model.nodes.size);
    expect(all.edges.size).toBe(model.edges.size);
  });

  it('filters to a country: what is located there and, transitively, what its functions depend on', () => {
    expect(visible({ country: 'EE' })).toEqual(['fac:dc', 'fn:ee-energy', 'fn:ee-health', 'prov:grid', 'svc:mail']);
    expect(visible({ country: 'CH' })).toEqual(['prov:swiss']);
  });

  it('narrows functions by sector and leaves other kinds alone', () => {
    expect(visible({ sector: 'HEALTH' })).toEqual(['fac:dc', 'fn:ee-health', 'prov:cloud', 'prov:grid', 'prov:swiss', 'svc:mail']);
  });

  it('narrows providers, and what they own, by provider kind', () => {
    expect(visible({ providerKind: 'ENERGY' })).toEqual(['fn:ee-energy', 'fn:ee-health', 'fn:fr-bank', 'prov:grid']);
  });

  it('filters by NATO membership of the node’s country', () => {
    expect(visible({ nato: 'false' })).toEqual(['prov:swiss']);
    expect(visible({ nato: 'true' })).not.toContain('prov:swiss');
  });

  it('shows up to a TLP level and at least a confidence level', () => {
    expect(visible({ tlp: 'GREEN' })).not.toContain('prov:swiss');
    expect(visible({ tlp: 'RED' })).toContain('prov:swiss');
    expect(visible({ confidence: 'MEDIUM' })).not.toContain('fac:dc');
    expect(visible({ confidence: 'LOW' })).toContain('fac:dc');
  });

  it('hides illustrative nodes and dependencies, also inside a country’s closure', () => {
    const f = { ...NO_FILTERS, hideIllustrative: true };
    const shown = visibleElements(model, adjacency, f);
    expect(shown.nodes.has('fn:ee-energy')).toBe(false);
    expect(shown.edges.has('dep:fn:ee-health->fn:ee-energy')).toBe(false);
    expect(visible({ country: 'EE', hideIllustrative: true })).toEqual(['fac:dc', 'fn:ee-health', 'prov:grid', 'svc:mail']);
  });

  it('adds expanded nodes and their edges to a filtered view', () => {
    const shown = visibleElements(model, adjacency, { ...NO_FILTERS, country: 'FR' }, { nodes: new Set(['prov:cloud']), edges: new Set() });
    expect([...shown.nodes].sort()).toEqual(['fn:fr-bank', 'prov:cloud']);
    expect([...shown.edges]).toEqual(['dep:fn:fr-bank->prov:cloud']);
  });
});
