/**
 * Sign-in state of the page: the bearer credential (a local token from
 * POST /auth/token, or an API key) kept in sessionStorage, so it lasts for the
 * tab and is gone when the tab closes. Every API request sends it.
 */
const STORAGE_KEY = 'linchpin.credential';

export function credential(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function authHeaders(): Record<string, string> {
  const c = credential();
  return c ? { authorization: `Bearer ${c}` } : {};
}

export function signOut(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage disabled: nothing was kept
  }
}

/** Exchanges an API key for a token; throws an Error whose message says why it failed. */
export async function signIn(key: string, endpoint = 'auth/token'): Promise<void> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: key.trim() }) });
  let body: { token?: string; errors?: { message: string }[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = {};
  }
  if (!response.ok || !body.token) throw new Error(body.errors?.[0]?.message ?? `sign-in failed (HTTP ${response.status})`);
  sessionStorage.setItem(STORAGE_KEY, body.token);
}

/** Who the API says is signed in (the `me` query), or 'signed-out' on 401. */
export interface Me {
  id: string;
  name: string;
  organisation: string | null;
  roles: string[];
  devOpen: boolean;
}

export async function whoAmI(endpoint = 'graphql'): Promise<Me | 'signed-out'> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
    body: JSON.stringify({ query: '{ me { id name organisation roles devOpen } }', operationName: null }),
  });
  if (response.status === 401) return 'signed-out';
  const body = (await response.json()) as { data?: { me: Me }; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? `the API answered HTTP ${response.status}`);
  return body.data.me;
}
