/** Small DOM helpers: the app builds its views with these instead of a UI framework. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * Creates an element. `testid` sets data-testid; `on…` keys add listeners;
 * `true` sets a boolean attribute, `false`/null/undefined leave it out.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'testid') {
      el.dataset.testid = String(value);
    } else if (key === 'className') {
      el.className = String(value);
    } else if (key === 'value' && 'value' in el) {
      (el as HTMLInputElement).value = String(value);
    } else if (key === 'checked' && 'checked' in el) {
      (el as HTMLInputElement).checked = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces an element's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export interface Option {
  value: string;
  label: string;
}

export function select(testid: string, label: string, options: readonly Option[], onChange: (value: string) => void, value = ''): HTMLSelectElement {
  const el = h('select', { testid, 'aria-label': label, title: label });
  for (const o of options) el.append(h('option', { value: o.value }, o.label));
  el.value = value;
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

export function setOptions(el: HTMLSelectElement, options: readonly Option[]): void {
  const previous = el.value;
  el.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  if (options.some((o) => o.value === previous)) el.value = previous;
}

export function button(testid: string | null, label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  return h('button', { type: 'button', testid: testid ?? undefined, ...attrs, onclick: () => onClick() }, label);
}

/** Labels an enum value for display: HEALTH_CARE → Health care. */
export function humanise(value: string): string {
  const text = value.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Starts a download of `content` as a file. */
export function download(filename: string, content: Blob | string, type: string): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
