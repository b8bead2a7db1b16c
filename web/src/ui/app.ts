/**
 * The application: holds the view state (model, filters, view, selection,
 * result, playback), wires the toolbar and panels to the API and to the graph
 * adapter, and exposes `window.__linchpin` for tests and debugging. Views
 * report intentions; only this module decides what to load and redraw.
 */
import { DEPENDENCY_KINDS } from '../../../graph-schema/vocabulary';
import { ApiError } from '../api/client';
import type { BlastRadiusInput, CentralityMetric, SizeByCentralityQuery } from '../api/generated';
import { loadGraph } from '../api/load-graph';
import type { LoadedGraph, ServerLayout } from '../api/load-graph';
import { operations } from '../api/operations';
import { GraphAdapter } from '../graph/adapter';
import { countryProjection } from '../graph/country-layout';
import type { Point } from '../graph/country-layout';
import { toElements } from '../graph/elements';
import type { ViewMode } from '../graph/elements';
import { GeoBackdrop } from '../graph/geo-backdrop';
import { webgl2Available } from '../graph/renderer-support';
import type { RendererKind } from '../graph/renderer-support';
import { NO_FILTERS, isFiltered, visibleElements } from '../model/filters';
import type { Expansion, Filters, VisibleSet } from '../model/filters';
import { edgeFromApi, nodeFromApi } from '../model/from-api';
import { generateGraph } from '../model/generated-graph';
import { adjacencyOf, emptyModel } from '../model/graph-model';
import type { Adjacency, GraphModel } from '../model/graph-model';
import { marksAt, wavesOf } from '../model/playback';
import { detailsFromApi, detailsFromModel, functionsFromApi } from './details-data';
import { DetailsPanel } from './details-panel';
import { download, formatNumber, h } from './dom';
import { graphCsv, graphJson, resultCsv, resultJson } from './exports';
import { legend } from './legend';
import { Playback } from './playback';
import { RankingsPanel } from './rankings-panel';
import { ScenariosPanel } from './scenarios-panel';
import { StatusLine } from './status';
import { SummaryPanel } from './summary-panel';
import type { AffectedNode, BlastResult } from './summary-panel';
import { Toolbar } from './toolbar';
import type { ExportKind, SearchHit, SizeMetric } from './toolbar';
import { WhatIfPanel } from './whatif-panel';
import type { WhatIfRequest } from './whatif-panel';

/** The test and debugging hook, `window.__linchpin`. */
export interface LinchpinHook {
  ready: boolean;
  adapter: {
    renderer(): RendererKind;
    nodeCount(): number;
    visibleNodeIds(): string[];
    selectedId(): string | null;
    select(id: string): void;
    coloredWaves(): string[][];
    readonly layoutMs: number;
    readonly layoutKind: string;
    panBy(dx: number, dy: number): void;
  };
  lastResult: unknown;
  playbackDone: boolean;
  /** The server layout the model came with (null for a generated graph). */
  serverLayout: { status: string; snapshotVersion: number | null; positions: number } | null;
  /** The write version of the model shown, and the server's as last polled. */
  modelVersion(): number | null;
  serverVersion: number | null;
  /** Polls the server's version now (the app does every VERSION_POLL_MS). */
  checkVersion(): Promise<void>;
  /** Start-up milestones in milliseconds since navigation start (performance.now()). */
  timings: Record<string, number>;
}


export interface AppConfig {
  root: HTMLElement;
  /**
   * The graph query, started by the entry point before this
   * module (and Cytoscape with it) was even loaded, so that the network and
   * the server work while the browser compiles the app.
   */
  preload?: { graph: Promise<LoadedGraph> } | null;
  /** Start-up milestones the entry point recorded; the app adds its own (hook `timings`). */
  timings?: Record<string, number>;
  /** Build an N-node synthetic graph instead of loading from the API. */
  generated: number | null;
  seed: number;
  renderer: RendererKind;
}

