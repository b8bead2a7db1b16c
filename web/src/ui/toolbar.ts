/**
 * The toolbar: view switch, search, filters, the illustrative switch, node
 * size metric, renderer and exports. It holds no graph state; it reports what
 * the user asked for through its handlers.
 */
import { CONFIDENCE_LEVELS, PROVIDER_KINDS, SECTORS, SECTOR_KEYS, TLP_LEVELS } from '../../../graph-schema/vocabulary';
import type { ViewMode } from '../graph/elements';
import type { RendererKind } from '../graph/renderer-support';
import { NO_FILTERS } from '../model/filters';
import type { Filters } from '../model/filters';
import type { ModelCountry } from '../model/graph-model';
import { button, h, humanise, select, setOptions } from './dom';

export type SizeMetric = 'degree' | 'betweenness' | 'pagerank' | 'linchpin';
export type ExportKind = 'png' | 'svg' | 'csv' | 'json';

export interface SearchHit {
  id: string;
  name: string;
  kind: string;
}

export interface ToolbarHandlers {
  onView(view: ViewMode): void;
  onFilters(filters: Filters): void;
  onSizeMetric(metric: SizeMetric): void;
  onRenderer(renderer: RendererKind): void;
  search(text: string): Promise<SearchHit[]>;
  onPick(hit: SearchHit): void;
  onExport(kind: ExportKind): void;
}

const SEARCH_DEBOUNCE_MS = 200;

export class Toolbar {
  readonly el: HTMLElement;
  private filters: Filters = { ...NO_FILTERS };
  private readonly viewButtons: Record<ViewMode, HTMLButtonElement>;
  private readonly country: HTMLSelectElement;
  private readonly renderer: HTMLSelectElement;
  private readonly sizeMetric: HTMLSelectElement;
  private readonly searchInput: HTMLInputElement;
  private readonly searchList: HTMLElement;
  private readonly visibleCount: HTMLElement;
  private readonly illustrative: HTMLInputElement;
  private readonly filterSelects: HTMLSelectElement[] = [];
  private hits: { text: string; hits: SearchHit[] } | null = null;
  private debounce: number | undefined;

  constructor(private readonly handlers: ToolbarHandlers) {
    this.viewButtons = {
      graph: button('view-graph', 'Graph', () => this.setView('graph', true), { 'aria-pressed': 'true', title: 'Dependency graph (force-directed)' }),
      country: button('view-country', 'Countries', () => this.setView('country', true), { 'aria-pressed': 'false', title: 'Nodes grouped by country on a map' }),
    };

    this.searchInput = h('input', {
      type: 'search',
      testid: 'search-input',
      placeholder: 'Find a node by name or id…',
      'aria-label': 'Find a node by name or id',
      autocomplete: 'off',
      role: 'combobox',
      'aria-expanded': 'false',
      'aria-controls': 'search-results',
    });
    this.searchList = h('ul', { id: 'search-results', className: 'search-results', role: 'listbox', hidden: true });
    this.searchInput.addEventListener('input', () => this.onSearchInput());
    this.searchInput.addEventListener('keydown', (event) => this.onSearchKey(event));
    this.searchInput.addEventListener('blur', () => setTimeout(() => this.closeList(), 200));

    const filterSelect = (testid: string, label: string, options: { value: string; label: string }[], key: keyof Filters) => {
      const el = select(testid, label, options, (value) => this.setFilter(key, value));
      this.filterSelects.push(el);
      return el;
    };
    this.country = filterSelect('filter-country', 'Country', [{ value: '', label: 'All countries' }], 'country');
    const sector = filterSelect('filter-sector', 'Sector of critical functions', [{ value: '', label: 'All sectors' }, ...SECTOR_KEYS.map((s) => ({ value: s, label: SECTORS[s].label }))], 'sector');
    const providerKind = filterSelect(
      'filter-provider-kind',
      'Provider kind (providers and what they own)',
      [{ value: '', label: 'All provider kinds' }, ...PROVIDER_KINDS.map((k) => ({ value: k, label: humanise(k) }))],
      'providerKind',
    );
    const nato = filterSelect(
      'filter-nato',
      'NATO membership of the node’s country',
      [
        { value: '', label: 'NATO and others' },
        { value: 'true', label: 'NATO members' },
        { value: 'false', label: 'Non-members' },
      ],
      'nato',
    );
    const tlp = filterSelect('filter-tlp', 'Traffic Light Protocol: show up to', [{ value: '', label: 'Any TLP' }, ...TLP_LEVELS.map((t) => ({ value: t, label: `Up to TLP:${t.replace('_', '+')}` }))], 'tlp');
    const confidence = filterSelect(
      'filter-confidence',
      'Confidence: show at least',
      [{ value: '', label: 'Any confidence' }, ...CONFIDENCE_LEVELS.map((c) => ({ value: c, label: c === 'HIGH' ? 'High confidence' : `${humanise(c)} or higher` }))],
      'confidence',
    );
    this.illustrative = h('input', { type: 'checkbox', testid: 'toggle-illustrative', id: 'toggle-illustrative' });
    this.illustrative.addEventListener('change', () => this.setFilter('hideIllustrative', this.illustrative.checked));
    const reset = button(null, 'Reset', () => this.resetFilters(), { title: 'Clear every filter', className: 'secondary' });

    this.sizeMetric = select(
      'size-metric',
      'Node size',
      [
        { value: 'degree', label: 'Size: degree' },
        { value: 'betweenness', label: 'Size: betweenness' },
        { value: 'pagerank', label: 'Size: PageRank' },
        { value: 'linchpin', label: 'Size: linchpin score' },
      ],
      (value) => handlers.onSizeMetric(value as SizeMetric),
      'degree',
    );
    this.renderer = select(
      'renderer',
      'Renderer',
      [
        { value: 'canvas', label: 'Canvas renderer' },
        { value: 'webgl', label: 'WebGL renderer' },
      ],
      (value) => handlers.onRenderer(value as RendererKind),
      'canvas',
    );
    this.visibleCount = h('span', { className: 'visible-count', 'aria-live': 'polite' });

    const exports = h(
      'div',
      { className: 'group exports', role: 'group', 'aria-label': 'Export' },
      button('export-png', 'PNG', () => handlers.onExport('png'), { title: 'Export the graph as a PNG image' }),
      button('export-svg', 'SVG', () => handlers.onExport('svg'), { title: 'Export the graph as an SVG drawing' }),
      button('export-csv', 'CSV', () => handlers.onExport('csv'), { title: 'Export the current results (or the visible nodes) as CSV' }),
      button('export-json', 'JSON', () => handlers.onExport('json'), { title: 'Export the current results (or the visible graph) as JSON' }),
    );

    this.el = h(
      'header',
      { className: 'toolbar' },
      h(
        'div',
        { className: 'toolbar-row' },
        h('h1', { className: 'brand' }, 'Linchpin'),
        h('div', { className: 'group', role: 'group', 'aria-label': 'View' }, this.viewButtons.graph, this.viewButtons.country),
        h('div', { className: 'search' }, this.searchInput, this.searchList),
        this.sizeMetric,
        this.renderer,
        h('span', { className: 'spacer' }),
        this.visibleCount,
        h('span', { className: 'label' }, 'Export'),
        exports,
      ),
      h(
        'div',
        { className: 'toolbar-row filters', role: 'group', 'aria-label': 'Filters' },
        h('span', { className: 'label' }, 'Filter'),
        this.country,
        sector,
        providerKind,
        nato,
        tlp,
        confidence,
        h('label', { className: 'toggle', for: 'toggle-illustrative', title: 'Hide illustrative elements: modelling assumptions, not public record' }, this.illustrative, 'Hide illustrative'),
        reset,
      ),
    );
  }

