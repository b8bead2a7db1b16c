/**
 * Rules that span records: ids unique and of the right form, references that
 * resolve to nodes of the right kind, DEPENDS_ON pairs allowed by the
 * vocabulary, at most one DEPENDS_ON per (dependent, supplier, channel),
 * redundancy groups whose edges agree on a feasible `minAlive` (and have a
 * capacityShare on every edge or on none; outside a group a capacityShare makes
 * a partial dependency), propagation only where the edge
 * carries integrity, and facilities' coordinates and landing countries.
 *
 * Pure: the caller passes what is already stored (id → kind, and existing
 * dependencies) so that the same rules serve the seed loader and mutations.
 */
import {
  COUNTRY_ID_PATTERN,
  DEPENDENCY_ID_PREFIX,
  ENTITY_ID_PATTERN,
  ID_PREFIX,
  LINEAR_FACILITY_KINDS,
  SECTORS,
  edgeCarriage,
  isAllowedDependency,
} from '../../graph-schema/vocabulary';
import type { NodeKind, Sector } from '../../graph-schema/vocabulary';
import type { ErrorDetail } from '../errors';
import { referencesOf } from './node-specs';
import type { DependencyRecord } from './records';

export interface Located<T> {
  record: T;
  /** Where the record came from, e.g. `seed/data/providers.jsonl:12` or `input`. */
  at: string;
}

export interface IntegrityInput {
  nodes: readonly Located<Record<string, unknown> & { id: string }>[];
  nodeKinds: ReadonlyMap<string, NodeKind>;
  dependencies: readonly Located<DependencyRecord>[];
  /** Kind of every id already stored and not replaced by this batch. */
  storedKinds: ReadonlyMap<string, NodeKind>;
  /** DEPENDS_ON already stored and not replaced by this batch (by id). */
  storedDependencies: readonly DependencyRecord[];
}

export function idProblem(kind: NodeKind | 'DependsOn', id: string): string | null {
  if (kind === 'Country') {
    return COUNTRY_ID_PATTERN.test(id) ? null : `country id '${id}' must be an ISO 3166-1 alpha-2 code such as 'DE'`;
  }
  const prefix = kind === 'DependsOn' ? DEPENDENCY_ID_PREFIX : ID_PREFIX[kind];
  if (!id.startsWith(prefix) || !ENTITY_ID_PATTERN.test(id)) {
    return `${kind} id '${id}' must be '${prefix}' followed by lower-case letters, digits, '.', '_' or '-' (at most 120)`;
  }
  return null;
}

export function checkIntegrity(input: IntegrityInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const kindOf = new Map<string, NodeKind>(input.storedKinds);
  const firstSeen = new Map<string, string>();

  for (const { record, at } of input.nodes) {
    const kind = input.nodeKinds.get(record.id);
    if (kind === undefined) continue;
    const bad = idProblem(kind, record.id);
    if (bad) problems.push({ path: at, message: bad });
    const earlier = firstSeen.get(record.id);
    if (earlier !== undefined) {
      problems.push({ path: at, message: `id '${record.id}' is already used at ${earlier}` });
      continue;
    }
    firstSeen.set(record.id, at);
    const stored = input.storedKinds.get(record.id);
    if (stored !== undefined && stored !== kind) {
      problems.push({ path: at, message: `id '${record.id}' is already stored as a ${stored}, not a ${kind}` });
    }
    kindOf.set(record.id, kind);
  }

  for (const { record, at } of input.nodes) {
    const kind = input.nodeKinds.get(record.id);
    if (kind === undefined) continue;
    if (kind === 'CriticalFunction' && record.cisaSector !== undefined) {
      const crosswalk = SECTORS[record.sector as Sector]?.cisa;
      if (crosswalk !== undefined && record.cisaSector !== crosswalk) {
        problems.push({ path: at, message: `cisaSector ${JSON.stringify(record.cisaSector)} does not match sector ${JSON.stringify(record.sector)}, whose CISA crosswalk is ${crosswalk}` });
      }
    }
    if (kind === 'Facility') problems.push(...facilityProblems(record).map((message) => ({ path: at, message })));
    problems.push(...markingProblems(record).map((message) => ({ path: at, message })));
    for (const { spec, id } of referencesOf(kind, record)) {
      const target = kindOf.get(id);
      if (target === undefined) {
        problems.push({ path: at, message: `${spec.field} '${id}' does not exist` });
      } else if (spec.targets && !spec.targets.includes(target)) {
        problems.push({ path: at, message: `${spec.field} '${id}' is a ${target}; expected ${spec.targets.join(' or ')}` });
      } else if (id === record.id) {
        problems.push({ path: at, message: `${spec.field} '${id}' refers to the record itself` });
      }
    }
  }

  problems.push(...checkDependencies(input.dependencies, input.storedDependencies, kindOf));
  return problems;
}

