/**
 * HTTP hardening around the routes: the Host allowlist (a page on another
 * name that resolves to 127.0.0.1 must not drive a local server: DNS
 * rebinding), the security headers of every response, and the production
 * switch (no introspection, no /explorer).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** LINCHPIN_MODE=production or NODE_ENV=production. */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LINCHPIN_MODE === 'production' || (env.LINCHPIN_MODE === undefined && env.NODE_ENV === 'production');
}

/** Lower-case host names (brackets kept for IPv6) a request may name: the loopback names, the bind host and LINCHPIN_ALLOWED_HOSTS. */
export function allowedHosts(bindHost: string, env: NodeJS.ProcessEnv = process.env): Set<string> {
  const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);
  const extra = (env.LINCHPIN_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0);
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]', bracket(bindHost.toLowerCase()), ...extra.map(bracket)]);
  hosts.delete('0.0.0.0');
  hosts.delete('[::]');
  return hosts;
}

/** Splits a Host header into name and port ('' when absent); null when it is not a host. */
export function parseHost(header: string): { name: string; port: string } | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  return m ? { name: m[1]!.toLowerCase(), port: m[2] ?? '' } : null;
}

/** Why a request's Host header is refused, or null when it is allowed (its name listed, its port the one served or none). */
export function hostProblem(req: IncomingMessage, hosts: ReadonlySet<string>, port: number): string | null {
  const header = req.headers.host;
  if (!header) return 'a Host header is required';
  const host = parseHost(header);
  if (!host) return 'the Host header is not a host name';
  if (!hosts.has(host.name) && !hosts.has(`${host.name}:${host.port}`)) {
    return `host '${host.name.slice(0, 100)}' is not served here; add it to LINCHPIN_ALLOWED_HOSTS to allow it`;
  }
  if (host.port !== '' && host.port !== String(port) && !hosts.has(`${host.name}:${host.port}`)) {
    return `port ${host.port} is not served here`;
  }
  return null;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Content-Security-Policy of a page. The web app (web/dist) loads its own
 * module scripts and stylesheet; React and Cytoscape set inline styles (the
 * `style` attribute), exports are offered through blob: URLs, and the icon is
 * a data: URL. The explorer page runs one inline script, allowed by its hash.
 */
export function contentSecurityPolicy(inlineScripts: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self'${inlineScripts.map((s) => ` ${sha256(s)}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent with every response. */
export function securityHeaders(csp: string = contentSecurityPolicy()): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** The inline script of an HTML page (the explorer has exactly one). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}
