/**
 * The Cytoscape adapter: the only module that talks to Cytoscape. It owns one
 * instance, applies element definitions as diffs keyed by id inside
 * `cy.batch`, runs layouts (fcose for the graph view, a geographic preset for
 * the country view), keeps the selection, exports PNG and SVG, and is
 * destroyed on teardown. Views never see Cytoscape, only this class.
 */
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, LayoutOptions, NodeSingular, SingularElementArgument } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';
import type { GraphModel } from '../model/graph-model';
import { FCOSE_DRAFT_OPTIONS, LARGE_GRAPH_NODES, refineIterations } from '../../../src/layout/fcose-options';
import { refineLayout } from '../../../src/layout/force-refine';
import { countryPositions } from './country-layout';
import type { Point } from './country-layout';
import type { ViewMode } from './elements';
import type { Viewport } from './geo-backdrop';
import type { RendererKind } from './renderer-support';
import { stylesheet } from './style';

cytoscape.use(fcose);
cytoscape.use(svg);

export interface AdapterOptions {
  container: HTMLElement;
  renderer: RendererKind;
  /** Expected node count, to pick rendering shortcuts for large graphs. */
  nodeCount: number;
  /** Layout positions by cache key; shared across instances so a renderer switch needs no new layout. */
  layoutCache: Map<string, Map<string, Point>>;
  onTap(id: string | null): void;
  onDoubleTap(id: string): void;
  onViewport(viewport: Viewport): void;
}

export interface SyncResult {
  addedNodes: number;
  removedNodes: number;
}

const DATA_KEYS_FIXED = new Set(['id', 'source', 'target', 'parent']);
const LAYOUT_CACHE_SIZE = 8;

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a === undefined && b === '') || (a === '' && b === undefined);
}

export class GraphAdapter {
  readonly renderer: RendererKind;
  readonly large: boolean;
  /** Milliseconds the last layout took (fcose or preset). */
  layoutMs = 0;
  /** What placed the nodes last: cached positions (the server's whole-model layout included), fcose + refinement, or the map. */
  layoutKind: 'cached' | 'fcose' | 'geographic' | 'none' = 'none';
  private readonly cy: Core;
  private destroyed = false;
  private view: ViewMode = 'graph';

