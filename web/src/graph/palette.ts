/**
 * Colours and shapes of the graph, from the vocabulary: one entry per node
 * kind, cascade state and edge class. Colours are the Okabe–Ito palette
 * (M. Okabe & K. Ito, "Color Universal Design", 2008), safe for the common
 * colour-vision deficiencies; shape repeats what colour says. The stylesheet
 * and the legend both read this module, so they cannot disagree.
 */
import { DEPENDENCY_KINDS } from '../../../graph-schema/vocabulary';
import type { DependencyKind } from '../../../graph-schema/vocabulary';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Cytoscape node shapes the legend can also draw. */
export type NodeShape = 'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon';

export interface KindStyle {
  label: string;
  colour: string;
  shape: NodeShape;
}

export const KIND_STYLE: Record<DependencyKind, KindStyle> = {
  Provider: { label: 'Provider', colour: OKABE_ITO.blue, shape: 'hexagon' },
  Facility: { label: 'Facility', colour: OKABE_ITO.bluishGreen, shape: 'round-rectangle' },
  Service: { label: 'Service', colour: OKABE_ITO.reddishPurple, shape: 'diamond' },
  CriticalFunction: { label: 'Critical function', colour: OKABE_ITO.orange, shape: 'ellipse' },
};

/** Every kind on DEPENDS_ON has a style (checked when this module loads). */
for (const kind of DEPENDENCY_KINDS) if (!KIND_STYLE[kind]) throw new Error(`no style for node kind ${kind}`);

export const CASCADE_STYLE = {
  origin: { label: 'Origin', colour: OKABE_ITO.black },
  failed: { label: 'Failed', colour: OKABE_ITO.vermillion },
  degraded: { label: 'Degraded', colour: OKABE_ITO.yellow },
  /** Compromised nodes are shaded from `low` (probability 0) to `high` (1). */
  compromised: { label: 'Compromised (darker: likelier)', low: '#F6DDEB', high: '#7A1F57' },
} as const;

export const EDGE_STYLE = {
  default: '#A7B0BA',
  crossBorder: OKABE_ITO.blue,
  path: OKABE_ITO.black,
} as const;

export const SELECTION_COLOUR = OKABE_ITO.skyBlue;
export const COUNTRY_FILL = '#F3F5F7';
export const COUNTRY_BORDER = '#8C96A0';
