/**
 * The what-if panel: the origins (the selected node → "add"), mode, rule and
 * effect, the run button, and the playback controls of the cascade.
 */
import { COMPROMISE_EFFECTS, OUTAGE_RULES, PROPAGATION_MODES } from '../../../graph-schema/vocabulary';
import type { CompromiseEffect, OutageRule, PropagationMode } from '../../../graph-schema/vocabulary';
import { button, h, humanise, replace, select } from './dom';

export interface WhatIfRequest {
  origins: string[];
  mode: PropagationMode;
  rule: OutageRule;
  effect: CompromiseEffect;
}

export interface WhatIfHandlers {
  onAddSelected(): void;
  onRun(request: WhatIfRequest): void;
  onPlay(): void;
  onPause(): void;
  onStep(): void;
  onSeek(position: number): void;
}

const RULE_HELP: Record<OutageRule, string> = {
  HARD: 'HARD: fails when any required dependency fails',
  THRESHOLD: 'THRESHOLD: fails when the failed share of dependency strength reaches its threshold',
  DISTRESS: 'DISTRESS: distress spreads in proportion to dependency strength (DebtRank)',
};

export class WhatIfPanel {
  readonly el: HTMLElement;
  private readonly originList: HTMLElement;
  private readonly originHint: HTMLElement;
  private readonly addSelected: HTMLButtonElement;
  private readonly clearButton: HTMLButtonElement;
  private readonly mode: HTMLSelectElement;
  private readonly rule: HTMLSelectElement;
  private readonly effect: HTMLSelectElement;
  private readonly run: HTMLButtonElement;
  private readonly note: HTMLElement;
  private readonly play: HTMLButtonElement;
  private readonly pause: HTMLButtonElement;
  private readonly step: HTMLButtonElement;
  private readonly slider: HTMLInputElement;
  private readonly position: HTMLElement;
  private origins: { id: string; name: string }[] = [];
  private available = true;

  constructor(private readonly handlers: WhatIfHandlers) {
    this.originList = h('ul', { testid: 'whatif-origins', className: 'origins', 'aria-label': 'Origins' });
    this.originHint = h('p', { className: 'hint' }, 'No origins yet: select a node, then “Add selected node”.');
    this.addSelected = button('whatif-add-selected', 'Add selected node', () => handlers.onAddSelected(), { disabled: true });
    this.clearButton = button('whatif-clear', 'Clear', () => this.setOrigins([]), { className: 'secondary' });
    this.mode = select('whatif-mode', 'Mode', PROPAGATION_MODES.map((m) => ({ value: m, label: humanise(m) })), () => this.updateControls(), 'OUTAGE');
    this.rule = select('whatif-rule', 'Outage rule', OUTAGE_RULES.map((r) => ({ value: r, label: r })), () => this.updateControls(), 'HARD');
    this.effect = select('whatif-effect', 'Compromise effect', COMPROMISE_EFFECTS.map((e) => ({ value: e, label: humanise(e) })), () => this.updateControls(), 'ACCESS');
    this.run = button('whatif-run', 'Run what-if', () => this.submit(), { className: 'primary', disabled: true });
    this.note = h('p', { className: 'hint', 'aria-live': 'polite' });

    this.play = button('playback-play', '▶ Play', () => handlers.onPlay(), { 'aria-label': 'Play the cascade', disabled: true });
    this.pause = button('playback-pause', '❚❚ Pause', () => handlers.onPause(), { 'aria-label': 'Pause', disabled: true });
    this.step = button('playback-step', 'Step ▸', () => handlers.onStep(), { 'aria-label': 'Show the next wave', disabled: true });
    this.slider = h('input', { type: 'range', testid: 'playback-slider', min: 0, max: 0, step: 1, value: 0, 'aria-label': 'Wave', disabled: true });
    this.slider.addEventListener('input', () => handlers.onSeek(Number(this.slider.value)));
    this.position = h('span', { testid: 'playback-position', className: 'playback-position', 'aria-live': 'polite' }, 'No cascade yet');

    this.el = h(
      'section',
      { testid: 'whatif-panel', className: 'panel', id: 'whatif', 'aria-labelledby': 'whatif-title' },
      h('h2', { id: 'whatif-title' }, 'What-if'),
      h('div', { className: 'row' }, this.addSelected, this.clearButton),
      this.originList,
      this.originHint,
      h(
        'div',
        { className: 'form-grid' },
        h('label', {}, 'Mode', this.mode),
        h('label', {}, 'Rule', this.rule),
        h('label', {}, 'Effect', this.effect),
      ),
      h('div', { className: 'row' }, this.run),
      this.note,
      h('div', { className: 'playback', role: 'group', 'aria-label': 'Cascade playback' }, this.play, this.pause, this.step, this.slider, this.position),
    );
    this.renderOrigins();
    this.updateControls();
  }

