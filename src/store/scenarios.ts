/**
 * Saved scenarios: (:Scenario) nodes holding an analysis's inputs, seed, graph
 * version and full per-node result (as JSON), with their owner (a caller id).
 * They sit beside the modelled graph, so writing them does not move the
 * model's version counter.
 *
 * A scenario's name is unique per owner (docs/decisions/0007-scenario-owners-and-names.md):
 * `nameKey` = owner + NUL + the name trimmed, spaces collapsed, lower-cased, held
 * unique by the constraint scenario_name_key, so that two concurrent saves of
 * one name cannot both land. Reads, renames and deletes take the owners the
 * caller may act for (`owners`, null = any: an administrator).
 */
import { ConflictError, ValidationError } from '../errors';
import type { GraphDb } from './driver';

export interface StoredScenario {
  id: string;
  name: string;
  description: string | null;
  author: string;
  /** Caller id of whoever saved it ('local' for the incident replays). Absent in scenarios stored before owners. */
  owner: string;
  createdAt: string;
  snapshotVersion: number;
  inputJson: string;
  resultJson: string;
  incident: string | null;
  /** The clearance view the result was computed on (src/projection/visible-view.ts; '' the whole model). */
  viewKey: string;
}

/** Whose scenarios a read, rename or delete may touch: these owners' (null: everyone's). */
export type ScenarioOwners = readonly string[] | null;

/** Owner of scenarios stored before owners existed. */
export const LEGACY_OWNER = 'local';

const FIELDS =
  's {.id, .name, .description, .author, owner: coalesce(s.owner, $legacyOwner), .createdAt, .snapshotVersion, .inputJson, .resultJson, .incident, viewKey: coalesce(s.viewKey, "")} AS s';
const OWNED = '($owners IS NULL OR coalesce(s.owner, $legacyOwner) IN $owners)';

/** The key a name is unique by, for one owner. */
export function scenarioNameKey(owner: string, name: string): string {
  return `${owner}\u0000${name.trim().replace(/\s+/g, ' ').normalize('NFC').toLowerCase()}`;
}

const nameTaken = (name: string) =>
  new ConflictError(`a scenario named '${name}' already exists; choose another name or rename that one`, [
    { path: 'name', message: `'${name}' is taken` },
  ]);

/** Stores a new scenario; CONFLICT naming the name when its owner already has one by that name (or the id exists). */
export async function createScenario(db: GraphDb, scenario: StoredScenario): Promise<void> {
  const nameKey = scenarioNameKey(scenario.owner, scenario.name);
  try {
    const out = await db.write(
      async (tx) => {
        const taken = await tx.run('MATCH (s:Scenario) WHERE s.nameKey = $nameKey OR s.id = $id RETURN s.id AS id LIMIT 1', {
          nameKey,
          id: scenario.id,
        });
        if (taken.length > 0) return false;
        await tx.run('CREATE (s:Scenario) SET s = $props', { props: { ...scenario, nameKey } });
        return true;
      },
      { countsAsModelWrite: false },
    );
    if (!out.value) throw nameTaken(scenario.name);
  } catch (error) {
    // A concurrent save of the same name got in first: the constraint refused this one.
    if (error instanceof ConflictError) throw nameTaken(scenario.name);
    throw error;
  }
}

export interface ScenarioQuery {
  ids?: readonly string[];
  owners: ScenarioOwners;
  /** Case-insensitive part of the name. */
  search?: string | null;
  /** Page size. */
  first?: number;
  /** Id of the last scenario of the previous page. */
  after?: string | null;
}

/** Scenarios newest first (then by id), of the given owners. */
export async function readScenarios(db: GraphDb, query: ScenarioQuery): Promise<StoredScenario[]> {
  const params = {
    ids: query.ids ?? null,
    owners: query.owners,
    legacyOwner: LEGACY_OWNER,
    search: query.search ? query.search.toLowerCase() : null,
    after: query.after ?? null,
    first: query.first ?? null,
  };
  const rows = await db.read(async (tx) => {
    if (params.after !== null) {
      const cursor = await tx.run(`MATCH (s:Scenario {id: $after}) WHERE ${OWNED} RETURN s.id AS id`, params);
      if (cursor.length === 0) throw new ValidationError(`after: no scenario '${params.after}' to continue from`, [{ path: 'after', message: 'unknown cursor' }]);
    }
    return tx.run(
      `OPTIONAL MATCH (c:Scenario {id: $after})
       MATCH (s:Scenario)
       WHERE ($ids IS NULL OR s.id IN $ids) AND ${OWNED}
         AND ($search IS NULL OR toLower(s.name) CONTAINS $search)
         AND (c IS NULL OR s.createdAt < c.createdAt OR (s.createdAt = c.createdAt AND s.id > c.id))
       RETURN ${FIELDS} ORDER BY s.createdAt DESC, s.id
       LIMIT coalesce($first, 1000000)`,
      params,
    );
  });
  return rows.map((r) => r.s as StoredScenario);
}

/** Renames one of the owners' scenarios; null when there is none with that id; CONFLICT when the owner has the name already. */
export async function renameScenario(db: GraphDb, id: string, name: string, owners: ScenarioOwners): Promise<StoredScenario | null> {
  try {
    const out = await db.write(
      async (tx) => {
        const [found] = await tx.run(`MATCH (s:Scenario {id: $id}) WHERE ${OWNED} RETURN coalesce(s.owner, $legacyOwner) AS owner`, {
          id,
          owners,
          legacyOwner: LEGACY_OWNER,
        });
        if (!found) return 'missing' as const;
        const nameKey = scenarioNameKey(String(found.owner), name);
        const taken = await tx.run('MATCH (s:Scenario {nameKey: $nameKey}) WHERE s.id <> $id RETURN s.id AS id LIMIT 1', { nameKey, id });
        if (taken.length > 0) return 'taken' as const;
        const rows = await tx.run(`MATCH (s:Scenario {id: $id}) SET s.name = $name, s.nameKey = $nameKey, s.owner = coalesce(s.owner, $legacyOwner) RETURN ${FIELDS}`, {
          id,
          name,
          nameKey,
          legacyOwner: LEGACY_OWNER,
        });
        return rows[0]!.s as StoredScenario;
      },
      { countsAsModelWrite: false },
    );
    if (out.value === 'missing') return null;
    if (out.value === 'taken') throw nameTaken(name);
    return out.value;
  } catch (error) {
    if (error instanceof ConflictError) throw nameTaken(name);
    throw error;
  }
}

/** Deletes one of the owners' scenarios; false when there is none with that id. */
export async function deleteScenario(db: GraphDb, id: string, owners: ScenarioOwners): Promise<boolean> {
  const out = await db.write(
    (tx) => tx.run(`MATCH (s:Scenario {id: $id}) WHERE ${OWNED} DELETE s RETURN count(*) AS n`, { id, owners, legacyOwner: LEGACY_OWNER }),
    { countsAsModelWrite: false },
  );
  return Number(out.value[0]?.n ?? 0) > 0;
}
