/**
 * Scenarios: a stored analysis (inputs, seed, graph version, full per-node
 * result) with name, description, author and time; comparison of two stored
 * results; the historical incidents replayed as scenarios and back-tested
 * against the member states their sources name.
 */
import { randomBytes } from 'node:crypto';
import { scoreBacktest, type BacktestScore } from '../../analysis/impact/backtest';
import { hasRole, LOCAL_CALLER } from '../../auth/caller';
import type { Caller } from '../../auth/caller';
import { LinchpinError, NotFoundError, ValidationError } from '../../errors';
import type { Snapshot } from '../../projection/snapshot';
import type { GraphDb } from '../../store/driver';
import { readNodeRecords } from '../../store/records';
import { canSee, markingOf } from '../../auth/clearance';
import { EVERYTHING } from '../../store/visibility';
import { currentVisibility } from '../request-scope';
import { createScenario, deleteScenario, readScenarios, renameScenario } from '../../store/scenarios';
import type { ScenarioOwners, StoredScenario } from '../../store/scenarios';
import type { IncidentRecord } from '../../model/records';
import type { BlastResultIds } from './blast-result';
import { normaliseRequest, runBlastRadius } from './blast-radius';
import type { BlastRadiusRequest, NormalisedRequest } from './blast-radius';

/** Longest scenario name. */
export const MAX_NAME_LENGTH = 200;
/** Largest page of `scenarios`. */
export const MAX_PAGE = 500;

/**
 * Whose scenarios a caller reads: its own and the local process's (the
 * incident replays); an administrator reads every one.
 */
export function readableOwners(caller: Caller): ScenarioOwners {
  return hasRole(caller, 'ADMIN') ? null : [...new Set([caller.id, LOCAL_CALLER.id])];
}

/** Whose scenarios a caller renames or deletes: its own; an administrator any. */
export function writableOwners(caller: Caller): ScenarioOwners {
  return hasRole(caller, 'ADMIN') ? null : [caller.id];
}

export interface ScenarioModel {
  id: string;
  name: string;
  description: string | null;
  author: string;
  /** Caller id of whoever saved it. */
  owner: string;
  createdAt: string;
  snapshotVersion: number;
  inputJson: string;
  incidentId: string | null;
  result: BlastResultIds;
  /** The clearance view `result` was computed on. */
  viewKey: string;
  /** True when `result` was computed again for the reader, whose clearance sees a different graph than the saver's. */
  recomputedForClearance: boolean;
}

export function toModel(s: StoredScenario): ScenarioModel {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    author: s.author,
    owner: s.owner,
    createdAt: s.createdAt,
    snapshotVersion: s.snapshotVersion,
    inputJson: s.inputJson,
    incidentId: s.incident,
    result: JSON.parse(s.resultJson) as BlastResultIds,
    viewKey: s.viewKey,
    recomputedForClearance: false,
  };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'scenario';

/** The name as stored: trimmed; BAD_USER_INPUT when empty or too long. */
export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new ValidationError('name: must not be empty', [{ path: 'name', message: 'must not be empty' }]);
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new ValidationError(`name: at most ${MAX_NAME_LENGTH} characters, got ${trimmed.length}`, [{ path: 'name', message: `at most ${MAX_NAME_LENGTH} characters` }]);
  }
  return trimmed;
}

export interface ScenarioInput {
  id?: string;
  name: string;
  description?: string | null;
  author: string;
  analysis: BlastRadiusRequest;
  incident?: string | null;
}

/** The analysis a scenario stores, checked and run (in the analysis pool, by the service). */
export interface ScenarioRun {
  request: NormalisedRequest;
  result: BlastResultIds;
}

/** Checks the name and author before any analysis runs. */
export function checkScenarioInput(input: ScenarioInput): void {
  checkName(input.name);
  if (input.author.trim() === '') throw new ValidationError('author: must not be empty', [{ path: 'author', message: 'must not be empty' }]);
}

