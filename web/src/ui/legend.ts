/** The legend, drawn from the palette (and so the vocabulary): node kinds, edge styles and cascade states. */
import { DEPENDENCY_KINDS } from '../../../graph-schema/vocabulary';
import { CASCADE_STYLE, EDGE_STYLE, KIND_STYLE } from '../graph/palette';
import type { NodeShape } from '../graph/palette';
import { h } from './dom';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function shapeSwatch(shape: NodeShape, fill: string, stroke = '#ffffff', dashed = false): SVGElement {
  const root = svgEl('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true' });
  const common = { fill, stroke, 'stroke-width': 1.2, ...(dashed ? { 'stroke-dasharray': '2 1.5' } : {}) };
  const shapes: Record<NodeShape, SVGElement> = {
    ellipse: svgEl('circle', { cx: 8, cy: 8, r: 6.5, ...common }),
    'round-rectangle': svgEl('rect', { x: 1.5, y: 1.5, width: 13, height: 13, rx: 3, ...common }),
    diamond: svgEl('polygon', { points: '8,1 15,8 8,15 1,8', ...common }),
    hexagon: svgEl('polygon', { points: '4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8', ...common }),
  };
  root.append(shapes[shape]);
  return root;
}

function lineSwatch(colour: string, dashed: boolean, opacity = 1): SVGElement {
  const root = svgEl('svg', { width: 24, height: 10, viewBox: '0 0 24 10', 'aria-hidden': 'true' });
  root.append(svgEl('line', { x1: 1, y1: 5, x2: 23, y2: 5, stroke: colour, 'stroke-width': 2, opacity, ...(dashed ? { 'stroke-dasharray': '4 2.5' } : {}) }));
  return root;
}

function item(swatch: SVGElement, label: string): HTMLElement {
  const li = h('li');
  li.append(swatch, document.createTextNode(label));
  return li;
}

export function legend(): HTMLElement {
  const kinds = h('ul', { className: 'legend-list' });
  for (const kind of DEPENDENCY_KINDS) kinds.append(item(shapeSwatch(KIND_STYLE[kind].shape, KIND_STYLE[kind].colour), KIND_STYLE[kind].label));
  kinds.append(item(shapeSwatch('ellipse', '#cccccc', '#4A5560', true), 'Illustrative'));

  const edges = h('ul', { className: 'legend-list' });
  edges.append(
    item(lineSwatch(EDGE_STYLE.default, false), 'Depends on (→ supplier)'),
    item(lineSwatch(EDGE_STYLE.crossBorder, true), 'Cross-border'),
    item(lineSwatch(EDGE_STYLE.default, false, 0.4), 'Illustrative'),
  );

  const cascade = h('ul', { className: 'legend-list' });
  cascade.append(
    item(shapeSwatch('ellipse', CASCADE_STYLE.origin.colour, '#F0E442'), CASCADE_STYLE.origin.label),
    item(shapeSwatch('ellipse', CASCADE_STYLE.failed.colour, '#000'), CASCADE_STYLE.failed.label),
    item(shapeSwatch('ellipse', CASCADE_STYLE.degraded.colour, '#000', true), CASCADE_STYLE.degraded.label),
    item(shapeSwatch('ellipse', CASCADE_STYLE.compromised.high, '#000'), CASCADE_STYLE.compromised.label),
    item(lineSwatch(EDGE_STYLE.path, false), 'Explanation path'),
  );

  return h(
    'div',
    { testid: 'legend', className: 'legend', role: 'region', 'aria-label': 'Legend' },
    h(
      'div',
      { className: 'legend-columns' },
      h('div', {}, h('h3', {}, 'Nodes'), kinds),
      h('div', {}, h('h3', {}, 'Dependencies'), edges),
      h('div', {}, h('h3', {}, 'What-if'), cascade),
    ),
  );
}
