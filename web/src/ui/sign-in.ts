/**
 * The sign-in screen (shown when the API answers 401) and the session bar
 * (who is signed in, sign out; a warning on every page when the server runs
 * with LINCHPIN_DEV_OPEN=1).
 */
import { signIn, signOut } from '../api/session';
import type { Me } from '../api/session';

export function renderSignIn(root: HTMLElement, onSignedIn: () => void): void {
  root.replaceChildren();
  const form = document.createElement('form');
  form.className = 'sign-in';
  form.dataset.testid = 'sign-in';
  const title = document.createElement('h1');
  title.textContent = 'Linchpin — sign in';
  const help = document.createElement('p');
  help.textContent = 'Paste your API key (npm start prints the first administrator’s; an administrator makes more with createApiKey).';
  const label = document.createElement('label');
  label.textContent = 'API key';
  const input = document.createElement('input');
  input.type = 'password';
  input.autocomplete = 'off';
  input.required = true;
  input.placeholder = 'lpk_…';
  input.dataset.testid = 'sign-in-key';
  label.append(input);
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = 'Sign in';
  button.dataset.testid = 'sign-in-submit';
  const error = document.createElement('p');
  error.className = 'sign-in-error';
  error.dataset.testid = 'sign-in-error';
  error.setAttribute('role', 'alert');
  form.append(title, help, label, button, error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    error.textContent = '';
    signIn(input.value)
      .then(onSignedIn)
      .catch((e: unknown) => {
        error.textContent = e instanceof Error ? e.message : String(e);
        button.disabled = false;
      });
  });
  root.append(form);
  input.focus();
}

/** A small bar naming the signed-in user, with sign-out; in dev-open mode a warning instead. */
export function renderSessionBar(me: Me): HTMLElement {
  const bar = document.createElement('div');
  bar.className = me.devOpen ? 'session-bar dev-open' : 'session-bar';
  bar.dataset.testid = 'session-bar';
  if (me.devOpen) {
    bar.textContent = 'LINCHPIN_DEV_OPEN=1: sign-in is off, nothing is protected';
    bar.dataset.testid = 'dev-open-banner';
  } else {
    const who = document.createElement('span');
    who.dataset.testid = 'signed-in-as';
    who.textContent = `${me.name} · ${me.roles.join(', ')}${me.organisation ? ` · ${me.organisation}` : ''}`;
    const out = document.createElement('button');
    out.type = 'button';
    out.textContent = 'Sign out';
    out.dataset.testid = 'sign-out';
    out.addEventListener('click', () => {
      signOut();
      window.location.reload();
    });
    bar.append(who, out);
  }
  document.body.append(bar);
  return bar;
}