/**
 * A TLP marking that can be honoured (graph-schema/README.md, "Markings"): AMBER and AMBER_STRICT
 * name the organisations they are shared with (`sharedWith`), RED the individuals
 * (`sharedWithUsers`); without them nobody could see the element. Shares a level does not use are
 * rejected as meaningless. The API fills the caller's organisation or id first
 * (src/services/write-support.ts); the seed must say.
 */
export function markingProblems(record: Record<string, unknown>): string[] {
  const tlp = (record.tlp as string | undefined) ?? 'CLEAR';
  const count = (key: string) => (Array.isArray(record[key]) ? (record[key] as unknown[]).length : 0);
  const problems: string[] = [];
  const orgLevel = tlp === 'AMBER' || tlp === 'AMBER_STRICT';
  if (orgLevel && count('sharedWith') === 0) problems.push(`a ${tlp} row needs sharedWith: the organisation ids it is shared with`);
  if (!orgLevel && count('sharedWith') > 0) problems.push(`sharedWith names organisations for AMBER and AMBER_STRICT; it means nothing on ${tlp}`);
  if (tlp === 'RED' && count('sharedWithUsers') === 0) problems.push('a RED row needs sharedWithUsers: the user ids it is shared with');
  if (tlp !== 'RED' && count('sharedWithUsers') > 0) problems.push(`sharedWithUsers names individuals for RED; it means nothing on ${tlp}`);
  return problems;
}

/** A facility's coordinates are both known or both unknown; only linear assets have other landing or end countries. */
function facilityProblems(record: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const lat = record.latitude ?? null;
  const lon = record.longitude ?? null;
  if ((lat === null) !== (lon === null)) {
    problems.push('latitude and longitude are both given or both null (unknown position); got only one of them');
  }
  const countries = Array.isArray(record.countries) ? (record.countries as unknown[]) : [];
  if (countries.length > 0) {
    if (!(LINEAR_FACILITY_KINDS as readonly unknown[]).includes(record.kind)) {
      problems.push(
        `countries (other landing or end countries) is only for linear facilities (${LINEAR_FACILITY_KINDS.join(', ')}); a ${String(record.kind)} is in one country`,
      );
    }
    if (countries.includes(record.country)) {
      problems.push(`countries lists the other landing or end countries; it must not repeat the primary country '${String(record.country)}'`);
    }
  }
  return problems;
}

/** Rules on one DEPENDS_ON alone, beyond its schema: propagation needs an edge that carries integrity. */
export function dependencyProblems(d: DependencyRecord): string[] {
  const problems: string[] = [];
  const carriage = edgeCarriage(d.channel, d);
  if (d.propagation > 0 && !carriage.integrity) {
    problems.push(
      `propagation ${d.propagation} on '${d.id}' would never be used: a ${d.channel} edge carries no integrity (a compromise cannot cross it)` +
        (d.carriesIntegrity === false ? ' because carriesIntegrity is false' : '') +
        '; set propagation to 0, or set carriesIntegrity: true where the supplier holds code execution or administrative rights on the dependent',
    );
  }
  // A capacityShare outside any group is a partial dependency (graph-schema/README.md): allowed.
  return problems;
}

