/**
 * Turns GraphQL create/update inputs into records (src/model/records.ts): maps
 * the few field names that differ, flattens provenance, fills defaults on
 * create, and merges an update into the stored record. Validation of the
 * result is the records' own (seed/schema), shared with the seed loader.
 */
import { DEFAULTS } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import { FILE_OF_KIND } from '../model/records';
import { nullableFields } from '../model/schemas';

/** GraphQL input field → record field, where they differ. */
const RENAMED: Partial<Record<NodeKind, Record<string, string>>> = {
  Provider: { providerKind: 'kind' },
  Facility: { facilityKind: 'kind' },
  Service: { serviceKind: 'kind' },
};

export const today = (): string => new Date().toISOString().slice(0, 10);

/** Fields the input sets (undefined = not given; null = clear), in record names. */
export function inputToPatch(kind: NodeKind | 'DependsOn', input: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const renamed = kind === 'DependsOn' ? {} : (RENAMED[kind] ?? {});
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key === 'provenance') {
      if (value === null) continue;
      for (const [pk, pv] of Object.entries(value as Record<string, unknown>)) if (pv !== undefined) patch[pk] = pv;
      continue;
    }
    patch[renamed[key] ?? key] = value;
  }
  return patch;
}

const PROVENANCE_DEFAULTS = () => ({
  confidence: DEFAULTS.confidence,
  illustrative: DEFAULTS.illustrative,
  tlp: DEFAULTS.tlp,
  updatedAt: today(),
});

const CREATE_DEFAULTS: Partial<Record<NodeKind | 'DependsOn', Record<string, unknown>>> = {
  CriticalFunction: { importance: DEFAULTS.importance, importanceRule: 'default weight 1 (set by the API caller)' },
  Incident: { rule: 'HARD', effect: null, providerOnly: false, durationHours: null, namedCountries: [], sources: [] },
  DependsOn: {
    strength: DEFAULTS.strength,
    minAlive: DEFAULTS.minAlive,
    propagation: DEFAULTS.propagation,
    delayHours: DEFAULTS.delayHours,
    redundancyGroup: null,
    recoveryHours: null,
  },
};

export function recordForCreate(kind: NodeKind | 'DependsOn', input: Record<string, unknown>): Record<string, unknown> {
  return tidy(kind, { ...PROVENANCE_DEFAULTS(), ...(CREATE_DEFAULTS[kind] ?? {}), ...inputToPatch(kind, input) });
}

export function recordForUpdate(
  kind: NodeKind | 'DependsOn',
  stored: Record<string, unknown>,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const patch = inputToPatch(kind, input);
  return tidy(kind, { ...stored, ...patch, updatedAt: patch.updatedAt ?? today() });
}

/**
 * Keeps nulls only where the record's schema declares the field nullable (and
 * fills those with null when absent); elsewhere a null means "not set", so the
 * field is dropped, as in a seed file.
 */
function tidy(kind: NodeKind | 'DependsOn', record: Record<string, unknown>): Record<string, unknown> {
  const nullable = nullableFields(FILE_OF_KIND[kind]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined && (v !== null || nullable.has(k))) out[k] = v;
  for (const k of nullable) if (!(k in out)) out[k] = null;
  return out;
}