  /** Whether what-ifs can run (not on a generated graph). */
  setAvailable(available: boolean, reason = ''): void {
    this.available = available;
    if (!available) this.note.textContent = reason;
    this.updateControls();
  }

  setSelected(selected: { id: string; name: string } | null): void {
    this.addSelected.disabled = selected === null;
    this.addSelected.title = selected ? `Add ${selected.name} (${selected.id})` : 'Select a node first';
  }

  addOrigin(origin: { id: string; name: string }): void {
    if (this.origins.some((o) => o.id === origin.id)) return;
    this.setOrigins([...this.origins, origin]);
  }

  setOrigins(origins: { id: string; name: string }[]): void {
    this.origins = origins;
    this.renderOrigins();
    this.updateControls();
  }

  /** Shows the settings of a run (e.g. of an opened scenario). */
  setRequest(request: WhatIfRequest, names: ReadonlyMap<string, string>): void {
    this.mode.value = request.mode;
    this.rule.value = request.rule;
    this.effect.value = request.effect;
    this.setOrigins(request.origins.map((id) => ({ id, name: names.get(id) ?? id })));
  }

  setRunning(running: boolean): void {
    this.run.disabled = running || !this.available || this.origins.length === 0;
    this.run.textContent = running ? 'Running…' : 'Run what-if';
    if (running) this.note.textContent = '';
  }

  setNote(text: string, isError = false): void {
    this.note.textContent = text;
    this.note.className = isError ? 'error' : 'hint';
  }

  setPlayback(position: number, length: number, playing: boolean): void {
    const has = length > 0;
    // Enabled whenever there is a cascade (a click that cannot act does nothing), so no control traps the focus.
    this.play.disabled = !has;
    this.pause.disabled = !has;
    this.step.disabled = !has;
    this.play.setAttribute('aria-pressed', String(playing));
    this.slider.disabled = !has;
    this.slider.max = String(Math.max(0, length - 1));
    this.slider.value = String(Math.max(0, position));
    this.position.textContent = has ? `Wave ${position} of ${length - 1}${playing ? ' (playing)' : position === length - 1 ? ' (end)' : ''}` : 'No cascade yet';
  }

  private submit(): void {
    if (this.origins.length === 0) return;
    this.handlers.onRun({
      origins: this.origins.map((o) => o.id),
      mode: this.mode.value as PropagationMode,
      rule: this.rule.value as OutageRule,
      effect: this.effect.value as CompromiseEffect,
    });
  }

  private updateControls(): void {
    this.run.disabled = !this.available || this.origins.length === 0;
    this.effect.title = this.mode.value === 'COMPROMISE' ? 'Compromise effect' : 'Compromise effect (used in COMPROMISE mode only)';
    this.rule.title = RULE_HELP[this.rule.value as OutageRule];
  }

  private renderOrigins(): void {
    this.originHint.hidden = this.origins.length > 0;
    replace(
      this.originList,
      ...this.origins.map((o) =>
        h(
          'li',
          { 'data-node-id': o.id },
          h('span', {}, o.name, ' ', h('code', { className: 'muted' }, o.id)),
          button(null, '×', () => this.setOrigins(this.origins.filter((x) => x.id !== o.id)), { className: 'icon', 'aria-label': `Remove ${o.name}`, title: `Remove ${o.name}` }),
        ),
      ),
    );
  }
}
