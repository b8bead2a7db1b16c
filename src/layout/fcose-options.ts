/**
 * The graph view's layout recipe, shared by its two hosts (the browser's
 * Cytoscape adapter, for the views it lays out itself, and the server's
 * headless run for the whole model, ./headless-layout): fcose's spectral
 * stage only ("draft": the global shape, in about a second for thousands of
 * nodes), then the bounded force refinement of ./force-refine, which spreads
 * the dense parts the draft leaves. fcose's own refinement runs at least five
 * iterations per node and took 10–16 s on the seed graph
 * (docs/decisions/0005-web-layout-and-renderer.md). No imports: the hosts
 * register fcose themselves.
 */

/** Above this many nodes the graph counts as large: cheaper edges, labels only when zoomed in, shorter refinement. */
export const LARGE_GRAPH_NODES = 1500;

/** fcose options for the draft stage (positions only: no animation, no fit). */
export const FCOSE_DRAFT_OPTIONS = {
  name: 'fcose',
  quality: 'draft',
  randomize: true,
  animate: false,
  fit: false,
  nodeDimensionsIncludeLabels: false,
  packComponents: false,
  samplingType: true,
  sampleSize: 25,
  nodeSeparation: 75,
  piTol: 0.0000001,
  tile: true,
  tilingPaddingVertical: 12,
  tilingPaddingHorizontal: 12,
} as const;

/** Refinement iterations for a graph of `n` nodes: fewer as graphs grow, so the cost stays bounded. */
export function refineIterations(n: number): number {
  return n <= LARGE_GRAPH_NODES ? 250 : n <= 2 * LARGE_GRAPH_NODES ? 120 : 60;
}
