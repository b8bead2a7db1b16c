/**
 * Rankings: linchpins (with the ranking's FRESH / STALE / COMPUTING status),
 * centrality and concentration. Every row that names a node selects it.
 */
import type { CentralityMetric, CentralityQuery, ConcentrationQuery, LinchpinsQuery } from '../api/generated';
import { SECTORS } from '../../../graph-schema/vocabulary';
import { KIND_STYLE } from '../graph/palette';
import { button, formatNumber, h, replace, select, setOptions } from './dom';
import type { Option } from './dom';

export type LinchpinRanking = LinchpinsQuery['linchpins'];
export type CentralityRanking = CentralityQuery['centrality'];
export type ConcentrationReports = ConcentrationQuery;

export interface RankingsHandlers {
  onSelect(id: string): void;
  onRetryLinchpins(): void;
  onCentralityMetric(metric: CentralityMetric): void;
  onConcentrationScope(country: string): void;
}

const kindLabel = (kind: string) => KIND_STYLE[kind as keyof typeof KIND_STYLE]?.label ?? kind;

const CENTRALITY_OPTIONS: { value: CentralityMetric; label: string }[] = [
  { value: 'BETWEENNESS', label: 'Betweenness' },
  { value: 'PAGERANK', label: 'PageRank' },
  { value: 'IN_DEGREE', label: 'In-degree (dependents)' },
  { value: 'DEGREE', label: 'Degree' },
  { value: 'CLOSENESS', label: 'Closeness' },
  { value: 'AUTHORITY', label: 'HITS authority' },
  { value: 'EIGENVECTOR', label: 'Eigenvector' },
];

function table(testid: string, caption: string, headers: string[]): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const body = h('tbody');
  const t = h(
    'table',
    { testid, className: 'ranking' },
    h('caption', { className: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, ...headers.map((x, i) => h('th', { className: i === 0 || i >= 3 ? 'num' : '' }, x)))),
    body,
  );
  return { table: t, body };
}

export class RankingsPanel {
  readonly el: HTMLElement;
  private readonly linchpins = table('rankings-linchpins', 'Linchpins', ['#', 'Node', 'Kind', 'Score', 'Fns', 'Countries']);
  private readonly centrality = table('rankings-centrality', 'Centrality', ['#', 'Node', 'Kind', 'Value']);
  private readonly concentration = table('rankings-concentration', 'Largest provider shares', ['#', 'Provider', '', 'Share']);
  private readonly linchpinStatus: HTMLElement;
  private readonly centralityNote: HTMLElement;
  private readonly concentrationNote: HTMLElement;
  private readonly alliance: HTMLElement;
  private readonly scope: HTMLSelectElement;

  constructor(private readonly handlers: RankingsHandlers) {
    this.linchpinStatus = h('p', { testid: 'rankings-linchpins-status', className: 'hint', 'aria-live': 'polite' }, 'Loading…');
    this.centralityNote = h('p', { className: 'hint' });
    this.concentrationNote = h('p', { className: 'hint' });
    this.alliance = h('div', { testid: 'rankings-alliance-concentration' });
    this.scope = select('rankings-concentration-scope', 'Concentration of', [{ value: '', label: 'All NATO members' }], (v) => handlers.onConcentrationScope(v));
    const metric = select('rankings-centrality-metric', 'Centrality metric', CENTRALITY_OPTIONS, (v) => handlers.onCentralityMetric(v as CentralityMetric), 'BETWEENNESS');
    this.el = h(
      'section',
      { testid: 'rankings-panel', className: 'panel', id: 'rankings', 'aria-labelledby': 'rankings-title' },
      h('h2', { id: 'rankings-title' }, 'Rankings'),
      h('h3', {}, 'Linchpins'),
      h('p', { className: 'hint' }, 'Importance of the critical functions lost when the node alone fails (HARD).'),
      this.linchpinStatus,
      this.linchpins.table,
      h('h3', {}, 'Centrality'),
      h('div', { className: 'row' }, metric),
      this.centralityNote,
      this.centrality.table,
      h('h3', {}, 'Concentration'),
      h('div', { className: 'row' }, this.scope),
      this.concentrationNote,
      this.concentration.table,
      h('h4', {}, 'By sector, across the alliance'),
      this.alliance,
    );
  }

  setCountries(options: readonly Option[]): void {
    setOptions(this.scope, [{ value: '', label: 'All NATO members' }, ...options]);
  }