/**
 * Stores a scenario owned by `owner` (CONFLICT when the owner has one by that
 * name already). `run` is the analysis computed elsewhere; without it, it runs here.
 */
export async function storeScenario(db: GraphDb, snapshot: Snapshot, input: ScenarioInput, owner: Caller, run?: ScenarioRun): Promise<ScenarioModel> {
  checkScenarioInput(input);
  const name = checkName(input.name);
  let request: NormalisedRequest;
  let result: BlastResultIds;
  if (run) {
    ({ request, result } = run);
  } else {
    request = normaliseRequest(input.analysis, snapshot);
    result = runBlastRadius(snapshot, request);
  }
  const createdAt = new Date().toISOString();
  const stored: StoredScenario = {
    // The random part keeps ids unique when two names give the same slug in the same second.
    id: input.id ?? `scn:${slug(name)}-${createdAt.replace(/[^0-9]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`,
    name,
    description: input.description ?? null,
    author: input.author,
    owner: owner.id,
    createdAt,
    snapshotVersion: snapshot.version,
    inputJson: JSON.stringify(request),
    resultJson: JSON.stringify(result),
    incident: input.incident ?? null,
    viewKey: snapshot.viewKey,
  };
  await createScenario(db, stored);
  return toModel(stored);
}

/** One scenario the caller may read; NOT_FOUND otherwise (another's scenario is as if absent). */
export async function loadScenario(db: GraphDb, id: string, by: Caller = LOCAL_CALLER): Promise<ScenarioModel> {
  const [found] = await readScenarios(db, { ids: [id], owners: readableOwners(by) });
  if (!found) throw new NotFoundError(`no scenario with id '${id}'`);
  return toModel(found);
}

export interface ScenarioPageRequest {
  first?: number | null;
  after?: string | null;
  search?: string | null;
}

/** The scenarios the caller may read, newest first, `first` from after the scenario `after`, names containing `search`. */
export async function listScenarios(db: GraphDb, by: Caller = LOCAL_CALLER, page: ScenarioPageRequest = {}): Promise<ScenarioModel[]> {
  const first = page.first ?? 100;
  if (!Number.isSafeInteger(first) || first < 0 || first > MAX_PAGE) {
    throw new ValidationError(`first: must be an integer from 0 to ${MAX_PAGE}, got ${first}`, [{ path: 'first', message: `0..${MAX_PAGE}` }]);
  }
  const search = page.search?.trim() ?? '';
  if (search.length > MAX_NAME_LENGTH) throw new ValidationError(`search: at most ${MAX_NAME_LENGTH} characters`, [{ path: 'search', message: 'too long' }]);
  const rows = await readScenarios(db, { owners: readableOwners(by), first, after: page.after ?? null, search: search === '' ? null : search });
  return rows.map(toModel);
}

/**
 * Another's scenario that the caller can read (an incident replay) is FORBIDDEN to change;
 * one it cannot read is NOT_FOUND, as if absent.
 */
async function refuseChange(db: GraphDb, id: string, by: Caller, verb: string): Promise<never> {
  const [readable] = await readScenarios(db, { ids: [id], owners: readableOwners(by) });
  if (readable) throw new LinchpinError('FORBIDDEN', `only the owner of scenario '${id}' or an administrator may ${verb} it`);
  throw new NotFoundError(`no scenario with id '${id}'`);
}

/** Renames one of the caller's scenarios (an administrator's: any). */
export async function renameOwnScenario(db: GraphDb, id: string, name: string, by: Caller): Promise<ScenarioModel> {
  const renamed = await renameScenario(db, id, checkName(name), writableOwners(by));
  return renamed ? toModel(renamed) : refuseChange(db, id, by, 'rename');
}

/** Deletes one of the caller's scenarios (an administrator's: any). */
export async function deleteOwnScenario(db: GraphDb, id: string, by: Caller): Promise<void> {
  if (!(await deleteScenario(db, id, writableOwners(by)))) await refuseChange(db, id, by, 'delete');
}

