/**
 * Record equality as the store sees it: null and absent are the same, `tlp`
 * absent is CLEAR, key order does not matter, and reference lists (`origins`,
 * `countries`) are sets. The seed loader and the mutations use it to write
 * nothing when nothing changes.
 */

/** Record fields holding lists of referenced ids, whose order is not kept by the store. */
const REFERENCE_LISTS = new Set(['origins', 'countries']);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A comparable string of a record, leaving out the `ignore`d fields. */
export function comparableRecord(record: Record<string, unknown>, ignore: readonly string[] = []): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === null || v === undefined || ignore.includes(k)) continue;
    out[k] = REFERENCE_LISTS.has(k) && Array.isArray(v) ? [...(v as string[])].sort() : v;
  }
  if (out.tlp === undefined && !ignore.includes('tlp')) out.tlp = 'CLEAR';
  if (Array.isArray(out.countries) && out.countries.length === 0) delete out.countries;
  return canonical(out);
}

export function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>, ignore: readonly string[] = []): boolean {
  return comparableRecord(a, ignore) === comparableRecord(b, ignore);
}