  setCountries(countries: readonly ModelCountry[]): void {
    const sorted = [...countries].sort((a, b) => a.name.localeCompare(b.name));
    setOptions(this.country, [{ value: '', label: 'All countries' }, ...sorted.map((c) => ({ value: c.id, label: `${c.name} (${c.id})${c.natoMember ? '' : ' – non-member'}` }))]);
  }

  setRenderer(renderer: RendererKind): void {
    this.renderer.value = renderer;
  }

  setSizeMetric(metric: SizeMetric): void {
    this.sizeMetric.value = metric;
  }

  setVisibleCount(shown: number, total: number): void {
    this.visibleCount.textContent = `${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} nodes`;
  }

  setView(view: ViewMode, notify = false): void {
    for (const [mode, btn] of Object.entries(this.viewButtons)) btn.setAttribute('aria-pressed', String(mode === view));
    if (notify) this.handlers.onView(view);
  }

  private setFilter<K extends keyof Filters>(key: K, value: Filters[K] | string | boolean): void {
    this.filters = { ...this.filters, [key]: value };
    this.handlers.onFilters({ ...this.filters });
  }

  private resetFilters(): void {
    this.filters = { ...NO_FILTERS };
    for (const el of this.filterSelects) el.value = '';
    this.illustrative.checked = false;
    this.handlers.onFilters({ ...this.filters });
  }

  private onSearchInput(): void {
    window.clearTimeout(this.debounce);
    const text = this.searchInput.value.trim();
    if (text.length === 0) {
      this.closeList();
      return;
    }
    this.debounce = window.setTimeout(() => void this.runSearch(text), SEARCH_DEBOUNCE_MS);
  }

  private async runSearch(text: string): Promise<SearchHit[]> {
    if (this.hits?.text === text) return this.hits.hits;
    try {
      const hits = await this.handlers.search(text);
      this.hits = { text, hits };
      if (this.searchInput.value.trim() === text) this.renderList(hits);
      return hits;
    } catch (error) {
      this.renderMessage((error as Error).message);
      return [];
    }
  }

  private renderList(hits: readonly SearchHit[]): void {
    if (hits.length === 0) {
      this.renderMessage('No node matches.');
      return;
    }
    this.searchList.replaceChildren(
      ...hits.map((hit, i) =>
        h(
          'li',
          { role: 'option', 'aria-selected': String(i === 0) },
          h('button', { type: 'button', className: 'search-hit', onclick: () => this.pick(hit) }, h('span', { className: `kind kind-${hit.kind}` }, humanise(hit.kind)), ' ', hit.name, ' ', h('code', {}, hit.id)),
        ),
      ),
    );
    this.openList();
  }

  private renderMessage(message: string): void {
    this.searchList.replaceChildren(h('li', { className: 'search-message' }, message));
    this.openList();
  }

  private openList(): void {
    this.searchList.hidden = false;
    this.searchInput.setAttribute('aria-expanded', 'true');
  }

  private closeList(): void {
    this.searchList.hidden = true;
    this.searchInput.setAttribute('aria-expanded', 'false');
  }

  private onSearchKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.closeList();
    } else if (event.key === 'ArrowDown') {
      const first = this.searchList.querySelector('button');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const text = this.searchInput.value.trim();
      if (text.length === 0) return;
      window.clearTimeout(this.debounce);
      void this.runSearch(text).then((hits) => {
        if (hits[0]) this.pick(hits[0]);
      });
    }
  }

  private pick(hit: SearchHit): void {
    this.closeList();
    this.handlers.onPick(hit);
  }
}
