/**
 * The summary of a blast radius: totals, functions lost by country and by
 * sector, the cross-border count, and the explanation path of any affected
 * node the user picks (highlighted in the graph by the app).
 */
import { SECTORS } from '../../../graph-schema/vocabulary';
import type { BlastResultFragment } from '../api/generated';
import { KIND_STYLE } from '../graph/palette';
import { button, formatNumber, h, humanise, replace } from './dom';

export type BlastResult = BlastResultFragment;
export type AffectedNode = BlastResult['affected'][number];

export interface SummaryHandlers {
  onExplain(affected: AffectedNode): void;
  onSelect(id: string): void;
}

const kindLabel = (kind: string) => KIND_STYLE[kind as keyof typeof KIND_STYLE]?.label ?? kind;

function stat(testid: string, label: string, value: string, note = ''): HTMLElement {
  return h('div', { className: 'stat' }, h('span', { className: 'stat-label' }, label), h('span', { testid, className: 'stat-value' }, value), note ? h('span', { className: 'stat-note' }, note) : null);
}

function originsText(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

export class SummaryPanel {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly explanation: HTMLElement;
  private readonly title: HTMLElement;
  private result: BlastResult | null = null;

  constructor(private readonly handlers: SummaryHandlers) {
    this.title = h('p', { className: 'hint' }, 'Run a what-if or open a scenario to see what fails.');
    this.body = h('div', { className: 'summary-body' });
    this.explanation = h('div', { testid: 'explanation-path', className: 'explanation', 'aria-live': 'polite' });
    this.el = h(
      'section',
      { testid: 'summary-panel', className: 'panel', id: 'summary', 'aria-labelledby': 'summary-title' },
      h('h2', { id: 'summary-title' }, 'Impact'),
      this.title,
      this.body,
      h('h3', {}, 'Explanation path'),
      this.explanation,
    );
    this.render(null, '');
  }

  render(result: BlastResult | null, title: string): void {
    this.result = result;
    replace(this.explanation, h('p', { className: 'hint' }, 'Pick an affected function below (or an affected node in the graph) to see why it fails.'));
    if (!result) {
      this.title.textContent = 'Run a what-if or open a scenario to see what fails.';
      replace(this.body, ...this.emptyStats());
      return;
    }
    this.title.textContent = title;
    const t = result.totals;
    const loc = result.crossBorder.byLocation;
    const jur = result.crossBorder.byJurisdiction;
    const compromise = result.compromise;
    const how = `${humanise(result.mode)} · ${result.rule}${result.mode === 'COMPROMISE' && result.effect ? ` · ${humanise(result.effect)}` : ''}`;
    replace(
      this.body,
      h('p', { className: 'muted' }, `${how} · origins: ${originsText(result.origins.map((o) => o.name))}`),
      h(
        'div',
        { className: 'stats' },
        stat('summary-functions-lost', 'Critical functions failed', formatNumber(t.functionsFailed), 'stopped'),
        stat('summary-functions-degraded', 'Degraded', formatNumber(t.functionsDegraded), 'running with a partial loss'),
        stat('summary-functions-compromised', 'Compromised', formatNumber(t.functionsCompromised), 'held by an attacker'),
        stat('summary-importance-lost', 'Importance lost', formatNumber(t.importanceLost, 1), 'importance × loss share'),
        stat('summary-affected', 'Nodes affected', formatNumber(t.affected), 'origins included'),
        stat('summary-cross-border', 'Border crossings', formatNumber(result.crossBorder.borderCrossings.length), 'dependencies that carried the cascade abroad'),
      ),
      h(
        'table',
        { className: 'compact', 'aria-label': 'Affected nodes abroad' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Abroad'), h('th', { className: 'num' }, 'NATO'), h('th', { className: 'num' }, 'Non-NATO'))),
        h(
          'tbody',
          {},
          h('tr', { testid: 'summary-foreign-location' }, h('td', {}, 'By location'), h('td', { className: 'num' }, formatNumber(loc.foreignNato)), h('td', { className: 'num' }, formatNumber(loc.foreignNonNato))),
          h('tr', { testid: 'summary-foreign-jurisdiction' }, h('td', {}, 'By jurisdiction'), h('td', { className: 'num' }, formatNumber(jur.foreignNato)), h('td', { className: 'num' }, formatNumber(jur.foreignNonNato))),
        ),
      ),
      compromise
        ? h(
            'p',
            { className: 'muted' },
            `Monte Carlo, ${formatNumber(compromise.runs)} runs (seed ${compromise.seed}): a function counts when it is hit in at least half the runs; expected ${formatNumber(compromise.expectedFunctionsFailed, 1)} functions failed and ${formatNumber(compromise.expectedFunctionsCompromised, 1)} compromised, importance ${formatNumber(compromise.importanceP5, 1)}–${formatNumber(compromise.importanceP95, 1)} (5th–95th percentile).`,
          )
        : null,
      result.debtRank !== null ? h('p', { className: 'muted' }, `DebtRank R = ${formatNumber(result.debtRank, 3)}`) : null,
      h('p', { className: 'muted', testid: 'summary-illustrative-share' }, `${formatNumber(result.illustrativeShare * 100, 0)}% of the explanation chains of the affected functions rest on illustrative dependencies (modelling assumptions, not public record).`),
      t.belowThreshold > 0 ? h('p', { className: 'muted' }, `${formatNumber(t.belowThreshold)} more nodes were touched below the thresholds (a loss under 5%, or hit in under half the runs) and are not counted.`) : null,
      h('h3', {}, 'Functions lost by country'),
      this.byCountry(result),
      h('h3', {}, 'Functions lost by sector'),
      this.bySector(result),
    );
  }

  private emptyStats(): HTMLElement[] {
    return [
      h(
        'div',
        { className: 'stats' },
        stat('summary-functions-lost', 'Critical functions affected', '–'),
        stat('summary-importance-lost', 'Importance lost', '–'),
        stat('summary-affected', 'Nodes affected', '–'),
        stat('summary-cross-border', 'Border crossings', '–'),
      ),
      h('div', { testid: 'summary-by-country' }),
      h('div', { testid: 'summary-by-sector' }),
    ];
  }

  private byCountry(result: BlastResult): HTMLElement {
    const affectedById = new Map(result.affected.map((a) => [a.node.id, a]));
    const rows = [...result.functionsLostByCountry].sort((a, b) => b.importance - a.importance || b.count - a.count || a.country.id.localeCompare(b.country.id));
    if (rows.length === 0) return h('p', { testid: 'summary-by-country', className: 'muted' }, 'No critical function is affected.');
    return h(
      'table',
      { testid: 'summary-by-country', className: 'compact' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Country'), h('th', { className: 'num' }, 'Functions'), h('th', { className: 'num' }, 'Importance'))),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h(
            'tr',
            { 'data-country': row.country.id },
            h(
              'td',
              {},
              h(
                'details',
                {},
                h('summary', {}, `${row.country.name} (${row.country.id})${row.country.natoMember ? '' : ' · non-member'}`),
                h(
                  'ul',
                  { className: 'fn-list' },
                  ...row.functions.map((fn) => {
                    const affected = affectedById.get(fn.id);
                    return h(
                      'li',
                      {},
                      affected
                        ? button(null, fn.name, () => this.explain(affected), { className: 'link', title: `Why does ${fn.name} fail?` })
                        : fn.name,
                      ' ',
                      h('span', { className: 'muted' }, SECTORS[fn.sector]?.label ?? fn.sector),
                    );
                  }),
                ),
              ),
            ),
            h('td', { className: 'num' }, formatNumber(row.count)),
            h('td', { className: 'num' }, formatNumber(row.importance, 1)),
          ),
        ),
      ),
    );
  }

  private bySector(result: BlastResult): HTMLElement {
    const rows = [...result.totals.bySector].sort((a, b) => b.importance - a.importance || a.sector.localeCompare(b.sector));
    if (rows.length === 0) return h('p', { testid: 'summary-by-sector', className: 'muted' }, 'No sector is affected.');
    return h(
      'table',
      { testid: 'summary-by-sector', className: 'compact' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Sector'), h('th', { className: 'num' }, 'Functions'), h('th', { className: 'num' }, 'Importance'))),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h(
            'tr',
            { 'data-sector': row.sector },
            h('td', {}, SECTORS[row.sector]?.label ?? row.sector),
            h('td', { className: 'num' }, formatNumber(row.count)),
            h('td', { className: 'num' }, formatNumber(row.importance, 1)),
          ),
        ),
      ),
    );
  }

  /** Shows why `id` is affected in the current result; false when it is not affected. */
  explainNode(id: string): boolean {
    const affected = this.result?.affected.find((a) => a.node.id === id);
    if (!affected) return false;
    this.explain(affected);
    return true;
  }

  private explain(affected: AffectedNode): void {
    const e = affected.explanation;
    const steps: (HTMLElement | string)[] = [];
    e.nodes.forEach((n, i) => {
      // The chain runs from the origin to the node; dependencies[i - 1] links nodes[i - 1] (supplier) to nodes[i] (dependent).
      const dep = i > 0 ? e.dependencies[i - 1] : undefined;
      steps.push(
        h(
          'li',
          { 'data-node-id': n.id },
          dep ? h('div', { className: 'edge' }, `↓ ${humanise(dep.channel)}${dep.crossBorder ? ' · crosses a border' : ''}`) : null,
          button(null, n.name, () => this.handlers.onSelect(n.id), { className: 'link' }),
          ' ',
          h('span', { className: 'muted' }, kindLabel(n.kind)),
        ),
      );
    });
    const facts = [
      `${humanise(affected.state)} at hour ${formatNumber(affected.hour, 1)}`,
      `wave ${affected.wave}`,
      this.result?.mode === 'COMPROMISE' ? `probability ${formatNumber(affected.probability * 100, 1)}%` : '',
      affected.loss < 1 && affected.effect !== 'COMPROMISED' ? `loss ${formatNumber(affected.loss * 100, 0)}%` : '',
      `${formatNumber(e.illustrativeShare * 100, 0)}% illustrative`,
    ].filter((f) => f !== '');
    replace(this.explanation, h('p', {}, h('strong', {}, affected.node.name), ` — ${facts.join(' · ')}`), h('ul', { className: 'path' }, ...steps));
    this.handlers.onExplain(affected);
  }
}