const CENTRALITY_FOR_SIZE: Record<Exclude<SizeMetric, 'linchpin'>, CentralityMetric> = {
  degree: 'DEGREE',
  betweenness: 'BETWEENNESS',
  pagerank: 'PAGERANK',
};
const LINCHPIN_POLL_MS = 2000;
/** How often the app asks whether another client has changed the model. */
const VERSION_POLL_MS = 10_000;
const NO_EXPANSION: Expansion = { nodes: new Set(), edges: new Set() };
const LINCHPIN_POLL_LIMIT = 300;
const API_ONLY = 'Needs the API: this is a generated graph (?generated=N).';

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Metric values by node id from a SizeByCentrality answer. */
function centralityValues(data: SizeByCentralityQuery): Map<string, number> {
  return new Map(data.centrality.rows.map((r) => [r.node.id, r.value]));
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

interface ShownResult {
  data: BlastResult;
  title: string;
  input: BlastRadiusInput | null;
}

export class App {
  readonly hook: LinchpinHook;
  private model: GraphModel = emptyModel('api');
  private adjacency: Adjacency = { suppliers: new Map(), dependents: new Map() };
  private filters: Filters = { ...NO_FILTERS };
  private expansion: Expansion = { nodes: new Set(), edges: new Set() };
  private visible: VisibleSet = { nodes: new Set(), edges: new Set() };
  private view: ViewMode = 'graph';
  private sizeMetric: SizeMetric = 'degree';
  private readonly metricValues = new Map<SizeMetric, Map<string, number>>();
  private selected: string | null = null;
  private result: ShownResult | null = null;
  private path: { nodes: Set<string>; edges: Set<string> } | null = null;
  private adapter: GraphAdapter | null = null;
  private renderer: RendererKind;
  private readonly layoutCache = new Map<string, Map<string, Point>>();
  private work: Promise<void> = Promise.resolve();
  private pendingLayouts = 0;
  private loaded = false;
  private detailsToken = 0;
  private centreAfterLayout = false;
  private linchpinPolls = 0;
  private linchpinTimer: number | undefined;
  private versionTimer: number | undefined;
  private offeredVersion: number | null = null;
  private reloading = false;

  private readonly status = new StatusLine();
  private readonly toolbar: Toolbar;
  private readonly details: DetailsPanel;
  private readonly whatIf: WhatIfPanel;
  private readonly summary: SummaryPanel;
  private readonly scenarios: ScenariosPanel;
  private readonly rankings: RankingsPanel;
  private readonly playback: Playback;
  private readonly graphEl: HTMLElement;
  private readonly backdrop: GeoBackdrop;

  constructor(private readonly config: AppConfig) {
    this.renderer = config.renderer;
    this.playback = new Playback((position, playing) => this.onPlayback(position, playing));
    this.hook = this.createHook();
    (window as unknown as { __linchpin?: LinchpinHook }).__linchpin = this.hook;

    this.toolbar = new Toolbar({
      onView: (view) => void this.setView(view),
      onFilters: (filters) => this.setFilters(filters),
      onSizeMetric: (metric) => void this.setSizeMetric(metric),
      onRenderer: (renderer) => void this.setRenderer(renderer),
      search: (text) => this.search(text),
      onPick: (hit) => this.select(hit.id, true),
      onExport: (kind) => this.exportAs(kind),
    });
    this.details = new DetailsPanel({ onSelect: (id) => this.select(id, true), onAddToWhatIf: (id) => this.addOrigin(id) });
    this.whatIf = new WhatIfPanel({
      onAddSelected: () => {
        if (this.selected) this.addOrigin(this.selected);
      },
      onRun: (request) => void this.runWhatIf(request),
      onPlay: () => this.playback.play(),
      onPause: () => this.playback.pause(),
      onStep: () => this.playback.step(),
      onSeek: (position) => this.playback.seek(position),
    });
    this.summary = new SummaryPanel({ onExplain: (affected) => void this.showPath(affected), onSelect: (id) => this.select(id, true) });
    this.scenarios = new ScenariosPanel({
      onOpen: (id) => void this.openScenario(id),
      onSave: (name, author) => void this.saveScenario(name, author),
      onCompare: (a, b) => void this.compare(a, b),
      onSelect: (id) => this.select(id, true),
    });
    this.rankings = new RankingsPanel({
      onSelect: (id) => this.select(id, true),
      onRetryLinchpins: () => {
        this.linchpinPolls = 0;
        void this.loadLinchpins();
      },
      onCentralityMetric: (metric) => void this.loadCentrality(metric),
      onConcentrationScope: (country) => void this.loadConcentration(country || null),
    });

    const backdropCanvas = h('canvas', { className: 'backdrop', hidden: true, 'aria-hidden': 'true' });
    this.backdrop = new GeoBackdrop(backdropCanvas);
    this.graphEl = h('div', { testid: 'graph', className: 'graph', role: 'img', 'aria-label': 'Dependency graph' });
    const graphArea = h('div', { className: 'graph-column' }, h('div', { className: 'graph-area' }, backdropCanvas, this.graphEl), legend());
    const nav = h(
      'nav',
      { className: 'panel-nav', 'aria-label': 'Panels' },
      ...(
        [
          ['details', 'Details'],
          ['whatif', 'What-if'],
          ['summary', 'Impact'],
          ['scenarios', 'Scenarios'],
          ['rankings', 'Rankings'],
        ] as const
      ).map(([id, label]) => h('a', { href: `#${id}` }, label)),
    );
    const sidebar = h('aside', { className: 'sidebar' }, nav, this.details.el, this.whatIf.el, this.summary.el, this.scenarios.el, this.rankings.el);
    config.root.replaceChildren(this.toolbar.el, this.status.el, h('main', { className: 'layout' }, graphArea, sidebar));
    this.toolbar.setRenderer(this.renderer);
  }

  /* ------------------------------------------------------------ start-up */

  async start(): Promise<void> {
    this.status.loading();
    let model: GraphModel;
    try {
      if (this.config.generated !== null) {
        model = generateGraph({ nodes: this.config.generated, seed: this.config.seed });
      } else {
        const loaded = await (this.config.preload?.graph ?? loadGraph(operations));
        model = loaded.model;
        this.useServerLayout(loaded.layout);
      }
    } catch (error) {
      this.status.error(`Could not load the graph: ${messageOf(error)}`, false);
      return;
    }
    this.mark('data');
    this.setModel(model);
    // Degree from the loaded model itself: it is the whole graph, so (in + out) per node is the
    // API's degree centrality times n − 1, a factor the size scale divides out.
    this.metricValues.set('degree', this.localDegree());
    try {
      await this.mountAdapter();
    } catch (error) {
      this.status.error(`Could not draw the graph: ${messageOf(error)}`, false);
      return;
    }
    this.loaded = true;
    this.status.clear();
    this.hook.ready = this.pendingLayouts === 0;
    this.mark('ready');
    if (model.source === 'api') {
      this.versionTimer = window.setInterval(() => void this.checkVersion(), VERSION_POLL_MS);
      void this.loadScenarios();
      void this.loadLinchpins();
      void this.loadCentrality('BETWEENNESS');
      void this.loadConcentration(null);
    } else {
      this.whatIf.setAvailable(false, API_ONLY);
      this.scenarios.setUnavailable(API_ONLY);
      this.rankings.setUnavailable(API_ONLY);
      this.status.notice(`Generated graph: ${formatNumber(model.nodes.size)} nodes, ${formatNumber(model.edges.size)} dependencies (seed ${this.config.seed}).`);
    }
  }

  /**
   * Puts the server's whole-model positions where the adapter looks for the
   * unfiltered graph view's layout, so that view is drawn without laying it
   * out; the adapter lays out itself when they do not cover every node drawn.
   */
  private useServerLayout(layout: ServerLayout): void {
    this.hook.serverLayout = { status: layout.status, snapshotVersion: layout.snapshotVersion, positions: layout.positions.size };
    if (layout.positions.size > 0) this.layoutCache.set(`graph:${this.cacheKey(NO_FILTERS, NO_EXPANSION)}`, layout.positions);
  }

  /** Notices writes by other clients: offers to reload when the server's version has moved past the model's. */
  private async checkVersion(): Promise<void> {
    if (this.model.version === null || this.reloading) return;
    let version: number;
    try {
      version = (await operations.graphVersion()).graphStats.version;
    } catch {
      return; // The next poll tries again; a failing action reports the API's state itself.
    }
    this.hook.serverVersion = version;
    if (version === this.model.version || version === this.offeredVersion) return;
    this.offeredVersion = version;
    this.status.offer(`The model has changed since it was loaded (version ${this.model.version} → ${version}).`, 'Reload graph', () => void this.reload());
  }

  /**
   * Loads the model again and redraws it in place: filters, view, selection and
   * any shown result stay; nodes that stayed keep their positions; node sizes
   * are fetched again for the new version.
   */
  private async reload(): Promise<void> {
    if (this.reloading) return;
    this.reloading = true;
    this.status.loading('the changed model');
    try {
      const [loaded, metric] = await Promise.all([
        loadGraph(operations),
        this.sizeMetric === 'degree' ? Promise.resolve(null) : this.fetchMetric(this.sizeMetric).catch(() => null),
      ]);
      this.layoutCache.clear();
      this.metricValues.clear();
      if (metric && metric.size > 0) this.metricValues.set(this.sizeMetric, metric);
      this.setModel(loaded.model);
      this.metricValues.set('degree', this.localDegree());
      this.useServerLayout(loaded.layout);
      this.offeredVersion = null;
      if (this.selected && !this.model.nodes.has(this.selected)) this.select(null, false);
      this.status.clear();
      await this.redraw(false);
    } catch (error) {
      this.status.error(`Could not reload the graph: ${messageOf(error)}`);
    } finally {
      this.reloading = false;
    }
  }

  /** Records a start-up milestone once (the first time it is reached). */
  private mark(name: string): void {
    this.hook.timings[name] ??= Math.round(performance.now());
  }

  private setModel(model: GraphModel): void {
    this.model = model;
    this.adjacency = adjacencyOf(model);
    const countries = [...model.countries.values()];
    this.toolbar.setCountries(countries);
    this.rankings.setCountries(
      countries
        .filter((c) => c.natoMember)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c) => ({ value: c.id, label: c.name })),
    );
    this.backdrop.highlight(countries.filter((c) => c.natoMember).map((c) => c.numeric));
  }

  private createHook(): LinchpinHook {
    const adapter = () => this.adapter;
    return {
      ready: false,
      timings: this.config.timings ?? {},
      serverLayout: null,
      modelVersion: () => this.model.version,
      checkVersion: () => this.checkVersion(),
      serverVersion: null,
      lastResult: null,
      playbackDone: false,
      adapter: {
        renderer: () => adapter()?.renderer ?? this.renderer,
        nodeCount: () => adapter()?.nodeCount() ?? 0,
        visibleNodeIds: () => adapter()?.visibleNodeIds() ?? [],
        selectedId: () => this.selected,
        select: (id: string) => this.select(id, true),
        coloredWaves: () => this.playback.coloredWaves(),
        get layoutMs() {
          return adapter()?.layoutMs ?? 0;
        },
        get layoutKind() {
          return adapter()?.layoutKind ?? 'none';
        },
        panBy: (dx: number, dy: number) => adapter()?.panBy(dx, dy),
      },
    };
  }

  /* ------------------------------------------------------------- drawing */

  /** (Re)creates the Cytoscape instance with the current renderer and draws the graph. */
  private async mountAdapter(): Promise<void> {
    this.adapter?.destroy();
    this.adapter = null;
    const create = (renderer: RendererKind) =>
      new GraphAdapter({
        container: this.graphEl,
        renderer,
        nodeCount: this.model.nodes.size,
        layoutCache: this.layoutCache,
        onTap: (id) => this.select(id, false),
        onDoubleTap: (id) => void this.expand(id),
        onViewport: (viewport) => this.backdrop.draw(viewport),
      });
    try {
      this.adapter = create(this.renderer);
    } catch (error) {
      if (this.renderer === 'canvas') throw error;
      this.status.notice(`The WebGL renderer could not start (${messageOf(error)}); using the canvas renderer.`);
      this.renderer = 'canvas';
      this.toolbar.setRenderer('canvas');
      this.graphEl.replaceChildren();
      this.adapter = create('canvas');
    }
    await this.redraw(true);
  }

  private cacheKey(filters: Filters = this.filters, expansion: Expansion = this.expansion): string {
    return `${JSON.stringify(filters)}|${[...expansion.nodes].sort().join(',')}`;
  }

  /**
   * Redraws the graph from the state; with `layout`, lays it out again (the
   * hook is not ready meanwhile). Redraws run one after another.
   */
  private redraw(layout: boolean): Promise<void> {
    if (layout) {
      this.pendingLayouts++;
      this.hook.ready = false;
    }
    const run = this.work
      .then(() => this.draw(layout))
      .catch((error: unknown) => this.status.error(`Could not draw the graph: ${messageOf(error)}`))
      .finally(() => {
        if (!layout) return;
        this.pendingLayouts--;
        if (this.pendingLayouts === 0 && this.loaded) this.hook.ready = true;
      });
    this.work = run;
    return run;
  }

  private async draw(layout: boolean): Promise<void> {
    const adapter = this.adapter;
    if (!adapter) return;
    this.visible = visibleElements(this.model, this.adjacency, this.filters, this.expansion);
    const defs = toElements({
      model: this.model,
      visible: this.visible,
      view: this.view,
      metric: this.metricValues.get(this.sizeMetric) ?? this.metricValues.get('degree') ?? null,
      cascade: this.result ? marksAt(this.result.data.affected, this.playback.current) : null,
      path: this.path,
    });
    // The first picture in two steps when its positions are known: the nodes (placed, pannable and
    // clickable) in one frame, the dependencies in the next; Cytoscape's first styling and drawing of
    // every element is most of the time to a full picture (docs/decisions/0006).
    if (adapter.nodeCount() === 0 && this.view === 'graph' && adapter.hasCachedLayout(this.view, this.cacheKey(), this.visible.nodes)) {
      adapter.sync(defs.filter((d) => d.group === 'nodes'));
      await adapter.layout(this.view, { model: this.model, cacheKey: this.cacheKey() });
      await nextFrame();
      await nextFrame();
      this.mark('nodes');
    }
    const changed = adapter.sync(defs);
    this.mark('elements');
    if (layout || changed.addedNodes > 0 || changed.removedNodes > 0) {
      await adapter.layout(this.view, { model: this.model, cacheKey: this.cacheKey() });
      this.mark('layout');
      if (this.selected) adapter.select(this.selected, this.centreAfterLayout);
      this.centreAfterLayout = false;
      this.backdrop.draw(adapter.viewport());
      await nextFrame();
      await nextFrame();
      this.mark('frame');
    }
    this.toolbar.setVisibleCount(adapter.nodeCount(), this.model.nodes.size);
  }

  /* ----------------------------------------------------------- toolbar */

  private setFilters(filters: Filters): void {
    this.filters = filters;
    this.expansion = { nodes: new Set(), edges: new Set() };
    void this.redraw(true);
  }

  private async setView(view: ViewMode): Promise<void> {
    if (view === this.view) return;
    this.view = view;
    this.toolbar.setView(view);
    this.hook.ready = false;
    if (view === 'country') {
      try {
        await this.backdrop.load(countryProjection());
      } catch (error) {
        this.status.notice(`The map could not be drawn: ${messageOf(error)}`);
      }
    }
    this.backdrop.setVisible(this.view === 'country');
    this.graphEl.classList.toggle('over-map', this.view === 'country');
    await this.redraw(true);
  }

  private async setRenderer(renderer: RendererKind): Promise<void> {
    if (renderer === this.renderer && this.adapter?.renderer === renderer) return;
    if (renderer === 'webgl' && !webgl2Available()) {
      this.toolbar.setRenderer(this.renderer);
      this.status.notice('WebGL2 is not available in this browser; staying with the canvas renderer.');
      return;
    }
    this.renderer = renderer;
    this.hook.ready = false;
    this.graphEl.replaceChildren();
    try {
      await this.mountAdapter();
    } catch (error) {
      this.status.error(`Could not draw the graph: ${messageOf(error)}`);
    }
  }

  private async setSizeMetric(metric: SizeMetric): Promise<void> {
    this.sizeMetric = metric;
    if (!this.metricValues.has(metric)) {
      if (this.model.source === 'generated') {
        this.status.notice('A generated graph has only local degree; node sizes use degree.');
      } else {
        try {
          const values = await this.fetchMetric(metric);
          if (values.size === 0 && metric === 'linchpin') {
            this.status.notice('The linchpin ranking is still being computed; sizes follow when it is ready.');
            window.setTimeout(() => {
              if (this.sizeMetric === 'linchpin') void this.setSizeMetric('linchpin');
            }, LINCHPIN_POLL_MS * 2);
            return;
          }
          this.metricValues.set(metric, values);
        } catch (error) {
          this.status.error(`Could not load ${metric} for node sizes: ${messageOf(error)}`);
          return;
        }
      }
    }
    if (this.sizeMetric === metric) await this.redraw(false);
  }

  /** Metric values by node id, for node sizes (one query: the same values as each node's `metrics`). */
  private async fetchMetric(metric: SizeMetric): Promise<Map<string, number>> {
    if (metric === 'linchpin') {
      const data = await operations.sizeByLinchpin();
      return new Map(data.linchpins.rows.map((r) => [r.node.id, r.score]));
    }
    return centralityValues(await operations.sizeByCentrality(CENTRALITY_FOR_SIZE[metric]));
  }

  private localDegree(): Map<string, number> {
    const values = new Map<string, number>();
    for (const id of this.model.nodes.keys()) {
      values.set(id, (this.adjacency.suppliers.get(id)?.length ?? 0) + (this.adjacency.dependents.get(id)?.length ?? 0));
    }
    return values;
  }

  private async search(text: string): Promise<SearchHit[]> {
    if (this.model.source === 'generated') {
      const needle = text.toLowerCase();
      const hits: SearchHit[] = [];
      for (const n of this.model.nodes.values()) {
        if (n.id.toLowerCase().includes(needle) || n.name.toLowerCase().includes(needle)) hits.push({ id: n.id, name: n.name, kind: n.kind });
        if (hits.length >= 10) break;
      }
      return hits;
    }
    const data = await operations.search(text);
    return data.search.map((n) => ({ id: n.id, name: n.name, kind: n.kind }));
  }

  private exportAs(kind: ExportKind): void {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    try {
      if (kind === 'png') {
        if (!this.adapter) throw new Error('the graph is not drawn yet');
        download(`linchpin-graph-${stamp}.png`, this.adapter.png(), 'image/png');
      } else if (kind === 'svg') {
        if (!this.adapter) throw new Error('the graph is not drawn yet');
        download(`linchpin-graph-${stamp}.svg`, this.adapter.svg(), 'image/svg+xml');
      } else if (kind === 'csv') {
        const csv = this.result ? resultCsv(this.result.data) : graphCsv(this.model, this.visible, this.metricValues.get(this.sizeMetric) ?? null, this.sizeMetric);
        download(`linchpin-${this.result ? 'result' : 'graph'}-${stamp}.csv`, csv, 'text/csv;charset=utf-8');
      } else {
        const json = this.result ? resultJson(this.result.data, this.result.input) : graphJson(this.model, this.visible);
        download(`linchpin-${this.result ? 'result' : 'graph'}-${stamp}.json`, json, 'application/json');
      }
    } catch (error) {
      this.status.error(`Export failed: ${messageOf(error)}`);
    }
  }

  /* ---------------------------------------------------- selection, details */

  private nameOf(id: string): string {
    return this.model.nodes.get(id)?.name ?? this.model.countries.get(id)?.name ?? id;
  }

  /** Selects a node (null: none): highlights it, shows its details and, when it is affected, its explanation. */
  select(id: string | null, centre: boolean): void {
    this.selected = id;
    this.whatIf.setSelected(id !== null && this.canBeOrigin(id) ? { id, name: this.nameOf(id) } : null);
    if (id === null) {
      this.adapter?.select(null);
      this.details.clear();
      return;
    }
    if (this.adapter && !this.adapter.has(id) && this.model.nodes.has(id)) {
      // Filtered out: show it, with what the filters allow around it.
      this.expansion.nodes.add(id);
      this.centreAfterLayout = true;
      void this.redraw(true);
    } else {
      this.adapter?.select(id, centre);
    }
    if (this.result) this.summary.explainNode(id);
    void this.showDetails(id);
  }

  private canBeOrigin(id: string): boolean {
    const kind = this.model.nodes.get(id)?.kind;
    return this.model.source === 'api' && kind !== undefined && (DEPENDENCY_KINDS as readonly string[]).includes(kind);
  }

  private async showDetails(id: string): Promise<void> {
    const token = ++this.detailsToken;
    this.details.loading(id);
    if (this.model.source === 'generated') {
      const local = detailsFromModel(this.model, this.adjacency, id);
      if (!local) this.details.failed(id, `No node with id ${id}.`);
      else {
        this.details.show(local.details, false);
        this.details.showFunctions(local.functions);
      }
      return;
    }
    const functions = operations.functionsAtRisk(id);
    try {
      const data = detailsFromApi(await operations.nodeDetails(id));
      if (token !== this.detailsToken) return;
      if (!data) {
        this.details.failed(id, `The API has no node with id ${id}.`);
        return;
      }
      this.details.show(data, this.canBeOrigin(id));
    } catch (error) {
      if (token === this.detailsToken) this.details.failed(id, messageOf(error));
      functions.catch(() => undefined);
      return;
    }
    try {
      const grouped = functionsFromApi(await functions);
      if (token === this.detailsToken) this.details.showFunctions(grouped);
    } catch (error) {
      if (token === this.detailsToken) this.details.showFunctions(`Could not load the functions at risk: ${messageOf(error)}`);
    }
  }

  /** Double-click: adds a node's direct suppliers and dependents to a filtered view. */
  private async expand(id: string): Promise<void> {
    if (!isFiltered(this.filters)) return;
    try {
      if (this.model.source === 'api') {
        const data = await operations.expand(id);
        let added = false;
        for (const part of [data.suppliers, data.dependents]) {
          for (const n of part.nodes) {
            const node = nodeFromApi(n);
            if (node && !this.model.nodes.has(node.id)) {
              this.model.nodes.set(node.id, node);
              added = true;
            }
            if (node) this.expansion.nodes.add(node.id);
          }
          for (const step of part.steps) {
            const edge = edgeFromApi(step.dependency);
            if (!this.model.edges.has(edge.id)) {
              this.model.edges.set(edge.id, edge);
              added = true;
            }
            this.expansion.edges.add(edge.id);
          }
        }
        if (added) this.adjacency = adjacencyOf(this.model);
      } else {
        for (const e of [...(this.adjacency.suppliers.get(id) ?? []), ...(this.adjacency.dependents.get(id) ?? [])]) {
          this.expansion.nodes.add(e.supplier);
          this.expansion.nodes.add(e.dependent);
          this.expansion.edges.add(e.id);
        }
      }
      this.expansion.nodes.add(id);
      await this.redraw(true);
    } catch (error) {
      this.status.error(`Could not expand ${id}: ${messageOf(error)}`);
    }
  }

  /* ------------------------------------------------------------ what-if */

  private addOrigin(id: string): void {
    if (!this.canBeOrigin(id)) return;
    this.whatIf.addOrigin({ id, name: this.nameOf(id) });
  }

  private async runWhatIf(request: WhatIfRequest): Promise<void> {
    const input: BlastRadiusInput = {
      origins: request.origins,
      mode: request.mode,
      rule: request.rule,
      ...(request.mode === 'COMPROMISE' ? { effect: request.effect } : {}),
      ...(this.filters.hideIllustrative ? { excludeIllustrative: true } : {}),
    };
    this.whatIf.setRunning(true);
    try {
      const data = await operations.blastRadius(input);
      const names = request.origins.map((o) => this.nameOf(o)).join(', ');
      await this.showResult({ data: data.blastRadius, title: `What-if: ${names}`, input });
      this.whatIf.setNote(`${formatNumber(data.blastRadius.totals.affected)} nodes affected in ${this.playback.length} wave(s).`);
    } catch (error) {
      const message = messageOf(error);
      this.whatIf.setNote(message, true);
      this.status.error(message);
    } finally {
      this.whatIf.setRunning(false);
    }
  }

  /** Shows a result: summary, then the cascade from wave 0, played automatically. */
  private async showResult(shown: ShownResult): Promise<void> {
    this.playback.pause();
    this.result = shown;
    this.path = null;
    this.hook.playbackDone = false;
    this.hook.lastResult = shown.data;
    this.summary.render(shown.data, shown.title);
    this.scenarios.setCanSave(shown.input !== null);
    // Affected nodes a filter hides are shown, so that the whole cascade lights up.
    const hidden = shown.data.affected.map((a) => a.node.id).filter((id) => this.model.nodes.has(id) && !this.visible.nodes.has(id));
    for (const id of hidden) this.expansion.nodes.add(id);
    this.playback.load(wavesOf(shown.data.affected));
    if (hidden.length > 0) await this.redraw(true);
    this.playback.play();
  }

  private onPlayback(position: number, playing: boolean): void {
    this.whatIf.setPlayback(position, this.playback.length, playing);
    this.hook.playbackDone = this.playback.done;
    void this.redraw(false);
  }

  private async showPath(affected: AffectedNode): Promise<void> {
    this.path = { nodes: new Set(affected.explanation.nodes.map((n) => n.id)), edges: new Set(affected.explanation.dependencies.map((d) => d.id)) };
    const missing = [...this.path.nodes].filter((id) => this.model.nodes.has(id) && !this.visible.nodes.has(id));
    for (const id of missing) this.expansion.nodes.add(id);
    for (const id of this.path.edges) this.expansion.edges.add(id);
    await this.redraw(missing.length > 0);
    this.adapter?.centreOn(affected.node.id);
  }

  /* ----------------------------------------------------------- scenarios */

  private async loadScenarios(): Promise<void> {
    try {
      this.scenarios.setList((await operations.scenarios()).scenarios);
    } catch (error) {
      this.scenarios.setListError(`Could not load the scenarios: ${messageOf(error)}`);
    }
  }

  private async openScenario(id: string): Promise<void> {
    this.scenarios.setOpened(h('p', { className: 'hint' }, 'Opening…'));
    try {
      const { scenario } = await operations.scenario(id);
      let input: BlastRadiusInput | null = null;
      try {
        input = JSON.parse(scenario.inputJson) as BlastRadiusInput;
      } catch {
        input = null;
      }
      if (input) {
        this.whatIf.setRequest(
          { origins: input.origins.map(String), mode: input.mode ?? 'OUTAGE', rule: input.rule ?? 'HARD', effect: input.effect ?? 'ACCESS' },
          new Map(scenario.result.origins.map((o) => [o.id, o.name])),
        );
      }
      const b = scenario.backtest;
      this.scenarios.setOpened(
        h(
          'div',
          {},
          h('p', {}, h('strong', {}, scenario.name), scenario.incident ? ` — ${scenario.incident.mechanism}` : ''),
          b
            ? h(
                'p',
                { className: 'muted' },
                `Back-test against the countries the sources name: precision ${b.precision === null ? '–' : formatNumber(b.precision, 2)}, recall ${b.recall === null ? '–' : formatNumber(b.recall, 2)} ` +
                  `(named ${b.namedCountries.map((c) => c.id).join(', ') || 'none'}; predicted ${b.predictedCountries.length}).`,
              )
            : null,
        ),
      );
      await this.showResult({ data: scenario.result, title: `Scenario: ${scenario.name}`, input });
    } catch (error) {
      const message = messageOf(error);
      this.scenarios.setOpened(h('p', { className: 'error' }, message));
      this.status.error(message);
    }
  }

  private async saveScenario(name: string, author: string): Promise<void> {
    const input = this.result?.input;
    if (!input) return;
    this.scenarios.setSaveNote('Saving…');
    try {
      const { saveScenario } = await operations.saveScenario({ name, author, analysis: input });
      this.scenarios.setSaveNote(`Saved as ${saveScenario.id}.`);
      this.scenarios.clearName();
      await this.loadScenarios();
    } catch (error) {
      const message = messageOf(error);
      this.scenarios.setSaveNote(message, true);
      this.status.error(message);
    }
  }

  private async compare(a: string, b: string): Promise<void> {
    this.scenarios.setCompareBusy(true);
    try {
      this.scenarios.showComparison((await operations.compareScenarios(a, b)).compareScenarios);
    } catch (error) {
      const message = messageOf(error);
      this.scenarios.setCompareError(message);
      this.status.error(message);
    } finally {
      this.scenarios.setCompareBusy(false);
    }
  }

  /* ------------------------------------------------------------ rankings */

  private async loadLinchpins(): Promise<void> {
    window.clearTimeout(this.linchpinTimer);
    try {
      const { linchpins } = await operations.linchpins(20);
      this.rankings.showLinchpins(linchpins);
      if (linchpins.status !== 'FRESH' && ++this.linchpinPolls < LINCHPIN_POLL_LIMIT) {
        this.linchpinTimer = window.setTimeout(() => void this.loadLinchpins(), LINCHPIN_POLL_MS);
      }
    } catch (error) {
      this.rankings.linchpinsFailed(`Could not load the linchpins: ${messageOf(error)}`);
    }
  }

  private async loadCentrality(metric: CentralityMetric): Promise<void> {
    try {
      this.rankings.showCentrality((await operations.centrality(metric, 20)).centrality);
    } catch (error) {
      this.rankings.centralityFailed(`Could not load the centrality ranking: ${messageOf(error)}`);
    }
  }

  private async loadConcentration(country: string | null): Promise<void> {
    try {
      this.rankings.showConcentration(await operations.concentration(country));
    } catch (error) {
      this.rankings.concentrationFailed(`Could not load the concentration report: ${messageOf(error)}`);
    }
  }
}
