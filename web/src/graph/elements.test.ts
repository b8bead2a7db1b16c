import { describe, expect, it } from 'vitest';
import { MAX_LABEL, MAX_SIZE, MIN_SIZE, labelFor, sizeFor, toElements } from './elements';
import { NO_FILTERS, visibleElements } from '../model/filters';
import { adjacencyOf } from '../model/graph-model';
import { tinyModel } from '../model/test-graph';

describe('sizeFor', () => {
  it('maps 0, missing and bad values to the minimum and the maximum value to the maximum', () => {
    expect(sizeFor(undefined, 10)).toBe(MIN_SIZE);
    expect(sizeFor(0, 10)).toBe(MIN_SIZE);
    expect(sizeFor(5, 0)).toBe(MIN_SIZE);
    expect(sizeFor(10, 10)).toBe(MAX_SIZE);
    expect(sizeFor(2.5, 10)).toBe(MIN_SIZE + (MAX_SIZE - MIN_SIZE) / 2);
  });
});

describe('labelFor', () => {
  it('keeps short names and cuts long ones to MAX_LABEL characters ending in an ellipsis', () => {
    expect(labelFor('Amazon Web Services')).toBe('Amazon Web Services');
    const long = 'CGES (Crnogorski elektroprenosni sistem)';
    const label = labelFor(long);
    expect(label).toBe('CGES (Crnogorski elektrop…');
    expect(label.length).toBe(MAX_LABEL);
    expect(labelFor('x'.repeat(MAX_LABEL))).toBe('x'.repeat(MAX_LABEL));
  });
});

describe('toElements', () => {
  const model = tinyModel();
  const visible = visibleElements(model, adjacencyOf(model), NO_FILTERS);

  it('draws DEPENDS_ON from the dependent to the supplier, marking cross-border and trust edges', () => {
    const els = toElements({ model, visible, view: 'graph', metric: null, cascade: null, path: null });
    const edge = els.find((e) => e.data.id === 'dep:fn:fr-bank->prov:cloud')!;
    expect(edge.data).toMatchObject({ source: 'fn:fr-bank', target: 'prov:cloud', crossBorder: 1, trust: 1 });
    expect(els.filter((e) => e.group === 'nodes')).toHaveLength(model.nodes.size);
  });

  it('adds countries as compound parents only in the country view', () => {
    const els = toElements({ model, visible, view: 'country', metric: null, cascade: null, path: null });
    expect(els.filter((e) => e.data.kind === 'Country').map((e) => e.data.id)).toEqual(['CH', 'DE', 'EE', 'FR', 'US']);
    expect(els.find((e) => e.data.id === 'fac:dc')!.data.parent).toBe('DE');
  });

  it('marks cascade states, leaving unaffected elements as "none" while a result is shown', () => {
    const cascade = new Map([['prov:cloud', { state: 'origin' as const, probability: 1 }]]);
    const els = toElements({ model, visible, view: 'graph', metric: null, cascade, path: null });
    expect(els.find((e) => e.data.id === 'prov:cloud')!.data.cascade).toBe('origin');
    expect(els.find((e) => e.data.id === 'fac:dc')!.data.cascade).toBe('none');
  });
});
