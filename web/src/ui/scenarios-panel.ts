/**
 * Scenarios: the historical incidents one click away, the saved scenarios,
 * saving the current what-if, and comparing two scenarios side by side.
 */
import { SECTORS } from '../../../graph-schema/vocabulary';
import type { Sector } from '../../../graph-schema/vocabulary';
import type { CompareScenariosQuery, ScenarioListQuery } from '../api/generated';
import { button, formatNumber, h, humanise, replace, setOptions } from './dom';

export type ScenarioSummary = ScenarioListQuery['scenarios'][number];
export type Comparison = CompareScenariosQuery['compareScenarios'];

export interface ScenariosHandlers {
  onOpen(id: string): void;
  onSave(name: string, author: string): void;
  onCompare(a: string, b: string): void;
  onSelect(id: string): void;
}

export class ScenariosPanel {
  readonly el: HTMLElement;
  private readonly incidents: HTMLElement;
  private readonly saved: HTMLElement;
  private readonly name: HTMLInputElement;
  private readonly author: HTMLInputElement;
  private readonly save: HTMLButtonElement;
  private readonly saveNote: HTMLElement;
  private readonly compareA: HTMLSelectElement;
  private readonly compareB: HTMLSelectElement;
  private readonly compareRun: HTMLButtonElement;
  private readonly compareResult: HTMLElement;
  private readonly opened: HTMLElement;
  private canSave = false;

