/**
 * API keys for scripts: `lpk_<id>_<secret>`. The id finds the stored key; the
 * secret is checked against its scrypt hash (RFC 7914; N=2^14, r=8, p=1, 32 bytes)
 * in constant time. The secret is shown once, at creation, and never stored.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_PATTERN = /^lpk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

function derive(secret: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, Buffer.from(salt, 'base64url'), 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export interface NewKey {
  /** The whole key, to show once. */
  key: string;
  id: string;
  salt: string;
  hash: string;
}

export async function newApiKey(): Promise<NewKey> {
  const id = randomBytes(10).toString('hex').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('base64url');
  const hash = (await derive(secret, salt)).toString('base64url');
  return { key: `lpk_${id}_${secret}`, id, salt, hash };
}

/** The key id of a well-formed key, else null. */
export function apiKeyId(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

export async function apiKeyMatches(key: string, stored: { salt: string; hash: string }): Promise<boolean> {
  const secret = KEY_PATTERN.exec(key)?.[2];
  if (!secret) return false;
  const expected = Buffer.from(stored.hash, 'base64url');
  const actual = await derive(secret, stored.salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