  private nodeRow(id: string, cells: (string | HTMLElement)[]): HTMLTableRowElement {
    const row = h('tr', { 'data-node-id': id, tabindex: 0, className: 'clickable', title: `Select ${id}` }, ...cells.map((c, i) => h('td', { className: i === 0 || i >= 3 ? 'num' : '' }, c)));
    row.addEventListener('click', () => this.handlers.onSelect(id));
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.handlers.onSelect(id);
      }
    });
    return row;
  }

  showLinchpins(r: LinchpinRanking): void {
    const status =
      r.status === 'FRESH'
        ? `Fresh — computed on graph version ${r.snapshotVersion ?? '?'}${r.computedAt ? ` at ${r.computedAt.slice(11, 16)}` : ''}.`
        : r.status === 'STALE'
          ? `Stale — from graph version ${r.snapshotVersion ?? '?'}; recomputing (${formatNumber(r.progress * 100)}%).`
          : `Computing (${formatNumber(r.progress * 100)}%)… the table fills in when done.`;
    replace(this.linchpinStatus, `${r.status}: ${status}`, r.status === 'FRESH' ? null : button(null, 'Retry now', () => this.handlers.onRetryLinchpins(), { className: 'secondary' }));
    this.linchpinStatus.dataset.status = r.status;
    replace(
      this.linchpins.body,
      ...r.rows.map((row) =>
        this.nodeRow(row.node.id, [String(row.rank), row.node.name, kindLabel(row.node.kind), formatNumber(row.score, 1), String(row.functionsLost), String(row.countries)]),
      ),
    );
  }

  linchpinsFailed(message: string): void {
    replace(this.linchpinStatus, h('span', { className: 'error' }, message), ' ', button(null, 'Retry', () => this.handlers.onRetryLinchpins(), { className: 'secondary' }));
  }

  showCentrality(r: CentralityRanking): void {
    this.centralityNote.textContent = r.exact ? 'Exact values.' : `Sampled: within ±${formatNumber(r.errorBound ?? 0, 4)} with 95% probability.`;
    replace(this.centrality.body, ...r.rows.map((row) => this.nodeRow(row.node.id, [String(row.rank), row.node.name, kindLabel(row.node.kind), row.value.toPrecision(3)])));
  }

  centralityFailed(message: string): void {
    this.centralityNote.textContent = message;
    this.centralityNote.className = 'error';
  }

  showConcentration(c: ConcentrationReports): void {
    const r = c.concentration;
    this.concentrationNote.textContent =
      `${r.country ? r.country.name : 'All members'}: ${r.functions} functions. Provider HHI ${formatNumber(r.hhiByProvider)} (${r.providerBand}), ` +
      `jurisdiction HHI ${formatNumber(r.hhiByJurisdiction)} (${r.jurisdictionBand}). One provider is a single point of failure for ${formatNumber(r.providerSpofShare * 100, 0)}% of the functions.`;
    this.concentrationNote.className = 'hint';
    replace(this.concentration.body, ...r.topProviders.map((p, i) => this.nodeRow(p.id, [String(i + 1), p.name, '', `${formatNumber(p.share * 100, 1)}%`])));
    const rows = [...c.allianceConcentration].sort((a, b) => b.hhiByProvider - a.hhiByProvider);
    replace(
      this.alliance,
      h(
        'table',
        { className: 'compact' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Sector'), h('th', { className: 'num' }, 'HHI'), h('th', {}, 'Band'), h('th', {}, 'Largest provider'))),
        h(
          'tbody',
          {},
          ...rows.map((s) => {
            const top = s.topProviders[0];
            const row = h(
              'tr',
              { 'data-sector': s.sector ?? '' },
              h('td', {}, s.sector ? SECTORS[s.sector].label : 'All'),
              h('td', { className: 'num' }, formatNumber(s.hhiByProvider)),
              h('td', {}, s.providerBand),
              h('td', {}, top ? button(null, `${top.name} ${formatNumber(top.share * 100, 0)}%`, () => this.handlers.onSelect(top.id), { className: 'link' }) : '–'),
            );
            return row;
          }),
        ),
      ),
    );
  }

  concentrationFailed(message: string): void {
    this.concentrationNote.textContent = message;
    this.concentrationNote.className = 'error';
  }

  setUnavailable(reason: string): void {
    this.linchpinStatus.textContent = reason;
    this.centralityNote.textContent = reason;
    this.concentrationNote.textContent = reason;
  }
}
