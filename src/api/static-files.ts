/**
 * Serves the built web app (web/dist) at `/`: index.html and its hashed assets.
 * Paths are resolved inside the folder only (no traversal); unknown paths fall
 * through to the caller.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  immutable: boolean;
}

/** The file for a URL path, or null when the web app is not built or has no such file. */
export function webFile(pathname: string, root = WEB_DIST): StaticFile | null {
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return null; // a malformed %-escape names no file
  }
  const full = normalize(join(root, relative));
  if (!full.startsWith(normalize(root).replace(/[\\/]?$/, sep))) return null;
  if (!existsSync(full) || !statSync(full).isFile()) return null;
  return {
    body: readFileSync(full),
    type: TYPES[extname(full)] ?? 'application/octet-stream',
    immutable: relative.startsWith('assets/'),
  };
}

export function webAppBuilt(root = WEB_DIST): boolean {
  return existsSync(join(root, 'index.html'));
}
