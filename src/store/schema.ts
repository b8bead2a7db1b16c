/**
 * Applies graph-schema/constraints.cypher: uniqueness constraints and indexes,
 * idempotent (every statement is IF NOT EXISTS), at every start.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GraphDb } from './driver';

const CONSTRAINTS_FILE = fileURLToPath(new URL('../../graph-schema/constraints.cypher', import.meta.url));

export function constraintStatements(text = readFileSync(CONSTRAINTS_FILE, 'utf8')): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Schema statements cannot share a transaction with data writes, so each runs on its own. */
export async function applySchema(db: GraphDb): Promise<number> {
  const statements = constraintStatements();
  for (const statement of statements) await db.schema(statement);
  await db.schema('CALL db.awaitIndexes(120)');
  return statements.length;
}
