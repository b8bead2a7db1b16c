/**
 * Turns GraphQL create/update inputs into records (src/model/records.ts): maps
 * the few field names that differ, flattens provenance, fills defaults on
 * create, and merges an update into the stored record. Validation of the
 * result is the records' own (seed/schema), shared with the seed loader.
 */
import { DEFAULTS } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';

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

/** Drops nulls, so that a cleared optional field is absent as in a seed file. */
function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined));
}

export function recordForCreate(kind: NodeKind | 'DependsOn', input: Record<string, unknown>): Record<string, unknown> {
  const keepNull = kind === 'DependsOn' || kind === 'Incident';
  const merged = { ...PROVENANCE_DEFAULTS(), ...(CREATE_DEFAULTS[kind] ?? {}), ...inputToPatch(kind, input) };
  return keepNull ? nullableOnly(kind, merged) : withoutNulls(merged);
}

export function recordForUpdate(
  kind: NodeKind | 'DependsOn',
  stored: Record<string, unknown>,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const patch = inputToPatch(kind, input);
  const merged = { ...stored, ...patch, updatedAt: patch.updatedAt ?? today() };
  const keepNull = kind === 'DependsOn' || kind === 'Incident';
  return keepNull ? nullableOnly(kind, merged) : withoutNulls(merged);
}

/** For kinds whose schema declares some fields as explicitly nullable, keep nulls only there. */
const NULLABLE: Partial<Record<NodeKind | 'DependsOn', readonly string[]>> = {
  DependsOn: ['redundancyGroup', 'recoveryHours'],
  Incident: ['effect', 'durationHours'],
};

function nullableOnly(kind: NodeKind | 'DependsOn', record: Record<string, unknown>): Record<string, unknown> {
  const nullable = NULLABLE[kind] ?? [];
  return Object.fromEntries(
    Object.entries(record)
      .filter(([k, v]) => v !== undefined && (v !== null || nullable.includes(k)))
      .concat(nullable.filter((k) => !(k in record)).map((k) => [k, null])),
  );
}
