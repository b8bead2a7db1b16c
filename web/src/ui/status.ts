/**
 * The page-level status line. `app-status` says "Loading…" while the graph
 * loads and the error text when something fails; it is empty and hidden when
 * all is well. Load progress and passing notices (e.g. "WebGL2 is not
 * available") are shown beside it, never inside it.
 */
import { h } from './dom';

const NOTICE_MS = 8000;

export class StatusLine {
  readonly el: HTMLElement;
  private readonly text: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly noticeEl: HTMLElement;
  private readonly dismiss: HTMLButtonElement;
  private readonly offerEl: HTMLElement;
  private readonly offerText: HTMLElement;
  private readonly offerAction: HTMLButtonElement;
  private onOffer: (() => void) | null = null;
  private noticeTimer: number | undefined;

  constructor() {
    this.text = h('div', { testid: 'app-status', role: 'status', 'aria-live': 'polite', className: 'status-text' });
    this.progress = h('span', { className: 'status-progress' });
    this.noticeEl = h('span', { testid: 'app-notice', className: 'status-notice', 'aria-live': 'polite' });
    this.dismiss = h('button', { type: 'button', className: 'status-dismiss', onclick: () => this.clear() }, 'Dismiss');
    this.offerText = h('span', { className: 'status-offer-text' });
    this.offerAction = h('button', { type: 'button', testid: 'app-offer-action', onclick: () => this.takeOffer() });
    const offerDismiss = h('button', { type: 'button', className: 'status-dismiss', onclick: () => this.withdrawOffer() }, 'Not now');
    this.offerEl = h('span', { testid: 'app-offer', className: 'status-offer', role: 'status', 'aria-live': 'polite' }, this.offerText, this.offerAction, offerDismiss);
    this.el = h('div', { className: 'status-bar' }, this.text, this.progress, this.noticeEl, this.offerEl, this.dismiss);
    this.withdrawOffer();
    this.clear();
  }

  loading(progress = ''): void {
    this.el.dataset.kind = 'loading';
    this.text.setAttribute('role', 'status');
    this.text.textContent = 'Loading…';
    this.progress.textContent = progress;
    this.dismiss.hidden = true;
    this.update();
  }

  error(message: string, dismissable = true): void {
    this.el.dataset.kind = 'error';
    this.text.setAttribute('role', 'alert');
    this.text.textContent = message;
    this.progress.textContent = '';
    this.dismiss.hidden = !dismissable;
    this.update();
  }

  /** A passing message that is not an error; it goes after a few seconds. */
  notice(message: string): void {
    this.noticeEl.textContent = message;
    window.clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => {
      this.noticeEl.textContent = '';
      this.update();
    }, NOTICE_MS);
    this.update();
  }

  /** A standing offer (a message and one action button) that stays until taken or put aside; a new offer replaces it. */
  offer(message: string, action: string, onAction: () => void): void {
    this.offerText.textContent = message;
    this.offerAction.textContent = action;
    this.onOffer = onAction;
    this.offerEl.hidden = false;
    this.update();
  }

  withdrawOffer(): void {
    this.onOffer = null;
    this.offerEl.hidden = true;
    this.update();
  }

  private takeOffer(): void {
    const action = this.onOffer;
    this.withdrawOffer();
    action?.();
  }

  clear(): void {
    this.text.textContent = '';
    this.progress.textContent = '';
    this.dismiss.hidden = true;
    delete this.el.dataset.kind;
    this.update();
  }

  private update(): void {
    this.text.hidden = this.text.textContent === '';
    this.noticeEl.hidden = this.noticeEl.textContent === '';
    this.el.hidden = this.text.hidden && this.noticeEl.hidden && this.offerEl.hidden;
  }
}
