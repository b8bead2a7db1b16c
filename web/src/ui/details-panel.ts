/**
 * The details panel of the selected node: its properties, provenance (with
 * source links), direct dependencies and dependents, centrality and linchpin
 * rank, and the critical functions that depend on it, grouped by country.
 * It renders view models; the app fills them from the API or the local model.
 */
import { SECTORS } from '../../../graph-schema/vocabulary';
import type { Sector } from '../../../graph-schema/vocabulary';
import { KIND_STYLE } from '../graph/palette';
import { button, h, humanise, replace } from './dom';

const kindLabel = (kind: string) => KIND_STYLE[kind as keyof typeof KIND_STYLE]?.label ?? kind;

export interface Provenance {
  source: string;
  confidence: string;
  illustrative: boolean;
  tlp: string;
  updatedAt: string;
}

export interface Neighbour {
  id: string;
  name: string;
  kind: string;
  channel: string;
  crossBorder: boolean;
  illustrative: boolean;
}

export interface NodeDetails {
  id: string;
  name: string;
  kind: string;
  /** Label, value, optional link (to a URL) or node id (to select). */
  facts: { label: string; value: string; href?: string; nodeId?: string }[];
  provenance: Provenance | null;
  dependencies: Neighbour[];
  dependents: Neighbour[];
  metrics: { label: string; value: string }[] | null;
}

export interface FunctionsByCountry {
  truncated: boolean;
  groups: { country: { id: string; name: string }; functions: { id: string; name: string; sector: string }[] }[];
}

export interface DetailsHandlers {
  onSelect(id: string): void;
  onAddToWhatIf(id: string): void;
}

const URL_PATTERN = /https?:\/\/[^\s;,)]+/g;

/** Text with every URL in it made a link. */
function linkify(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out.push(text.slice(last, match.index));
    out.push(h('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer' }, match[0]));
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return out;
}

export class DetailsPanel {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly name: HTMLElement;
  private readonly id: HTMLElement;
  private readonly kind: HTMLElement;
  private readonly facts: HTMLElement;
  private readonly provenance: HTMLElement;
  private readonly dependencies: HTMLElement;
  private readonly dependents: HTMLElement;
  private readonly metrics: HTMLElement;
  private readonly functions: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly message: HTMLElement;

  constructor(private readonly handlers: DetailsHandlers) {
    this.name = h('h3', { testid: 'details-name', className: 'details-name' });
    this.id = h('code', { testid: 'details-id' });
    this.kind = h('span', { testid: 'details-kind', className: 'badge' });
    this.facts = h('dl', { className: 'facts' });
    this.provenance = h('dl', { testid: 'details-provenance', className: 'facts' });
    this.dependencies = h('ul', { testid: 'details-dependencies', className: 'neighbours' });
    this.dependents = h('ul', { testid: 'details-dependents', className: 'neighbours' });
    this.metrics = h('dl', { testid: 'details-metrics', className: 'facts metrics' });
    this.functions = h('div', { testid: 'details-functions-by-country', className: 'functions-by-country' });
    this.actions = h('div', { className: 'actions' });
    this.message = h('p', { className: 'hint' }, 'Select a node in the graph, a search result or a ranking row.');
    this.body = h(
      'div',
      { className: 'details-body', hidden: true },
      h('div', { className: 'details-head' }, this.name, h('div', {}, this.kind, ' ', this.id)),
      this.actions,
      this.facts,
      h('h4', {}, 'Provenance'),
      this.provenance,
      h('h4', {}, 'Centrality and linchpin rank'),
      this.metrics,
      h('h4', {}, 'Depends on'),
      this.dependencies,
      h('h4', {}, 'Depended on by'),
      this.dependents,
      h('h4', {}, 'Critical functions that depend on it (up to 6 hops), by country'),
      this.functions,
    );
    this.el = h('section', { testid: 'details-panel', className: 'panel', id: 'details', 'aria-labelledby': 'details-title' }, h('h2', { id: 'details-title' }, 'Details'), this.message, this.body);
  }

  clear(): void {
    this.body.hidden = true;
    this.message.hidden = false;
    this.message.textContent = 'Select a node in the graph, a search result or a ranking row.';
  }

  loading(id: string): void {
    this.body.hidden = false;
    this.message.hidden = true;
    this.name.textContent = 'Loading…';
    this.id.textContent = id;
    this.kind.textContent = '';
    for (const el of [this.facts, this.provenance, this.dependencies, this.dependents, this.metrics, this.functions, this.actions]) el.replaceChildren();
  }

