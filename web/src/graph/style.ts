/**
 * The Cytoscape stylesheet, built from the palette (and so the vocabulary):
 * shape and colour by kind, size by the chosen metric (data `size`),
 * cross-border DEPENDS_ON dashed and blue, trust-carrying ones with a diamond
 * arrow, illustrative elements dashed and faded, the cascade states of the
 * playback, the explanation path and the selection.
 */
import type { StylesheetJson } from 'cytoscape';
import { DEPENDENCY_KINDS } from '../../../graph-schema/vocabulary';
import { CASCADE_STYLE, COUNTRY_BORDER, COUNTRY_FILL, EDGE_STYLE, KIND_STYLE, OKABE_ITO, SELECTION_COLOUR } from './palette';

export interface StyleOptions {
  /** Large graphs: straight edges without labels until zoomed in, thinner lines. */
  large: boolean;
  /** Country view over a map: dependencies recede so that the map and the countries read first. */
  geographic: boolean;
  /**
   * The WebGL renderer draws every label as a texture whatever the zoom (it
   * ignores min-zoomed-font-size), so with it only the selection, an
   * explanation path and countries are labelled.
   */
  webgl: boolean;
}

export function stylesheet({ large, geographic, webgl }: StyleOptions): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'min-zoomed-font-size': large ? 10 : 8,
        'text-valign': 'bottom',
        'text-margin-y': 2,
        color: '#1F2328',
        // Labels come cut to length (elements.ts labelFor): no wrapping to measure.
        'text-wrap': 'none',
        'border-width': 1,
        'border-color': '#FFFFFF',
      },
    },
    ...(webgl ? [{ selector: 'node', style: { label: '' } }] : []),
    {
      selector: 'node[size]',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        // Bigger nodes get bigger labels, so that zoomed out only the hubs are named.
        'font-size': 'mapData(size, 14, 58, 7, 15)',
      },
    },
    ...DEPENDENCY_KINDS.map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': KIND_STYLE[kind].colour, shape: KIND_STYLE[kind].shape },
    })),
    {
      selector: 'node[illustrative = 1]',
      style: { 'background-opacity': 0.7, 'border-style': 'dashed', 'border-color': '#4A5560', 'border-width': 1 },
    },
    {
      selector: ':parent',
      style: {
        shape: 'round-rectangle',
        'background-color': COUNTRY_FILL,
        'background-opacity': 0.55,
        'border-color': COUNTRY_BORDER,
        'border-width': 1,
        'border-style': 'solid',
        label: 'data(label)',
        // Large in model units, so that country names read on the zoomed-out map.
        'font-size': 44,
        'font-weight': 'bold',
        'min-zoomed-font-size': 5,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        color: '#3B4550',
        padding: '12px',
      },
    },
    { selector: ':parent[nato = 0]', style: { 'border-style': 'dotted' } },
    {
      selector: 'edge',
      style: {
        width: large ? 0.6 : 1,
        'line-color': EDGE_STYLE.default,
        'target-arrow-color': EDGE_STYLE.default,
        'target-arrow-shape': large ? 'none' : 'triangle',
        'arrow-scale': 0.6,
        'curve-style': large ? 'haystack' : 'straight',
        opacity: 0.75,
      },
    },
    { selector: 'edge[illustrative = 1]', style: { opacity: 0.35 } },
    { selector: 'edge[trust = 1]', style: { 'target-arrow-shape': large ? 'none' : 'diamond' } },
    {
      selector: 'edge[crossBorder = 1]',
      style: {
        'line-color': EDGE_STYLE.crossBorder,
        'target-arrow-color': EDGE_STYLE.crossBorder,
        'line-style': 'dashed',
        'line-dash-pattern': [5, 3],
        'curve-style': 'straight',
      },
    },
    ...(geographic ? [{ selector: 'edge', style: { opacity: 0.12, width: 0.6, 'target-arrow-shape': 'none' as const } }] : []),
    // Playback: unaffected elements recede; affected nodes take their state's colour.
    { selector: 'node[cascade = "none"]', style: { opacity: 0.22 } },
    { selector: 'edge[cascade = "none"]', style: { opacity: 0.06 } },
    { selector: 'edge[cascade = "hit"]', style: { opacity: geographic ? 0.5 : 0.9 } },
    {
      selector: 'node[cascade = "origin"]',
      style: { 'background-color': CASCADE_STYLE.origin.colour, 'border-color': OKABE_ITO.yellow, 'border-width': 4, 'border-style': 'solid', 'background-opacity': 1, 'z-index': 30 },
    },
    {
      selector: 'node[cascade = "failed"]',
      style: { 'background-color': CASCADE_STYLE.failed.colour, 'border-color': '#000000', 'border-width': 1.5, 'border-style': 'solid', 'background-opacity': 1, 'z-index': 20 },
    },
    {
      selector: 'node[cascade = "degraded"]',
      style: { 'background-color': CASCADE_STYLE.degraded.colour, 'border-color': '#000000', 'border-width': 1.5, 'border-style': 'dashed', 'background-opacity': 1, 'z-index': 20 },
    },
    {
      selector: 'node[cascade = "compromised"]',
      style: {
        'background-color': `mapData(probability, 0, 1, ${CASCADE_STYLE.compromised.low}, ${CASCADE_STYLE.compromised.high})`,
        'border-color': '#000000',
        'border-width': 1.5,
        'border-style': 'solid',
        'background-opacity': 1,
        'z-index': 20,
      },
    },
    // An explanation path, drawn over everything.
    { selector: 'node[path = 1]', style: { label: 'data(label)', 'border-color': EDGE_STYLE.path, 'border-width': 5, opacity: 1, 'z-index': 40, 'min-zoomed-font-size': 0, 'font-weight': 'bold' } },
    {
      selector: 'edge[path = 1]',
      style: { width: 4, 'line-color': EDGE_STYLE.path, 'target-arrow-color': EDGE_STYLE.path, 'target-arrow-shape': 'triangle', 'line-style': 'solid', 'curve-style': 'straight', opacity: 1, 'z-index': 40 },
    },
    {
      selector: 'node:selected',
      style: {
        label: 'data(label)',
        'border-color': SELECTION_COLOUR,
        'border-width': 6,
        'border-style': 'double',
        'overlay-color': SELECTION_COLOUR,
        'overlay-opacity': 0.12,
        'overlay-padding': 5,
        'min-zoomed-font-size': 0,
        'font-weight': 'bold',
        opacity: 1,
        'z-index': 50,
      },
    },
  ];
}