  constructor(private readonly handlers: ScenariosHandlers) {
    this.incidents = h('ul', { className: 'scenario-list', 'aria-label': 'Historical incidents' }, h('li', { className: 'muted' }, 'Loading…'));
    this.saved = h('ul', { className: 'scenario-list', 'aria-label': 'Saved scenarios' });
    this.opened = h('div', { className: 'opened', 'aria-live': 'polite' });
    this.name = h('input', { type: 'text', testid: 'scenario-save-name', placeholder: 'Name of the scenario', 'aria-label': 'Scenario name', maxlength: 200 });
    this.author = h('input', { type: 'text', placeholder: 'Your name', 'aria-label': 'Author', value: 'web analyst', maxlength: 120 });
    this.save = button('scenario-save', 'Save', () => this.submitSave());
    this.saveNote = h('p', { className: 'hint' }, 'Run a what-if first; saving stores its inputs and full result.');
    this.name.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.submitSave();
    });
    this.compareA = h('select', { testid: 'compare-a', 'aria-label': 'Scenario A' });
    this.compareB = h('select', { testid: 'compare-b', 'aria-label': 'Scenario B' });
    this.compareRun = button('compare-run', 'Compare', () => this.submitCompare());
    this.compareResult = h('div', { testid: 'compare-result', className: 'compare-result', 'aria-live': 'polite' });

    this.el = h(
      'section',
      { testid: 'scenarios-panel', className: 'panel', id: 'scenarios', 'aria-labelledby': 'scenarios-title' },
      h('h2', { id: 'scenarios-title' }, 'Scenarios'),
      h('h3', {}, 'Historical incidents'),
      this.incidents,
      h('h3', {}, 'Saved'),
      this.saved,
      this.opened,
      h('h3', {}, 'Save the current what-if'),
      h('div', { className: 'row' }, this.name, this.author, this.save),
      this.saveNote,
      h('h3', {}, 'Compare two scenarios'),
      h('div', { className: 'row' }, h('label', {}, 'A ', this.compareA), h('label', {}, 'B ', this.compareB), this.compareRun),
      this.compareResult,
    );
  }

  setList(scenarios: readonly ScenarioSummary[]): void {
    const incidents = scenarios.filter((s) => s.incident !== null).sort((a, b) => (a.incident!.date < b.incident!.date ? -1 : 1));
    const saved = scenarios.filter((s) => s.incident === null);
    const item = (s: ScenarioSummary) =>
      h(
        'li',
        {},
        button(`scenario-open-${s.id}`, s.incident ? `${s.incident.name} (${s.incident.date.slice(0, 4)})` : s.name, () => this.handlers.onOpen(s.id), {
          className: 'scenario-open',
          title: `Open and replay ${s.name}`,
        }),
        s.incident ? null : h('span', { className: 'muted' }, ` ${s.author}, ${s.createdAt.slice(0, 10)}`),
      );
    replace(this.incidents, ...(incidents.length > 0 ? incidents.map(item) : [h('li', { className: 'muted' }, 'No incident replays stored.')]));
    replace(this.saved, ...(saved.length > 0 ? saved.map(item) : [h('li', { className: 'muted' }, 'None saved yet.')]));
    const options = scenarios.map((s) => ({ value: s.id, label: s.incident ? `${s.incident.name} (${s.incident.date.slice(0, 4)})` : s.name }));
    setOptions(this.compareA, options);
    setOptions(this.compareB, options);
    if (this.compareA.value === this.compareB.value && options.length > 1) this.compareB.value = options[1]!.value;
  }

  setListError(message: string): void {
    replace(this.incidents, h('li', { className: 'error' }, message));
  }

  setUnavailable(reason: string): void {
    replace(this.incidents, h('li', { className: 'muted' }, reason));
    replace(this.saved);
    this.compareRun.disabled = true;
    this.setCanSave(false);
  }

  setOpened(content: HTMLElement | string | null): void {
    replace(this.opened, content);
  }

  setCanSave(can: boolean): void {
    this.canSave = can;
    this.updateSave();
  }

  setSaveNote(text: string, isError = false): void {
    this.saveNote.textContent = text;
    this.saveNote.className = isError ? 'error' : 'hint';
  }

  setCompareBusy(busy: boolean): void {
    this.compareRun.disabled = busy;
    this.compareRun.textContent = busy ? 'Comparing…' : 'Compare';
  }

  setCompareError(message: string): void {
    replace(this.compareResult, h('p', { className: 'error' }, message));
  }

  showComparison(c: Comparison): void {
    const side = (s: Comparison['a'], label: string) =>
      h(
        'div',
        { className: 'compare-side' },
        h('h4', {}, `${label}: ${s.name}`),
        h('p', { className: 'muted' }, `${humanise(s.result.mode)} · ${s.result.rule}${s.result.effect && s.result.mode === 'COMPROMISE' ? ` · ${humanise(s.result.effect)}` : ''}`),
        h(
          'dl',
          { className: 'facts' },
          h('dt', {}, 'Functions'),
          h('dd', { 'data-field': 'functionsLost' }, formatNumber(s.result.totals.functionsLost)),
          h('dt', {}, 'Importance'),
          h('dd', {}, formatNumber(s.result.totals.importanceLost, 1)),
          h('dt', {}, 'Affected'),
          h('dd', {}, formatNumber(s.result.totals.affected)),
          h('dt', {}, 'Border crossings'),
          h('dd', {}, formatNumber(s.result.crossBorder.borderCrossings.length)),
        ),
      );
    const deltas = (title: string, rows: Comparison['byCountry'], label: (key: string) => string) =>
      h(
        'table',
        { className: 'compact' },
        h('caption', {}, title),
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { className: 'num' }, 'A'), h('th', { className: 'num' }, 'B'), h('th', { className: 'num' }, 'B − A'))),
        h(
          'tbody',
          {},
          ...rows
            .filter((r) => r.a !== 0 || r.b !== 0)
            .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.key.localeCompare(y.key))
            .map((r) =>
              h(
                'tr',
                { 'data-key': r.key },
                h('td', {}, label(r.key)),
                h('td', { className: 'num' }, String(r.a)),
                h('td', { className: 'num' }, String(r.b)),
                h('td', { className: `num ${r.delta > 0 ? 'worse' : r.delta < 0 ? 'better' : ''}` }, r.delta > 0 ? `+${r.delta}` : String(r.delta)),
              ),
            ),
        ),
      );
    const nodeList = (title: string, nodes: Comparison['onlyInA']) =>
      h(
        'details',
        {},
        h('summary', {}, `${title}: ${nodes.length}`),
        h('ul', { className: 'fn-list' }, ...nodes.slice(0, 200).map((n) => h('li', {}, button(null, n.name, () => this.handlers.onSelect(n.id), { className: 'link' })))),
      );
    replace(
      this.compareResult,
      h('div', { className: 'compare-sides' }, side(c.a, 'A'), side(c.b, 'B')),
      h('p', {}, `Affected in both: ${formatNumber(c.inBoth)}`),
      nodeList('Only in A', c.onlyInA),
      nodeList('Only in B', c.onlyInB),
      deltas('Critical functions by country', c.byCountry, (k) => k),
      deltas('Critical functions by sector', c.bySector, (k) => SECTORS[k as Sector]?.label ?? k),
    );
  }

  private updateSave(): void {
    this.save.title = !this.canSave ? 'Run a what-if (or open a scenario) first' : this.name.value.trim() === '' ? 'Name the scenario first' : 'Save the current what-if';
  }

  private submitSave(): void {
    if (!this.canSave) {
      this.setSaveNote('Nothing to save yet: run a what-if or open a scenario first.', true);
      return;
    }
    if (this.name.value.trim() === '') {
      this.setSaveNote('Give the scenario a name.', true);
      this.name.focus();
      return;
    }
    this.handlers.onSave(this.name.value.trim(), this.author.value.trim() || 'web analyst');
  }

  clearName(): void {
    this.name.value = '';
  }

  private submitCompare(): void {
    if (!this.compareA.value || !this.compareB.value) {
      this.setCompareError('Choose two scenarios.');
      return;
    }
    this.handlers.onCompare(this.compareA.value, this.compareB.value);
  }
}
