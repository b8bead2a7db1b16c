/**
 * Saved scenarios: (:Scenario) nodes holding an analysis's inputs, seed, graph
 * version and full per-node result (as JSON). They sit beside the modelled
 * graph, so writing them does not move the model's version counter.
 */
import type { GraphDb } from './driver';

export interface StoredScenario {
  id: string;
  name: string;
  description: string | null;
  author: string;
  createdAt: string;
  snapshotVersion: number;
  inputJson: string;
  resultJson: string;
  incident: string | null;
}

const FIELDS = 's {.id, .name, .description, .author, .createdAt, .snapshotVersion, .inputJson, .resultJson, .incident} AS s';

export async function saveScenario(db: GraphDb, scenario: StoredScenario): Promise<void> {
  await db.write((tx) => tx.run('MERGE (s:Scenario {id: $id}) SET s = $props', { id: scenario.id, props: { ...scenario } }), {
    countsAsModelWrite: false,
  });
}

export async function readScenarios(db: GraphDb, ids?: readonly string[]): Promise<StoredScenario[]> {
  const rows = await db.read((tx) =>
    tx.run(`MATCH (s:Scenario) WHERE $ids IS NULL OR s.id IN $ids RETURN ${FIELDS} ORDER BY s.createdAt DESC, s.id`, { ids: ids ?? null }),
  );
  return rows.map((r) => r.s as StoredScenario);
}

export async function deleteScenario(db: GraphDb, id: string): Promise<boolean> {
  const out = await db.write((tx) => tx.run('MATCH (s:Scenario {id: $id}) DELETE s RETURN count(*) AS n', { id }), {
    countsAsModelWrite: false,
  });
  return Number(out.value[0]?.n ?? 0) > 0;
}