  failed(id: string, message: string): void {
    this.loading(id);
    this.name.textContent = id;
    replace(this.facts, h('p', { className: 'error' }, message));
  }

  show(d: NodeDetails, canAddToWhatIf: boolean): void {
    this.body.hidden = false;
    this.message.hidden = true;
    this.name.textContent = d.name;
    this.id.textContent = d.id;
    this.kind.textContent = d.kind;
    this.kind.className = `badge kind-${d.kind}`;
    replace(
      this.actions,
      canAddToWhatIf ? button(null, 'Add to what-if', () => this.handlers.onAddToWhatIf(d.id), { className: 'secondary' }) : null,
    );
    replace(
      this.facts,
      ...d.facts.flatMap((f) => [
        h('dt', {}, f.label),
        h('dd', {}, f.href ? h('a', { href: f.href, target: '_blank', rel: 'noopener noreferrer' }, f.value) : f.nodeId ? this.nodeLink(f.nodeId, f.value) : f.value),
      ]),
    );
    if (d.provenance) {
      const p = d.provenance;
      replace(
        this.provenance,
        h('dt', {}, 'Source'),
        h('dd', { className: 'source' }, ...linkify(p.source)),
        h('dt', {}, 'Confidence'),
        h('dd', {}, humanise(p.confidence)),
        h('dt', {}, 'Illustrative'),
        h('dd', {}, p.illustrative ? 'yes — a modelling assumption, not public record' : 'no — public record'),
        h('dt', {}, 'TLP'),
        h('dd', {}, h('span', { className: `tlp tlp-${p.tlp}` }, `TLP:${p.tlp.replace('_', '+')}`)),
        h('dt', {}, 'Updated'),
        h('dd', {}, p.updatedAt),
      );
    } else {
      replace(this.provenance, h('dd', {}, 'No provenance recorded.'));
    }
    replace(
      this.metrics,
      ...(d.metrics ?? [{ label: 'Metrics', value: 'not computed for this kind' }]).flatMap((m) => [h('dt', {}, m.label), h('dd', {}, m.value)]),
    );
    this.renderNeighbours(this.dependencies, d.dependencies, 'No dependencies.');
    this.renderNeighbours(this.dependents, d.dependents, 'Nothing depends on it.');
    replace(this.functions, h('p', { className: 'hint' }, 'Loading…'));
  }

  showFunctions(f: FunctionsByCountry | string): void {
    if (typeof f === 'string') {
      replace(this.functions, h('p', { className: f.startsWith('Loading') ? 'hint' : 'error' }, f));
      return;
    }
    if (f.groups.length === 0) {
      replace(this.functions, h('p', { className: 'hint' }, 'No critical function depends on it.'));
      return;
    }
    const total = f.groups.reduce((sum, g) => sum + g.functions.length, 0);
    replace(
      this.functions,
      h('p', {}, `${total} critical function${total === 1 ? '' : 's'} in ${f.groups.length} countr${f.groups.length === 1 ? 'y' : 'ies'}${f.truncated ? ' (cut at the walk limit)' : ''}.`),
      ...f.groups.map((g) =>
        h(
          'details',
          { className: 'country-group', 'data-country': g.country.id },
          h('summary', {}, `${g.country.name} (${g.country.id}) — ${g.functions.length}`),
          h('ul', {}, ...g.functions.map((fn) => h('li', {}, this.nodeLink(fn.id, fn.name), ' ', h('span', { className: 'muted' }, SECTORS[fn.sector as Sector]?.label ?? fn.sector)))),
        ),
      ),
    );
  }

  private renderNeighbours(list: HTMLElement, neighbours: readonly Neighbour[], empty: string): void {
    if (neighbours.length === 0) {
      replace(list, h('li', { className: 'muted' }, empty));
      return;
    }
    replace(
      list,
      ...neighbours.map((n) =>
        h(
          'li',
          { 'data-node-id': n.id },
          this.nodeLink(n.id, n.name),
          ' ',
          h('span', { className: 'muted' }, `${kindLabel(n.kind)} · ${humanise(n.channel)}${n.crossBorder ? ' · cross-border' : ''}${n.illustrative ? ' · illustrative' : ''}`),
          ' ',
          h('code', { className: 'muted' }, n.id),
        ),
      ),
    );
  }

  private nodeLink(id: string, label: string): HTMLElement {
    return h('button', { type: 'button', className: 'link', title: `Select ${id}`, onclick: () => this.handlers.onSelect(id) }, label);
  }
}
