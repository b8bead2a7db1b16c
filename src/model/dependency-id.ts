/**
 * Derived DEPENDS_ON ids, for dependencies created without an explicit id:
 * `dep:<dependent>--<supplier>--<channel>`, each node id with its kind prefix
 * kept (`fn:x` → `fn.x`), so that `fn:x → svc:y` and `fac:x → prov:y` never
 * meet. When that would be longer than the id limit, or ambiguous (a node id
 * holding `--` or ending in `-`, so the parts could be split another way), the
 * id is cut and ends with `-` and a 12-hex-digit SHA-256 of the full
 * (dependent, supplier, channel): two different triples never get one id.
 * Stored ids (the seed's explicit ones) are never re-derived.
 */
import { createHash } from 'node:crypto';
import { DEPENDENCY_ID_PREFIX } from '../../graph-schema/vocabulary';

/** The longest id ENTITY_ID_PATTERN accepts: the prefix and 120 characters. */
export const MAX_DEPENDENCY_ID_LENGTH = DEPENDENCY_ID_PREFIX.length + 120;
const HASH_LENGTH = 12;

const part = (id: string): string => id.toLowerCase().replace(':', '.').replace(/[^a-z0-9._-]+/g, '-');

export function defaultDependencyId(dependent: string, supplier: string, channel: string): string {
  const from = part(dependent);
  const to = part(supplier);
  const full = `${DEPENDENCY_ID_PREFIX}${from}--${to}--${channel.toLowerCase().replace(/_/g, '-')}`;
  const ambiguous = [from, to].some((p) => p.includes('--') || p.endsWith('-'));
  if (full.length <= MAX_DEPENDENCY_ID_LENGTH && !ambiguous) return full;
  const hash = createHash('sha256').update(`${dependent}\u0000${supplier}\u0000${channel}`).digest('hex').slice(0, HASH_LENGTH);
  return `${full.slice(0, MAX_DEPENDENCY_ID_LENGTH - HASH_LENGTH - 1)}-${hash}`;
}