/** The scenario id of an incident's replay. */
export const incidentScenarioId = (incidentId: string) => `scn:${incidentId.replace(/^inc:/, 'incident-')}`;

export async function incidentRequest(db: GraphDb, incidentId: string): Promise<{ incident: IncidentRecord; request: BlastRadiusRequest }> {
  const [incident] = (await db.read((tx) => readNodeRecords(tx, 'Incident', [incidentId]))) as IncidentRecord[];
  // An incident the caller may not see is not there for them.
  const vis = currentVisibility();
  if (!incident || (vis !== EVERYTHING && !canSee(vis, markingOf(incident as unknown as Record<string, unknown>)))) {
    throw new NotFoundError(`no incident with id '${incidentId}'`);
  }
  return {
    incident,
    request: {
      origins: incident.origins,
      mode: incident.mode,
      rule: incident.rule,
      effect: incident.effect ?? 'ACCESS',
      providerOnly: incident.providerOnly,
      // An incident whose record gives no duration lasted longer than its replay can say: open-ended.
      durationHours: incident.durationHours ?? undefined,
      openEnded: incident.durationHours === null,
      runs: 1000,
      seed: 1,
    },
  };
}

/** Stores a replay of every incident that has none yet. Returns the ids written. */
export async function ensureIncidentScenarios(db: GraphDb, snapshot: Snapshot): Promise<string[]> {
  const incidents = (await db.read((tx) => readNodeRecords(tx, 'Incident'))) as IncidentRecord[];
  const existing = new Set((await readScenarios(db, { ids: incidents.map((i) => incidentScenarioId(i.id)), owners: null })).map((s) => s.id));
  const written: string[] = [];
  for (const incident of incidents) {
    const id = incidentScenarioId(incident.id);
    if (existing.has(id)) continue;
    const { request } = await incidentRequest(db, incident.id);
    await storeScenario(db, snapshot, {
      id,
      name: `${incident.name} (replay)`,
      description: `Replay of ${incident.name} (${incident.date}): ${incident.mechanism}`,
      author: 'linchpin seed',
      analysis: request,
      incident: incident.id,
    }, LOCAL_CALLER);
    written.push(id);
  }
  return written;
}

/**
 * Back-test of a stored or fresh result (src/analysis/impact/backtest.ts): a
 * country is predicted when one of its critical functions has an outcome under
 * the result's own thresholds; named countries where the model has no function
 * are "not modelled" and left out of recall.
 */
export function backtest(result: BlastResultIds, namedCountries: readonly string[], modelled: ReadonlySet<string>): BacktestScore {
  const predicted = result.affected.filter((a) => a.kind === 'CriticalFunction' && a.location !== '').map((a) => a.location);
  return scoreBacktest(predicted, modelled, namedCountries);
}

export function compare(a: ScenarioModel, b: ScenarioModel) {
  const inA = new Set(a.result.affected.map((x) => x.id));
  const inB = new Set(b.result.affected.map((x) => x.id));
  const fnCounts = (s: ScenarioModel, key: 'location' | 'sector') => {
    const m = new Map<string, number>();
    for (const x of s.result.affected) if (x.kind === 'CriticalFunction') m.set(String(x[key]), (m.get(String(x[key])) ?? 0) + 1);
    return m;
  };
  const deltas = (key: 'location' | 'sector') => {
    const ca = fnCounts(a, key);
    const cb = fnCounts(b, key);
    return [...new Set([...ca.keys(), ...cb.keys()])]
      .map((k) => ({ key: k, a: ca.get(k) ?? 0, b: cb.get(k) ?? 0, delta: (cb.get(k) ?? 0) - (ca.get(k) ?? 0) }))
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.key < y.key ? -1 : 1));
  };
  return {
    onlyInA: [...inA].filter((id) => !inB.has(id)).sort(),
    onlyInB: [...inB].filter((id) => !inA.has(id)).sort(),
    inBoth: [...inA].filter((id) => inB.has(id)).length,
    byCountry: deltas('location'),
    bySector: deltas('sector'),
  };
}
