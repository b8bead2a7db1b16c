/**
 * Force-directed refinement of a starting layout in a fixed number of
 * iterations: springs along the edges (d²/k, damped at hubs), repulsion from
 * the nodes of the surrounding grid cells (k²/d; node by node nearby, a
 * crowded or farther cell as its node count at its centroid: a one-level
 * Barnes–Hut approximation), a weak pull
 * to the centroid, and a temperature that caps each move and cools linearly.
 * [Reference]: T. M. J. Fruchterman & E. M. Reingold, "Graph drawing by
 * force-directed placement", Software: Practice and Experience 21(11), 1991;
 * J. Barnes & P. Hut, "A hierarchical O(N log N) force-calculation
 * algorithm", Nature 324, 1986. Complexity: O(iterations × (n + m)).
 * fcose's spectral draft gives the global shape; this spreads the dense parts
 * it leaves, at a cost bounded by `iterations`.
 */

export interface RefineGraph {
  /** Node positions, changed in place. */
  x: Float64Array;
  y: Float64Array;
  /** Edges as index pairs: [source0, target0, source1, target1, …]. */
  edges: Int32Array;
}

export interface RefineOptions {
  iterations: number;
  /** The desired edge length k. */
  idealLength: number;
  /** Pull towards the centroid, per unit of distance (keeps small components near the rest). */
  gravity: number;
}

/** A cell with more nodes than this repels as one body at its centroid. */
const CROWDED = 16;

export const REFINE_DEFAULTS: RefineOptions = { iterations: 250, idealLength: 60, gravity: 0.03 };

function checkInput(g: RefineGraph): void {
  const n = g.x.length;
  if (g.y.length !== n) throw new RangeError('x and y must have one entry per node');
  if (g.edges.length % 2 !== 0) throw new RangeError('edges must hold index pairs');
  for (const v of g.edges) if (v < 0 || v >= n) throw new RangeError(`edge end ${v} is not a node index (0..${n - 1})`);
}

/** Scales the layout so that its median edge is `k` long (spectral drafts come at an arbitrary scale). */
function rescale(g: RefineGraph, k: number): void {
  const lengths: number[] = [];
  for (let e = 0; e < g.edges.length; e += 2) {
    const a = g.edges[e]!;
    const b = g.edges[e + 1]!;
    if (a !== b) lengths.push(Math.hypot(g.x[a]! - g.x[b]!, g.y[a]! - g.y[b]!));
  }
  if (lengths.length === 0) return;
  lengths.sort((p, q) => p - q);
  const median = lengths[Math.floor(lengths.length / 2)]!;
  const s = median > 1e-9 ? k / median : 1;
  for (let i = 0; i < g.x.length; i++) {
    g.x[i] = g.x[i]! * s;
    g.y[i] = g.y[i]! * s;
  }
}

export function refineLayout(g: RefineGraph, options: Partial<RefineOptions> = {}): void {
  checkInput(g);
  const { iterations, idealLength: k, gravity } = { ...REFINE_DEFAULTS, ...options };
  const n = g.x.length;
  if (n < 2 || iterations <= 0) return;
  rescale(g, k);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const degree = new Float64Array(n);
  for (const v of g.edges) degree[v]!++;
  // Per grid cell (side k): its nodes and their coordinate sums.
  const cells = new Map<number, { members: number[]; sx: number; sy: number }>();
  const key = (cx: number, cy: number) => cx * 100_003 + cy;

  const push = (i: number, ex: number, ey: number, weight: number) => {
    let d = Math.hypot(ex, ey);
    if (d < 0.5) {
      // Coincident: push in a direction fixed by the index, so that the result is deterministic.
      ex = Math.cos(i * 2.399963);
      ey = Math.sin(i * 2.399963);
      d = 0.5;
    }
    const f = (weight * k * k) / d;
    dx[i]! += (ex / d) * f;
    dy[i]! += (ey / d) * f;
  };

  for (let it = 0; it < iterations; it++) {
    const temperature = k * (1 - it / iterations) + 0.5;
    // The grid shifts every iteration (a low-discrepancy sequence), so cell borders leave no pattern.
    const shiftX = ((it * 0.618034) % 1) * k;
    const shiftY = ((it * 0.754878) % 1) * k;
    dx.fill(0);
    dy.fill(0);
    cells.clear();
    for (let i = 0; i < n; i++) {
      const c = key(Math.floor((g.x[i]! + shiftX) / k), Math.floor((g.y[i]! + shiftY) / k));
      const cell = cells.get(c);
      if (cell) {
        cell.members.push(i);
        cell.sx += g.x[i]!;
        cell.sy += g.y[i]!;
      } else cells.set(c, { members: [i], sx: g.x[i]!, sy: g.y[i]! });
    }
    // Repulsion: node by node from sparse cells next to the node's own; from crowded or
    // farther cells (up to two away), the cell's nodes taken together at their centroid.
    for (let i = 0; i < n; i++) {
      const xi = g.x[i]!;
      const yi = g.y[i]!;
      const gx = Math.floor((xi + shiftX) / k);
      const gy = Math.floor((yi + shiftY) / k);
      for (let ox = -2; ox <= 2; ox++) {
        for (let oy = -2; oy <= 2; oy++) {
          const cell = cells.get(key(gx + ox, gy + oy));
          if (!cell) continue;
          const near = Math.abs(ox) <= 1 && Math.abs(oy) <= 1;
          if (near && cell.members.length <= CROWDED) {
            for (const j of cell.members) if (j !== i) push(i, xi - g.x[j]!, yi - g.y[j]!, 1);
            continue;
          }
          const own = ox === 0 && oy === 0;
          const count = cell.members.length - (own ? 1 : 0);
          if (count <= 0) continue;
          push(i, xi - (cell.sx - (own ? xi : 0)) / count, yi - (cell.sy - (own ? yi : 0)) / count, count);
        }
      }
    }
    // Springs (d²/k), shared out by degree so that hubs do not collapse their neighbourhoods.
    for (let e = 0; e < g.edges.length; e += 2) {
      const a = g.edges[e]!;
      const b = g.edges[e + 1]!;
      if (a === b) continue;
      const ex = g.x[a]! - g.x[b]!;
      const ey = g.y[a]! - g.y[b]!;
      const d = Math.hypot(ex, ey);
      if (d < 1e-6) continue;
      const f = (d * d) / k / Math.sqrt(Math.max(1, Math.min(degree[a]!, degree[b]!)));
      const fx = (ex / d) * f;
      const fy = (ey / d) * f;
      dx[a]! -= fx;
      dy[a]! -= fy;
      dx[b]! += fx;
      dy[b]! += fy;
    }
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < n; i++) {
      cx += g.x[i]!;
      cy += g.y[i]!;
    }
    cx /= n;
    cy /= n;
    for (let i = 0; i < n; i++) {
      dx[i]! -= (g.x[i]! - cx) * gravity;
      dy[i]! -= (g.y[i]! - cy) * gravity;
      const d = Math.hypot(dx[i]!, dy[i]!);
      if (d < 1e-9) continue;
      const step = Math.min(d, temperature);
      g.x[i]! += (dx[i]! / d) * step;
      g.y[i]! += (dy[i]! / d) * step;
    }
  }
}
