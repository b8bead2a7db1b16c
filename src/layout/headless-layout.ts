/**
 * The graph view's layout without a browser: a headless Cytoscape instance
 * (no renderer, no DOM) runs the fcose draft of ./fcose-options, then
 * ./force-refine spreads it — the same recipe the web adapter runs, so a
 * position computed here looks as if the browser had laid the graph out.
 * The server runs it in ./layout-worker for the whole model, once per snapshot.
 *
 * fcose draws its starting positions and samples from Math.random; callers
 * that want a reproducible layout seed it (the worker does, in its own thread).
 * Cost: O(s·(n + m)) for the draft (s = 25 samples) plus O(iterations·(n + m))
 * for the refinement; about 1 s for the seed graph's 738 nodes and 4,899 edges.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { FCOSE_DRAFT_OPTIONS, refineIterations } from './fcose-options';
import { refineLayout } from './force-refine';

cytoscape.use(fcose);

export interface LayoutInput {
  /** Node ids; positions come back in this order. */
  ids: readonly string[];
  /** Edges as index pairs into `ids`: [source0, target0, source1, target1, …]. */
  edges: Int32Array;
}

export interface LayoutPositions {
  x: Float64Array;
  y: Float64Array;
}

/** Node size the draft assumes (the browser's mid-size node; fcose separates nodes by their boxes). */
const NODE_SIZE = 24;

export function headlessLayout(input: LayoutInput): LayoutPositions {
  const n = input.ids.length;
  if (input.edges.length % 2 !== 0) throw new RangeError('edges must hold index pairs');
  for (const v of input.edges) if (v < 0 || v >= n) throw new RangeError(`edge end ${v} is not a node index (0..${n - 1})`);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n === 0) return { x, y };
  const elements: cytoscape.ElementDefinition[] = input.ids.map((id) => ({ group: 'nodes', data: { id } }));
  for (let e = 0; e < input.edges.length; e += 2) {
    elements.push({ group: 'edges', data: { id: `e${e / 2}`, source: input.ids[input.edges[e]!]!, target: input.ids[input.edges[e + 1]!]! } });
  }
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: NODE_SIZE, height: NODE_SIZE } }],
    elements,
  });
  try {
    if (n > 1) cy.layout({ ...FCOSE_DRAFT_OPTIONS }).run();
    const index = new Map(input.ids.map((id, i) => [id, i]));
    cy.nodes().forEach((node) => {
      const i = index.get(node.id())!;
      const p = node.position();
      x[i] = p.x;
      y[i] = p.y;
    });
  } finally {
    cy.destroy();
  }
  refineLayout({ x, y, edges: input.edges }, { iterations: refineIterations(n) });
  return { x, y };
}