  constructor(private readonly options: AdapterOptions) {
    this.renderer = options.renderer;
    this.large = options.nodeCount > LARGE_GRAPH_NODES;
    this.cy = cytoscape({
      container: options.container,
      style: stylesheet({ large: this.large, geographic: false, webgl: options.renderer === 'webgl' }),
      elements: [],
      minZoom: 0.01,
      maxZoom: 8,
      boxSelectionEnabled: false,
      selectionType: 'single',
      textureOnViewport: this.large,
      hideEdgesOnViewport: this.large,
      hideLabelsOnViewport: this.large,
      pixelRatio: this.large ? 1 : 'auto',
      webgl: options.renderer === 'webgl',
    });
    this.cy.on('tap', 'node', (event) => options.onTap((event.target as NodeSingular).id()));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) options.onTap(null);
    });
    this.cy.on('dbltap', 'node', (event) => options.onDoubleTap((event.target as NodeSingular).id()));
    this.cy.on('viewport resize', () => options.onViewport(this.viewport()));
  }

  /** Applies `defs` as a diff: removes what is gone, adds what is new, updates changed data, moves re-parented nodes. */
  sync(defs: readonly ElementDefinition[]): SyncResult {
    const cy = this.cy;
    const wanted = new Map<string, ElementDefinition>();
    for (const d of defs) wanted.set(String(d.data.id), d);
    let addedNodes = 0;
    let removedNodes = 0;
    cy.batch(() => {
      // Re-parented nodes (country view on or off) are removed and added again with their new
      // parent: one remove and one add for all, where node.move() would cost one of each per node.
      // Then new nodes in one add (parents first), removals, new edges in one add, changed data.
      const place = this.placer();
      // One pass over the instance: getElementById builds a collection per call, too slow for 20,000 elements.
      const existing = new Map<string, SingularElementArgument>();
      cy.elements().forEach((el) => void existing.set(el.id(), el));
      const kept = new Map<string, Point>();
      const reparented = cy.nodes().filter((n) => {
        const d = wanted.get(n.id());
        if (!d || d.group !== 'nodes') return false;
        const want = (d.data.parent as string | undefined) ?? null;
        const have = (n.data('parent') as string | undefined) ?? null;
        if (want === have) return false;
        kept.set(n.id(), { ...n.position() });
        existing.delete(n.id());
        return true;
      });
      cy.remove(reparented);
      const newNodes = defs.filter((d) => d.group === 'nodes' && !existing.has(String(d.data.id)));
      newNodes.sort((a, b) => Number(a.data.parent !== undefined) - Number(b.data.parent !== undefined));
      cy.add(
        newNodes.map((d) => {
          const id = String(d.data.id);
          const parent = d.data.parent as string | undefined;
          return { ...d, data: { ...d.data, parent: parent && wanted.has(parent) ? parent : undefined }, position: d.position ?? kept.get(id) ?? place(id) };
        }),
      );
      addedNodes = newNodes.length - kept.size;
      // Wanted children have left compounds that go, so none goes with its compound.
      const gone = cy.elements().filter((el) => !wanted.has(el.id()));
      removedNodes = gone.nodes().length;
      cy.remove(gone);
      const newEdges: ElementDefinition[] = [];
      existing.clear();
      cy.elements().forEach((el) => void existing.set(el.id(), el));
      for (const d of defs) {
        const el = existing.get(String(d.data.id));
        if (!el) {
          if (d.group === 'edges') newEdges.push(d);
          continue;
        }
        const current = el.data() as Record<string, unknown>;
        const changes: Record<string, unknown> = {};
        let changed = false;
        for (const [key, value] of Object.entries(d.data)) {
          if (DATA_KEYS_FIXED.has(key) || sameValue(current[key], value)) continue;
          changes[key] = value;
          changed = true;
        }
        if (changed) el.data(changes);
      }
      cy.add(newEdges);
    });
    return { addedNodes, removedNodes };
  }

  /** Start positions for new nodes: where a cached layout had them, else somewhere in the current extent. */
  private placer(): (id: string) => Point {
    const nodes = this.cy.nodes();
    const extent = nodes.empty() ? { x1: -400, y1: -300, w: 800, h: 600 } : nodes.boundingBox({});
    const caches = [...this.options.layoutCache.values()];
    return (id) => {
      for (const cached of caches) {
        const p = cached.get(id);
        if (p) return { ...p };
      }
      return { x: extent.x1 + Math.random() * Math.max(1, extent.w), y: extent.y1 + Math.random() * Math.max(1, extent.h) };
    };
  }

  /**
   * Lays out the current elements. Graph view: the positions cached under
   * `cacheKey` when they cover every node (the server's whole-model layout is
   * put there by the app), else the recipe of src/layout/fcose-options.ts:
   * fcose's spectral draft, then a bounded force-directed refinement.
   * Country view: the geographic preset.
   */
  async layout(view: ViewMode, options: { model: GraphModel; cacheKey: string | null }): Promise<number> {
    const started = performance.now();
    if (view !== this.view) {
      this.view = view;
      this.cy.style(stylesheet({ large: this.large, geographic: view === 'country', webgl: this.renderer === 'webgl' }));
    }
    const nodes = this.cy.nodes().filter((n) => !n.isParent());
    const cached = options.cacheKey !== null ? this.options.layoutCache.get(`${view}:${options.cacheKey}`) : undefined;
    if (cached && nodes.every((n) => cached.has((n as NodeSingular).id()))) {
      await this.run(this.presetOptions(cached));
      this.layoutKind = 'cached';
    } else if (view === 'country') {
      await this.run(this.presetOptions(countryPositions(options.model, nodes.map((n) => n.id()))));
      this.layoutKind = 'geographic';
    } else if (nodes.length > 0) {
      await this.run(this.fcoseOptions());
      this.refine();
      this.layoutKind = 'fcose';
    }
    if (this.destroyed) return 0;
    this.layoutMs = performance.now() - started;
    if (options.cacheKey !== null) this.remember(`${view}:${options.cacheKey}`);
    this.fit();
    return this.layoutMs;
  }

  /** Whether positions are cached under `cacheKey` for every one of `ids` in `view` (so laying them out costs nothing). */
  hasCachedLayout(view: ViewMode, cacheKey: string, ids: Iterable<string>): boolean {
    const cached = this.options.layoutCache.get(`${view}:${cacheKey}`);
    if (!cached) return false;
    for (const id of ids) if (!cached.has(id)) return false;
    return true;
  }

  private run(layoutOptions: LayoutOptions): Promise<void> {
    return new Promise((resolve) => {
      const layout = this.cy.layout(layoutOptions);
      layout.one('layoutstop', () => resolve());
      layout.run();
    });
  }

  private refine(): void {
    const nodes = this.cy.nodes().filter((n) => !n.isParent());
    const index = new Map<string, number>();
    const n = nodes.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    nodes.forEach((node, i) => {
      index.set(node.id(), i);
      const p = node.position();
      x[i] = p.x;
      y[i] = p.y;
    });
    const pairs: number[] = [];
    this.cy.edges().forEach((e) => {
      const a = index.get(e.source().id());
      const b = index.get(e.target().id());
      if (a !== undefined && b !== undefined) pairs.push(a, b);
    });
    refineLayout({ x, y, edges: Int32Array.from(pairs) }, { iterations: refineIterations(n) });
    this.cy.batch(() => nodes.forEach((node, i) => void node.position({ x: x[i]!, y: y[i]! })));
  }

  private presetOptions(positions: Map<string, Point>): LayoutOptions {
    return {
      name: 'preset',
      positions: (node: NodeSingular) => positions.get(node.id()) ?? node.position(),
      fit: false,
      animate: false,
    } as LayoutOptions;
  }

  /** fcose's spectral stage only ("draft"), as src/layout/fcose-options.ts defines it for every host. */
  private fcoseOptions(): LayoutOptions {
    return { ...FCOSE_DRAFT_OPTIONS };
  }

  private remember(key: string): void {
    const cache = this.options.layoutCache;
    const positions = new Map<string, Point>();
    this.cy.nodes().forEach((n) => {
      if (!n.isParent()) positions.set(n.id(), { ...n.position() });
    });
    cache.delete(key);
    cache.set(key, positions);
    while (cache.size > LAYOUT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }

  /** Selects one element (or none); with `centre`, pans to it and zooms in enough to read it. */
  select(id: string | null, centre = false): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements(':selected').unselect();
      if (id !== null) cy.getElementById(id).select();
    });
    if (centre && id !== null) this.centreOn(id);
  }

  centreOn(id: string): void {
    const el = this.cy.getElementById(id);
    if (el.empty()) return;
    if (this.cy.zoom() < 1) this.cy.zoom(1);
    this.cy.center(el);
  }

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  /** Ids of the model nodes drawn (country compounds excluded). */
  visibleNodeIds(): string[] {
    return this.cy
      .nodes()
      .filter((n) => n.data('kind') !== 'Country')
      .map((n) => n.id());
  }

  nodeCount(): number {
    return this.cy.nodes().filter((n) => n.data('kind') !== 'Country').length;
  }

  panBy(dx: number, dy: number): void {
    this.cy.panBy({ x: dx, y: dy });
  }

  /**
   * Fits the graph in view; the country view fits the NATO members (far-off
   * non-members stay a pan away). The graph view fits the node boxes from
   * their positions and sizes: cy.fit() would measure every label for the
   * bounding box first, which cost about half a second on the seed graph.
   */
  fit(): void {
    const padding = 30;
    if (this.view === 'country') {
      const members = this.cy.nodes('[kind = "Country"][nato = 1]');
      this.cy.fit(members.nonempty() ? members : undefined, padding);
      return;
    }
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    this.cy.nodes().forEach((n) => {
      const p = n.position();
      const r = Number(n.data('size') ?? 20) / 2;
      x1 = Math.min(x1, p.x - r);
      y1 = Math.min(y1, p.y - r);
      x2 = Math.max(x2, p.x + r);
      y2 = Math.max(y2, p.y + r);
    });
    const width = this.cy.width();
    const height = this.cy.height();
    if (!Number.isFinite(x1) || width <= 2 * padding || height <= 2 * padding) return;
    const zoom = Math.min(this.cy.maxZoom(), Math.max(this.cy.minZoom(), Math.min((width - 2 * padding) / Math.max(1, x2 - x1), (height - 2 * padding) / Math.max(1, y2 - y1))));
    this.cy.viewport({ zoom, pan: { x: width / 2 - zoom * ((x1 + x2) / 2), y: height / 2 - zoom * ((y1 + y2) / 2) } });
  }

  viewport(): Viewport {
    return { pan: { ...this.cy.pan() }, zoom: this.cy.zoom() };
  }

  /** The whole graph as a PNG (white background, at most 4,096 px a side). */
  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2, maxWidth: 4096, maxHeight: 4096 });
  }

  /** The whole graph as an SVG document (cytoscape-svg). */
  svg(): string {
    return (this.cy as unknown as { svg(options: { full: boolean; bg: string; scale: number }): string }).svg({ full: true, bg: '#ffffff', scale: 1 });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cy.destroy();
  }
}
