/**
 * Brings a database to a usable state: constraints and indexes applied, and
 * the seed data loaded (always with `force`, else only into an empty graph).
 */
import { fileURLToPath } from 'node:url';
import { ENTITY_LABEL } from '../../graph-schema/vocabulary';
import type { GraphDb } from '../store/driver';
import { applySchema } from '../store/schema';
import { loadSeed } from '../seed/load-seed';
import type { SeedLoadResult } from '../seed/load-seed';

export const SEED_DIR = fileURLToPath(new URL('../../seed/data/', import.meta.url));

export async function isEmpty(db: GraphDb): Promise<boolean> {
  const rows = await db.read((tx) => tx.run(`MATCH (n:${ENTITY_LABEL}) RETURN count(n) > 0 AS any`));
  return rows[0]?.any !== true;
}

export async function prepareDatabase(
  db: GraphDb,
  opts: { seed: 'always' | 'if-empty' | 'never'; seedDir?: string },
): Promise<SeedLoadResult | null> {
  await applySchema(db);
  if (opts.seed === 'never') return null;
  if (opts.seed === 'if-empty' && !(await isEmpty(db))) return null;
  return loadSeed(db, opts.seedDir ?? SEED_DIR);
}

export function describeLoad(result: SeedLoadResult): string {
  const lines = result.counts.map(
    (c) => `  ${c.kind.padEnd(17)} ${String(c.inFiles).padStart(5)} in files: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged${c.retired ? `, ${c.retired} old generated rows retired` : ''}`,
  );
  return [`seed: ${result.files.length} files, version ${result.version}${result.changed ? '' : ' (nothing changed)'}`, ...lines].join('\n');
}
