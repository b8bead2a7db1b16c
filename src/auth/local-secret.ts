/**
 * The HS256 secret of local tokens when LINCHPIN_JWT_SECRET is not set: 32
 * random bytes generated on first run and kept in the data directory
 * (LINCHPIN_DATA_DIR, default `.data`), readable by the owner only, so that
 * tokens survive a restart.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authConfigFromEnv } from './config';
import type { AuthConfig } from './config';

export function localSecret(dir: string): Uint8Array {
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) {
    const stored = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('base64url'), { mode: 0o600 });
  return secret;
}

export function localAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  return authConfigFromEnv(env, () => localSecret(env.LINCHPIN_DATA_DIR ?? '.data'));
}
