/**
 * Scenarios: a stored analysis (inputs, seed, graph version, full per-node
 * result) with name, description, author and time; comparison of two stored
 * results; the historical incidents replayed as scenarios and back-tested
 * against the member states their sources name.
 */
import { scoreBacktest, type BacktestScore } from '../../analysis/impact/backtest';
import { NotFoundError, ValidationError } from '../../errors';
import type { Snapshot } from '../../projection/snapshot';
import type { GraphDb } from '../../store/driver';
import { readNodeRecords } from '../../store/records';
import { canSee, markingOf } from '../../auth/clearance';
import { EVERYTHING } from '../../store/visibility';
import { currentVisibility } from '../request-scope';
import { readScenarios, saveScenario } from '../../store/scenarios';
import type { StoredScenario } from '../../store/scenarios';
import type { IncidentRecord } from '../../model/records';
import type { BlastResultIds } from './blast-result';
import { normaliseRequest, runBlastRadius } from './blast-radius';
import type { BlastRadiusRequest } from './blast-radius';

export interface ScenarioModel {
  id: string;
  name: string;
  description: string | null;
  author: string;
  createdAt: string;
  snapshotVersion: number;
  inputJson: string;
  incidentId: string | null;
  result: BlastResultIds;
}

export function toModel(s: StoredScenario): ScenarioModel {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    author: s.author,
    createdAt: s.createdAt,
    snapshotVersion: s.snapshotVersion,
    inputJson: s.inputJson,
    incidentId: s.incident,
    result: JSON.parse(s.resultJson) as BlastResultIds,
  };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'scenario';

export async function storeScenario(
  db: GraphDb,
  snapshot: Snapshot,
  input: { id?: string; name: string; description?: string | null; author: string; analysis: BlastRadiusRequest; incident?: string | null },
): Promise<ScenarioModel> {
  if (input.name.trim() === '') throw new ValidationError('name must not be empty');
  if (input.author.trim() === '') throw new ValidationError('author must not be empty');
  const request = normaliseRequest(input.analysis, snapshot);
  const result = runBlastRadius(snapshot, request);
  const createdAt = new Date().toISOString();
  const stored: StoredScenario = {
    id: input.id ?? `scn:${slug(input.name)}-${createdAt.replace(/[^0-9]/g, '').slice(0, 14)}`,
    name: input.name,
    description: input.description ?? null,
    author: input.author,
    createdAt,
    snapshotVersion: snapshot.version,
    inputJson: JSON.stringify(request),
    resultJson: JSON.stringify(result),
    incident: input.incident ?? null,
  };
  await saveScenario(db, stored);
  return toModel(stored);
}

export async function loadScenario(db: GraphDb, id: string): Promise<ScenarioModel> {
  const [found] = await readScenarios(db, [id]);
  if (!found) throw new NotFoundError(`no scenario with id '${id}'`);
  return toModel(found);
}

export async function listScenarios(db: GraphDb): Promise<ScenarioModel[]> {
  return (await readScenarios(db)).map(toModel);
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
  const existing = new Set((await readScenarios(db, incidents.map((i) => incidentScenarioId(i.id)))).map((s) => s.id));
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
    });
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