function checkDependencies(
  batch: readonly Located<DependencyRecord>[],
  stored: readonly DependencyRecord[],
  kindOf: ReadonlyMap<string, NodeKind>,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const batchIds = new Set(batch.map((d) => d.record.id));
  const all: Located<DependencyRecord>[] = [
    ...stored.filter((d) => !batchIds.has(d.id)).map((record) => ({ record, at: `stored ${record.id}` })),
  ];
  const seenIds = new Map<string, string>();

  for (const item of batch) {
    const { record: d, at } = item;
    const bad = idProblem('DependsOn', d.id);
    if (bad) problems.push({ path: at, message: bad });
    const earlier = seenIds.get(d.id);
    if (earlier !== undefined) {
      problems.push({ path: at, message: `dependency id '${d.id}' is already used at ${earlier}` });
      continue;
    }
    seenIds.set(d.id, at);
    const from = kindOf.get(d.dependent);
    const to = kindOf.get(d.supplier);
    if (from === undefined) problems.push({ path: at, message: `dependent '${d.dependent}' does not exist` });
    if (to === undefined) problems.push({ path: at, message: `supplier '${d.supplier}' does not exist` });
    if (from !== undefined && to !== undefined && !isAllowedDependency(from, to)) {
      problems.push({
        path: at,
        message: `a ${from} cannot depend on a ${to} ('${d.dependent}' -> '${d.supplier}'); see DEPENDS_ON_ALLOWED in graph-schema/vocabulary.ts`,
      });
    }
    if (d.dependent === d.supplier) {
      problems.push({ path: at, message: `'${d.dependent}' cannot depend on itself` });
    }
    for (const message of dependencyProblems(d)) problems.push({ path: at, message });
    for (const message of markingProblems(d as unknown as Record<string, unknown>)) problems.push({ path: at, message });
    all.push(item);
  }

  const byTriple = new Map<string, string>();
  for (const { record: d, at } of all) {
    const key = `${d.dependent}\u0000${d.supplier}\u0000${d.channel}`;
    const earlier = byTriple.get(key);
    if (earlier !== undefined) {
      problems.push({
        path: at,
        message: `a ${d.channel} dependency of '${d.dependent}' on '${d.supplier}' already exists (${earlier})`,
      });
    } else byTriple.set(key, at);
  }

  problems.push(...checkRedundancyGroups(all, batchIds));
  return problems;
}

/** A group is keyed by (dependent, redundancyGroup); its edges share one minAlive with 1 ≤ minAlive ≤ size. */
export function checkRedundancyGroups(
  dependencies: readonly Located<DependencyRecord>[],
  touched?: ReadonlySet<string>,
): ErrorDetail[] {
  const groups = new Map<string, Located<DependencyRecord>[]>();
  for (const item of dependencies) {
    const g = item.record.redundancyGroup;
    if (g === null || g === undefined || g === '') continue;
    const key = `${item.record.dependent}\u0000${g}`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  const problems: ErrorDetail[] = [];
  for (const members of groups.values()) {
    if (touched && !members.some((m) => touched.has(m.record.id))) continue;
    const first = members[0]!.record;
    const mins = new Set(members.map((m) => m.record.minAlive));
    const at = members.find((m) => !touched || touched.has(m.record.id))!.at;
    const label = `redundancy group '${first.redundancyGroup}' of '${first.dependent}'`;
    if (mins.size > 1) {
      problems.push({ path: at, message: `${label} mixes minAlive values ${[...mins].join(', ')}; every edge of a group carries the same minAlive` });
    } else if (first.minAlive < 1 || first.minAlive > members.length) {
      problems.push({ path: at, message: `${label} has ${members.length} edge(s) but minAlive ${first.minAlive}; need 1 ≤ minAlive ≤ ${members.length}` });
    }
    const shared = members.filter((m) => m.record.capacityShare !== null && m.record.capacityShare !== undefined).length;
    if (shared > 0 && shared < members.length) {
      problems.push({
        path: at,
        message: `${label}: ${shared} of its ${members.length} edges have a capacityShare; either every edge of a group has one or none does`,
      });
    }
  }
  for (const { record: d, at } of dependencies) {
    if ((d.redundancyGroup === null || d.redundancyGroup === undefined) && d.minAlive !== 1 && (!touched || touched.has(d.id))) {
      problems.push({ path: at, message: `dependency '${d.id}' is in no redundancy group, so its minAlive must be 1 (got ${d.minAlive})` });
    }
  }
  return problems;
}
